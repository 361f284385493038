import type { Operator } from '../../core/admin/operator.js';
import { GUEST_LANGUAGES } from '../../core/tenants/brand.js';
import { csrfField, statusBadge, table, when } from './console-format.js';
import { html, type SafeHtml } from '../html.js';

export async function keysPage(operator: Operator, csrf: string, created?: { tenantName: string; apiKey: string }): Promise<SafeHtml> {
  const [tenants, keys, orgs] = await Promise.all([operator.tenants.list(), operator.tenants.listKeys(), operator.orgs.list()]);
  const brands = await Promise.all(tenants.map((t) => operator.tenants.brand(t.id)));
  const nameOf = new Map(tenants.map((t) => [t.id, t.name]));
  return html`
${created === undefined
    ? html``
    : html`<div class="notice" role="status"><p>API key for ${created.tenantName}: copy it now, it is shown this once and g2g keeps only its hash.</p>
<code class="secret" id="new-key">${created.apiKey}</code> <button type="button" class="secondary" data-copy="new-key">Copy key</button></div>`}
<h2>Create an API key</h2>
<form class="grid" method="post" action="/console/keys">${csrfField(csrf)}
<label>Tenant name<input name="tenantName" required maxlength="100" autocomplete="off"></label>
<label>Orgs it may use<select name="orgIds" multiple size="${Math.min(Math.max(orgs.length, 2), 6)}">${orgs.map((o) => html`<option value="${o.id}">${o.id}</option>`)}</select></label>
<label>Expires (optional, UTC day)<input name="expiresOn" type="date"></label>
<button type="submit">Create key</button></form>
<h2>API keys</h2>
${table(
    'API keys',
    ['Key id', 'Tenant', 'State', 'Created', 'Expires', 'Revoke'],
    keys.map(
      (k) => html`<tr><td class="mono">${k.id}</td><td>${nameOf.get(k.tenantId) ?? k.tenantId}</td><td>${statusBadge(k.status)}</td><td>${when(k.createdAt)}</td><td>${when(k.expiresAt)}</td>
<td>${k.status === 'revoked' ? html`—` : html`<form class="inline" method="post" action="/console/keys/${encodeURIComponent(k.id)}/revoke">${csrfField(csrf)}<button type="submit" class="danger" aria-label="Revoke key ${k.id}">Revoke</button></form>`}</td></tr>`,
    ),
    'No API key yet.',
  )}
<h2>Tenants</h2>
${table(
    'Tenants',
    ['Tenant', 'Id', 'Orgs', 'Guest-page brand'],
    tenants.map((t, i) => {
      const b = brands[i] ?? { displayName: null, logoUrl: null, accentColor: null, language: 'en' as const };
      return html`<tr><td>${t.name}</td><td class="mono">${t.id}</td><td class="mono">${t.orgIds.join(' ') || '—'}</td><td><details><summary>Brand of ${t.name}</summary>
<form class="grid" method="post" action="/console/tenants/${encodeURIComponent(t.id)}/brand">${csrfField(csrf)}
<label>Name shown to guests<input name="displayName" maxlength="100" value="${b.displayName ?? ''}"></label>
<label>Logo URL (https)<input name="logoUrl" type="url" value="${b.logoUrl ?? ''}"></label>
<label>Accent colour<input name="accentColor" type="color" value="${b.accentColor ?? '#1a5fb4'}"></label>
<label>Language<select name="language">${GUEST_LANGUAGES.map((l) => html`<option value="${l}"${b.language === l ? html` selected` : html``}>${l === 'en' ? 'English' : 'Español'}</option>`)}</select></label>
<button type="submit">Save brand</button></form></details></td></tr>`;
    }),
    'No tenant yet: creating a key creates its tenant.',
  )}`;
}

import type { Operator } from '../../core/admin/operator.js';
import { describeError } from '../../core/describe-error.js';
import { isG2GError } from '../../core/errors.js';
import type { Preflight } from '../../core/orgs/preflight.js';
import { csrfField, statusBadge, table, when } from './console-format.js';
import { html, type SafeHtml } from '../html.js';
import { whatToDo } from './overview-page.js';

export async function orgsPage(operator: Operator): Promise<SafeHtml> {
  const orgs = await operator.orgs.list();
  return table(
    'Orgs',
    ['Org', 'Status', 'Site', 'Scopes', 'Access token expires', 'Refresh token expires'],
    orgs.map(
      (o) => html`<tr><td><a href="/console/orgs/${encodeURIComponent(o.id)}">${o.id}</a></td><td>${statusBadge(o.status)}</td><td>${o.siteUrl ?? '—'}</td>
<td class="mono">${o.scopes.join(' ')}</td><td>${when(o.accessTokenExpiresAt)}</td><td>${when(o.refreshTokenExpiresAt)}</td></tr>`,
    ),
    'No org has authorized the Service App yet. An org admin authorizes it in Control Hub (on the embedded sandbox, the seed org is authorized at start).',
  );
}

function preflightTable(preflight: Preflight): SafeHtml {
  return table(
    'Preflight checks',
    ['Check', 'Result', 'Detail', 'What to do'],
    preflight.checks.map(
      (c) => html`<tr><td>${c.name.replace(/_/g, ' ')}</td><td>${statusBadge(c.ok ? 'ok' : 'failed')}</td><td>${c.detail}</td><td>${c.fix ?? '—'}</td></tr>`,
    ),
    'No checks ran.',
  );
}

/** One org: what g2g stores, the live preflight against Webex with the fixes the API can apply, and its guest count. */
export async function orgPage(operator: Operator, orgId: string, csrf: string, fixed?: { applied: string[]; preflight: Preflight }): Promise<SafeHtml | undefined> {
  const org = await operator.orgs.get(orgId);
  if (org === undefined) return undefined;
  const [preflight, guests] = await Promise.all([
    fixed !== undefined ? Promise.resolve(fixed.preflight) : operator.orgs.preflight(orgId).catch((error: unknown) => error),
    operator.guestCount(orgId).catch((error: unknown) => error),
  ]);
  const guestText = typeof guests === 'number' ? String(guests) : `unavailable (${isG2GError(guests) ? guests.message : describeError(guests).message})`;
  const fixable = typeof preflight === 'object' && preflight !== null && 'checks' in preflight && !(preflight as Preflight).ok;
  return html`
<dl class="cards">
<div class="card"><dt class="muted">Status</dt><dd>${statusBadge(org.status)} ${org.status === 'ready' ? '' : whatToDo(org)}</dd></div>
<div class="card"><dt class="muted">Guest-to-guest site</dt><dd>${org.siteUrl ?? '—'}</dd></div>
<div class="card"><dt class="muted">Authorized</dt><dd>${when(org.authorizedAt)}</dd></div>
<div class="card"><dt class="muted">Access token expires</dt><dd>${when(org.accessTokenExpiresAt)}</dd></div>
<div class="card"><dt class="muted">Refresh token expires</dt><dd>${when(org.refreshTokenExpiresAt)}</dd></div>
<div class="card"><dt class="muted">Guests created (Webex count)</dt><dd data-testid="guest-count">${guestText}</dd></div>
</dl>
<h2>Scopes</h2><p class="mono">${org.scopes.join(' ') || 'none'}</p>
${org.warnings.length > 0 ? html`<h2>Warnings</h2><ul>${org.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : html``}
<h2>Preflight</h2>
${fixed !== undefined ? html`<p class="notice" role="status">${fixed.applied.length === 0 ? 'Nothing the API can fix was wrong.' : `Applied: ${fixed.applied.join('; ')}`}</p>` : html``}
${typeof preflight === 'object' && preflight !== null && 'checks' in preflight
    ? preflightTable(preflight as Preflight)
    : html`<p class="notice error">Preflight could not run: ${isG2GError(preflight) ? preflight.message : 'Webex did not answer'}</p>`}
${fixable
    ? html`<form method="post" action="/console/orgs/${encodeURIComponent(org.id)}/fix">${csrfField(csrf)}<button type="submit">Apply the fixes the API can make</button></form>
<p class="muted">Fixes that need a person (scopes, authorizing again in Control Hub) stay in the table above.</p>`
    : html``}
<p><a href="/console/usage?org=${encodeURIComponent(org.id)}">Usage of this org</a> · <a href="/console/capacity#org-${encodeURIComponent(org.id)}">Capacity</a></p>`;
}

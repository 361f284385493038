import type { Operator } from '../../core/admin/operator.js';
import type { OperatorVisitView } from '../../core/admin/operator-visits.js';
import { VISIT_STATUSES, type VisitStatus } from '../../core/visits/visit-request.js';
import type { ParticipantView } from '../../core/visits/visit-view.js';
import { csrfField, statusBadge, table, when } from './console-format.js';
import { html, type SafeHtml } from '../html.js';

export interface VisitSearch {
  status?: string | undefined;
  orgId?: string | undefined;
  tenantId?: string | undefined;
  externalId?: string | undefined;
  /** yyyy-mm-dd (UTC), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isStatus = (s: string | undefined): s is VisitStatus => s !== undefined && (VISIT_STATUSES as readonly string[]).includes(s);
const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** The filters as the form shows them, and which were ignored as malformed (said on the page, not a 500). */
function readSearch(q: VisitSearch): { query: Parameters<Operator['visits']['list']>[0]; problems: string[] } {
  const problems: string[] = [];
  const from = blank(q.from);
  const to = blank(q.to);
  if (from !== undefined && !DAY.test(from)) problems.push('From must be a date (yyyy-mm-dd)');
  if (to !== undefined && !DAY.test(to)) problems.push('To must be a date (yyyy-mm-dd)');
  const status = blank(q.status);
  if (status !== undefined && !isStatus(status)) problems.push(`State must be one of ${VISIT_STATUSES.join(', ')}`);
  return {
    problems,
    query: {
      status: isStatus(status) ? status : undefined,
      orgId: blank(q.orgId),
      tenantId: blank(q.tenantId),
      externalId: blank(q.externalId),
      from: from !== undefined && DAY.test(from) ? `${from}T00:00:00.000Z` : undefined,
      // Inclusive day: visits starting before the next midnight.
      to: to !== undefined && DAY.test(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
      cursor: blank(q.cursor),
      limit: 50,
    },
  };
}

export async function visitsPage(operator: Operator, q: VisitSearch): Promise<SafeHtml> {
  const { query, problems } = readSearch(q);
  const page = await operator.visits.list(query);
  const keep = (name: keyof VisitSearch) => (q[name] === undefined ? '' : q[name]);
  const next = new URLSearchParams(Object.entries({ ...q, cursor: page.nextCursor ?? '' }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
  return html`
<form class="grid" method="get" action="/console/visits" role="search" aria-label="Search visits">
<label>State<select name="status"><option value="">any</option>${VISIT_STATUSES.map((s) => html`<option value="${s}"${q.status === s ? html` selected` : html``}>${s.replace('_', ' ')}</option>`)}</select></label>
<label>Org id<input name="orgId" value="${keep('orgId')}" autocomplete="off"></label>
<label>Tenant id<input name="tenantId" value="${keep('tenantId')}" autocomplete="off"></label>
<label>External id<input name="externalId" value="${keep('externalId')}" autocomplete="off"></label>
<label>From (UTC day)<input name="from" type="date" value="${keep('from')}"></label>
<label>To (UTC day)<input name="to" type="date" value="${keep('to')}"></label>
<button type="submit">Search</button>
</form>
${problems.length > 0 ? html`<p class="notice error" role="alert">Ignored: ${problems.join('; ')}.</p>` : html``}
<h2>Visits</h2>
${table(
    'Visits',
    ['Start', 'Title', 'State', 'Org', 'Tenant', 'External id', { text: 'Seats', num: true }],
    page.items.map(
      (v) => html`<tr><td>${when(v.start)}</td><td><a href="/console/visits/${encodeURIComponent(v.id)}">${v.title}</a></td><td>${statusBadge(v.status)}</td><td class="mono">${v.orgId}</td><td class="mono">${v.tenantId}</td><td>${v.externalId ?? '—'}</td><td class="num">${v.participants.length}</td></tr>`,
    ),
    'No visit matches.',
  )}
${page.nextCursor === null ? html`` : html`<p><a href="/console/visits?${next.toString()}">Next page</a></p>`}`;
}

/** What happened to a visit, in order: scheduled, started, each seat joined and left, ended or cancelled. */
export function timeline(v: OperatorVisitView): { at: string; text: string }[] {
  const items: { at: string; text: string }[] = [{ at: v.createdAt, text: `scheduled for ${when(v.start)} (${v.durationMinutes} min)` }];
  if (v.startedAt !== null) items.push({ at: v.startedAt, text: 'meeting started' });
  for (const p of v.participants) {
    if (p.joinedAt !== null) items.push({ at: p.joinedAt, text: `${p.displayName} (${p.role}) joined` });
    if (p.leftAt !== null) items.push({ at: p.leftAt, text: `${p.displayName} (${p.role}) left` });
  }
  if (v.endedAt !== null) items.push({ at: v.endedAt, text: v.status === 'cancelled' ? 'cancelled' : v.status === 'missed' ? 'missed (nobody started it)' : 'meeting ended' });
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

function seatRow(v: OperatorVisitView, p: ParticipantView, csrf: string, open: boolean): SafeHtml {
  const base = `/console/visits/${encodeURIComponent(v.id)}/participants/${encodeURIComponent(p.id)}`;
  const link =
    p.joinUrl === null
      ? html`<span class="muted">no live link</span>`
      : html`<code class="mono" id="link-${p.id}">${p.joinUrl}</code> <button type="button" class="secondary" data-copy="link-${p.id}">Copy link</button>`;
  const actions = open
    ? html`<div class="actions"><form class="inline" method="post" action="${base}/reissue">${csrfField(csrf)}<button type="submit" class="secondary">Re-issue link</button></form>
${p.joinUrl === null ? html`` : html`<form class="inline" method="post" action="${base}/revoke">${csrfField(csrf)}<button type="submit" class="danger">Revoke link</button></form>`}</div>`
    : html``;
  return html`<tr><td>${p.displayName}</td><td>${p.role}</td><td>${p.email ?? '—'}</td><td>${when(p.joinedAt)}</td><td>${when(p.leftAt)}</td><td>${link}</td><td>${actions}</td></tr>`;
}

export async function visitPage(operator: Operator, visitId: string, csrf: string): Promise<SafeHtml> {
  const v = await operator.visits.get(visitId);
  const open = v.status === 'scheduled' || v.status === 'in_progress';
  return html`
<p>${statusBadge(v.status)} <span class="muted">org</span> <span class="mono">${v.orgId}</span> <span class="muted">tenant</span> <span class="mono">${v.tenantId}</span>${v.externalId === null ? '' : html` <span class="muted">external id</span> ${v.externalId}`}</p>
<h2>Timeline</h2>
<ol class="timeline">${timeline(v).map((t) => html`<li><time datetime="${t.at}">${when(t.at)}</time>: ${t.text}</li>`)}</ol>
<h2>Seats</h2>
${table('Seats', ['Name', 'Role', 'E-mail', 'Joined', 'Left', 'Join link', 'Actions'], v.participants.map((p) => seatRow(v, p, csrf, open)), 'No seats.')}
${v.status === 'scheduled'
    ? html`<h2>Cancel</h2><form method="post" action="/console/visits/${encodeURIComponent(v.id)}/cancel">${csrfField(csrf)}<button type="submit" class="danger">Cancel this visit</button></form>
<p class="muted">Deletes the Webex meeting; every link then shows the cancelled page.</p>`
    : html``}`;
}

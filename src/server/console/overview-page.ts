import type { Operator } from '../../core/admin/operator.js';
import { ORG_STATUSES, type Org } from '../../core/orgs/org.js';
import { VISIT_STATUSES } from '../../core/visits/visit-request.js';
import { startOfUtcDay, statusBadge, table } from './console-format.js';
import { html, type SafeHtml } from '../html.js';

/** What an operator does about an org that cannot be used. */
export function whatToDo(org: Pick<Org, 'status' | 'statusReason'>): string {
  switch (org.status) {
    case 'needs_reauth':
      return 'Webex refused its refresh token: a Control Hub admin of the org must authorize the Service App again.';
    case 'deauthorized':
      return 'The org deauthorized the Service App in Control Hub: its admin must authorize it again to use g2g.';
    case 'refused':
      return 'The authorization lacks guest-meeting:rw: a Control Hub admin must authorize again granting it.';
    case 'pending':
      return `Still being set up (${org.statusReason ?? 'fetching tokens'}): g2g finishes it by itself.`;
    case 'ready':
      return 'Nothing to do.';
  }
}

/** Every page of visits starting in [from, to), up to `cap` visits (an overview, not an export). */
async function visitsBetween(operator: Operator, from: number, to: number, cap = 2000) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await operator.visits.list({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < cap);
  return items;
}

export async function overviewPage(operator: Operator, now: number): Promise<SafeHtml> {
  const dayStart = startOfUtcDay(now);
  const [orgs, today, dead] = await Promise.all([operator.orgs.list(), visitsBetween(operator, dayStart, dayStart + 86_400_000), operator.events.list({ statuses: ['dead'], limit: 500 })]);
  const perOrg = await Promise.all(
    orgs.map(async (org) => {
      const [capacity, usage] = await Promise.all([
        operator.capacity.show(org.id),
        operator.usage.report(org.id, { from: dayStart, to: Math.max(now, dayStart + 1), granularity: 'day' }),
      ]);
      return { org, capacity, deferred: usage.totals.deferredClicks };
    }),
  );
  const byStatus = (status: string) => orgs.filter((o) => o.status === status).length;
  const visitCount = (status: string) => today.filter((v) => v.status === status).length;
  const deferredToday = perOrg.reduce((sum, o) => sum + o.deferred, 0);
  const attention = orgs.filter((o) => o.status !== 'ready');

  return html`
<section aria-labelledby="h-orgs"><h2 id="h-orgs">Orgs by status</h2>
<div class="cards">${ORG_STATUSES.map((s) => html`<div class="card"><div class="big">${byStatus(s)}</div>${statusBadge(s)}</div>`)}</div>
${attention.length === 0
    ? html`<p class="muted">Every org is ready.</p>`
    : html`<h3>Needs attention</h3><ul>${attention.map((o) => html`<li><a href="/console/orgs/${encodeURIComponent(o.id)}">${o.id}</a> ${statusBadge(o.status)}: ${whatToDo(o)}</li>`)}</ul>`}
</section>
<section aria-labelledby="h-visits"><h2 id="h-visits">Visits today (UTC) by state</h2>
<div class="cards">${VISIT_STATUSES.map((s) => html`<div class="card"><div class="big">${visitCount(s)}</div>${statusBadge(s)}</div>`)}</div>
</section>
<section aria-labelledby="h-live"><h2 id="h-live">Meetings in progress against the licence</h2>
${table(
    'Meetings in progress per org',
    ['Org', { text: 'In progress', num: true }, { text: 'Starting', num: true }, { text: 'Licence', num: true }, { text: 'Deferred clicks today', num: true }],
    perOrg.map(
      ({ org, capacity, deferred }) =>
        html`<tr><td><a href="/console/orgs/${encodeURIComponent(org.id)}">${org.id}</a></td><td class="num">${capacity.inProgress}</td><td class="num">${capacity.starting}</td><td class="num">${capacity.licensed ?? 'unknown'}</td><td class="num">${deferred}</td></tr>`,
    ),
    'No org has authorized the Service App yet.',
  )}
</section>
<section aria-labelledby="h-attn"><h2 id="h-attn">Held back and failed</h2>
<div class="cards">
<div class="card"><div class="big">${deferredToday}</div>clicks deferred today (every licence busy)</div>
<div class="card"><div class="big">${dead.length}</div><a href="/console/events?status=dead">dead outbound events</a></div>
</div></section>`;
}

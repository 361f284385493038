import type { Operator } from '../../core/admin/operator.js';
import { USAGE_GRANULARITIES, type UsageGranularity, type UsageReport } from '../../core/usage/compute-usage.js';
import { table, when } from './console-format.js';
import { html, type SafeHtml } from '../html.js';

export interface UsageForm {
  org?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  granularity?: string | undefined;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The form's days as the report's [from, to): `to` is inclusive on the form. */
export function usageQuery(form: UsageForm, now: number): { orgId: string | undefined; from: number; to: number; granularity: UsageGranularity } {
  const granularity: UsageGranularity = (USAGE_GRANULARITIES as readonly string[]).includes(form.granularity ?? '') ? (form.granularity as UsageGranularity) : 'day';
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const to = form.to !== undefined && DAY.test(form.to) ? Date.parse(`${form.to}T00:00:00Z`) + DAY_MS : today + DAY_MS;
  const from = form.from !== undefined && DAY.test(form.from) ? Date.parse(`${form.from}T00:00:00Z`) : to - 7 * DAY_MS;
  return { orgId: form.org === undefined || form.org === '' ? undefined : form.org, from, to, granularity };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function usagePage(operator: Operator, form: UsageForm, now: number): Promise<SafeHtml> {
  const orgs = await operator.orgs.list();
  const q = usageQuery(form, now);
  const orgId = q.orgId ?? orgs[0]?.id;
  const report: UsageReport | undefined = orgId === undefined ? undefined : await operator.usage.report(orgId, { from: q.from, to: q.to, granularity: q.granularity });
  const csv = new URLSearchParams({ org: orgId ?? '', from: day(q.from), to: day(q.to - DAY_MS), granularity: q.granularity });
  return html`
<form class="grid" method="get" action="/console/usage" aria-label="Usage report">
<label>Org<select name="org">${orgs.map((o) => html`<option value="${o.id}"${o.id === orgId ? html` selected` : html``}>${o.id}</option>`)}</select></label>
<label>From (UTC day)<input name="from" type="date" value="${day(q.from)}"></label>
<label>To (UTC day, included)<input name="to" type="date" value="${day(q.to - DAY_MS)}"></label>
<label>Per<select name="granularity">${USAGE_GRANULARITIES.map((g) => html`<option value="${g}"${g === q.granularity ? html` selected` : html``}>${g}</option>`)}</select></label>
<button type="submit">Show</button></form>
${report === undefined
    ? html`<p class="muted">No org has authorized the Service App yet.</p>`
    : html`<p><a href="/console/usage.csv?${csv.toString()}" download>Download CSV</a></p>
<div class="cards">
<div class="card"><div class="big">${report.totals.meetings}</div>meetings</div>
<div class="card"><div class="big">${report.totals.meetingMinutes}</div>meeting minutes</div>
<div class="card"><div class="big">${report.totals.participants}</div>participants (${report.totals.uniqueGuests} unique guests)</div>
<div class="card"><div class="big">${report.totals.peakConcurrent} / ${report.licensed ?? '?'}</div>peak in progress / licence</div>
<div class="card"><div class="big">${report.totals.deferredClicks}</div>deferred clicks (wait p95 ${report.totals.p95WaitSeconds} s, total ${report.totals.totalWaitSeconds} s)</div>
<div class="card"><div class="big">${report.licenceNeeded.licensed}</div>licence that would have served the busiest hour${report.licenceNeeded.busiestHour === null ? '' : ` (${when(report.licenceNeeded.busiestHour)})`} with nobody held back</div>
</div>
<h2>By ${report.granularity}</h2>
${table(
        'Usage by period',
        ['Period start', { text: 'Meetings', num: true }, { text: 'Minutes', num: true }, { text: 'Participants', num: true }, { text: 'Unique guests', num: true }, { text: 'Peak', num: true }, { text: 'Deferred', num: true }, { text: 'Wait p95 (s)', num: true }],
        report.buckets.map(
          (b) => html`<tr><td>${when(b.start)}</td><td class="num">${b.meetings}</td><td class="num">${b.meetingMinutes}</td><td class="num">${b.participants}</td><td class="num">${b.uniqueGuests}</td><td class="num">${b.peakConcurrent}</td><td class="num">${b.deferredClicks}</td><td class="num">${b.p95WaitSeconds}</td></tr>`,
        ),
        'No period in range.',
      )}`}`;
}

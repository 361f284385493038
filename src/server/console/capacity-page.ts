import type { Operator } from '../../core/admin/operator.js';
import type { UsageReport } from '../../core/usage/compute-usage.js';
import { csrfField, table } from './console-format.js';
import { html, SafeHtml } from '../html.js';

const HOUR = 3_600_000;

/** The chart's data, hour by hour: peak meetings in progress, the licence, and clicks held back. */
export interface CapacitySeries {
  orgId: string;
  /** Epoch seconds of each hour's start (uPlot's x axis). */
  hours: number[];
  peak: number[];
  licensed: (number | null)[];
  deferred: number[];
}

export function seriesOf(report: UsageReport): CapacitySeries {
  return {
    orgId: report.orgId,
    hours: report.buckets.map((b) => Math.floor(Date.parse(b.start) / 1000)),
    peak: report.buckets.map((b) => b.peakConcurrent),
    licensed: report.buckets.map(() => report.licensed),
    deferred: report.buckets.map((b) => b.deferredClicks),
  };
}

/** JSON inside a non-executed data block: `<` escaped so no value can close the element. */
function dataBlock(id: string, value: unknown): SafeHtml {
  const json = JSON.stringify(value).replace(/</g, '\\u003c');
  return html`<script type="application/json" id="${id}">${new SafeHtml(json)}</script>`;
}

export async function capacityPage(operator: Operator, csrf: string, now: number): Promise<SafeHtml> {
  const orgs = await operator.orgs.list();
  const end = Math.ceil(now / HOUR) * HOUR;
  const sections = await Promise.all(
    orgs.map(async (org) => {
      const [capacity, week] = await Promise.all([operator.capacity.show(org.id), operator.usage.report(org.id, { from: end - 7 * 24 * HOUR, to: end, granularity: 'hour' })]);
      const day = { ...week, buckets: week.buckets.slice(-24) };
      const peakOf = (r: UsageReport, f: (b: UsageReport['buckets'][number]) => number) => r.buckets.reduce((a, b) => Math.max(a, f(b)), 0);
      const total = (r: UsageReport) => r.buckets.reduce((a, b) => a + b.deferredClicks, 0);
      const id = encodeURIComponent(org.id);
      return html`<section id="org-${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${org.id}</h2>
<p>${capacity.inProgress} in progress now, ${capacity.starting} starting, licence ${capacity.licensed ?? 'unknown'}${capacity.available === null ? '' : `, ${capacity.available} free`}.</p>
${table(
        `Capacity of ${org.id}`,
        ['Window', { text: 'Peak in progress', num: true }, { text: 'Licence', num: true }, { text: 'Deferred clicks', num: true }],
        [
          html`<tr><td>Last 24 hours</td><td class="num">${peakOf(day, (b) => b.peakConcurrent)}</td><td class="num">${week.licensed ?? 'unknown'}</td><td class="num">${total(day)}</td></tr>`,
          html`<tr><td>Last 7 days</td><td class="num">${peakOf(week, (b) => b.peakConcurrent)}</td><td class="num">${week.licensed ?? 'unknown'}</td><td class="num">${total(week)}</td></tr>`,
        ],
        '',
      )}
<figure class="chart"><figcaption>Peak meetings in progress per hour against the licence, and deferred clicks: last 24 hours</figcaption><div class="capacity-chart" data-series="cap-day-${id}" role="img" aria-label="Chart of the last 24 hours for ${org.id}; the table above has the figures"></div></figure>
<figure class="chart"><figcaption>The same over the last 7 days</figcaption><div class="capacity-chart" data-series="cap-week-${id}" role="img" aria-label="Chart of the last 7 days for ${org.id}; the table above has the figures"></div></figure>
${dataBlock(`cap-day-${id}`, seriesOf(day))}${dataBlock(`cap-week-${id}`, seriesOf(week))}
<form class="grid" method="post" action="/console/capacity/${id}">${csrfField(csrf)}
<label>Concurrent-meeting licence<input name="licensed" type="number" min="0" max="100000" step="1" required value="${capacity.licensed ?? ''}"></label>
<button type="submit">Save licence</button></form>
</section>`;
    }),
  );
  return orgs.length === 0 ? html`<p class="muted">No org has authorized the Service App yet.</p>` : html`${sections}`;
}

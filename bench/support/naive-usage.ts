// The baseline of bench/usage-report.ts: computeUsage as first written, before facts were bucketed once.
import type { UsageBucket, UsageFigures, UsageInput, UsageReport } from '../../src/core/usage/compute-usage.js';
import type { UsageDeferral, UsageParticipant } from '../../src/core/usage/usage-store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first, obvious version of computeUsage (every fact filtered per bucket, a sort per bucket): the baseline. */
export function naiveUsage(input: UsageInput): UsageReport {
  const step = input.granularity === 'hour' ? HOUR : DAY;
  const intervals = input.meetings.map((m) => ({ start: m.startedAt, end: m.endedAt ?? input.now }));
  const waits = waitsOf(input.deferrals, input.participants);
  const figures = (from: number, to: number): UsageFigures => {
    const joins = input.participants.filter((p) => p.joinedAt >= from && p.joinedAt < to);
    const waited = waits.filter((w) => w.at >= from && w.at < to).map((w) => w.seconds);
    return {
      meetings: input.meetings.filter((m) => m.startedAt >= from && m.startedAt < to).length,
      meetingMinutes: Math.round(intervals.reduce((sum, i) => sum + Math.max(0, Math.min(i.end, to) - Math.max(i.start, from)), 0) / 6_000) / 10,
      participants: joins.length,
      uniqueGuests: new Set(joins.map((p) => p.guestKey.toLowerCase())).size,
      peakConcurrent: peak(intervals, from, to),
      deferredClicks: input.deferrals.filter((d) => d.deferredAt >= from && d.deferredAt < to).length,
      totalWaitSeconds: Math.round(waited.reduce((a, b) => a + b, 0)),
      p95WaitSeconds: Math.round(percentile(waited, 0.95)),
    };
  };
  const buckets: UsageBucket[] = [];
  for (let start = floorTo(input.from, step); start < input.to; start += step) {
    const end = start + step;
    buckets.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), ...figures(Math.max(start, input.from), Math.min(end, input.to)) });
  }
  return {
    orgId: input.orgId,
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    granularity: input.granularity,
    licensed: input.licensed,
    totals: figures(input.from, input.to),
    buckets,
    licenceNeeded: licenceNeeded(input, intervals),
  };
}

/** Held-back meetings as if they had started at their first held-back click; the busiest hour's peak. */
function licenceNeeded(input: UsageInput, intervals: { start: number; end: number }[]): UsageReport['licenceNeeded'] {
  const firstDeferral = new Map<string, number>();
  for (const d of input.deferrals) firstDeferral.set(d.visitId, Math.min(firstDeferral.get(d.visitId) ?? Infinity, d.deferredAt));
  const demand = input.meetings.map((m, i) => ({ start: Math.min(m.startedAt, firstDeferral.get(m.visitId) ?? Infinity), end: (intervals[i] as { end: number }).end }));
  // A visit held back that never started still wanted a license from its first click to its last.
  const started = new Set(input.meetings.map((m) => m.visitId));
  const lastDeferral = new Map<string, number>();
  for (const d of input.deferrals) lastDeferral.set(d.visitId, Math.max(lastDeferral.get(d.visitId) ?? 0, d.deferredAt));
  for (const [visitId, first] of firstDeferral) if (!started.has(visitId)) demand.push({ start: first, end: Math.max(first + 1, lastDeferral.get(visitId) ?? first) });
  let best = { licensed: 0, busiestHour: null as string | null };
  for (let start = floorTo(input.from, HOUR); start < input.to; start += HOUR) {
    const n = peak(demand, Math.max(start, input.from), Math.min(start + HOUR, input.to));
    if (n > best.licensed) best = { licensed: n, busiestHour: new Date(start).toISOString() };
  }
  return best;
}

/** Most intervals open at once within [from, to): a sweep over starts (+1) and ends (-1), ends first at a tie. */
function peak(intervals: { start: number; end: number }[], from: number, to: number): number {
  const edges: [number, number][] = [];
  for (const i of intervals) {
    const s = Math.max(i.start, from);
    const e = Math.min(i.end, to);
    if (e > s) edges.push([s, 1], [e, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, d] of edges) {
    open += d;
    most = Math.max(most, open);
  }
  return most;
}

/** One wait per held-back seat, placed at its first held-back click. */
function waitsOf(deferrals: UsageDeferral[], participants: UsageParticipant[]): { at: number; seconds: number }[] {
  const bySeat = new Map<string, { first: number; last: number }>();
  for (const d of deferrals) {
    const key = `${d.visitId}/${d.participantId}`;
    const seen = bySeat.get(key);
    bySeat.set(key, seen === undefined ? { first: d.deferredAt, last: d.deferredAt } : { first: Math.min(seen.first, d.deferredAt), last: Math.max(seen.last, d.deferredAt) });
  }
  const joined = new Map(participants.map((p) => [`${p.visitId}/${p.participantId}`, p.joinedAt]));
  return [...bySeat].map(([key, { first, last }]) => {
    const join = joined.get(key);
    return { at: first, seconds: ((join !== undefined && join >= first ? join : last) - first) / 1000 };
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

function floorTo(ms: number, step: number): number {
  return Math.floor(ms / step) * step;
}


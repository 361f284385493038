import type { UsageDeferral, UsageMeeting, UsageParticipant } from './usage-store.js';

export const USAGE_GRANULARITIES = ['day', 'hour'] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/** The figures of one period (a bucket, or the whole report). Times in seconds, minutes rounded to 0.1. */
export interface UsageFigures {
  /** Meetings that started in the period. */
  meetings: number;
  /** Minutes meetings ran inside the period (a running meeting counts up to now). */
  meetingMinutes: number;
  /** Joins (seats that joined) in the period. */
  participants: number;
  /** Different people among those joins. */
  uniqueGuests: number;
  /** Most meetings in progress at once during the period. */
  peakConcurrent: number;
  /** Clicks the license governor held back (every license in use). */
  deferredClicks: number;
  /** Seconds held-back guests waited, summed: from their first held-back click to their join (or last click). */
  totalWaitSeconds: number;
  /** 95th percentile of those waits (nearest rank); 0 with nobody held back. */
  p95WaitSeconds: number;
}

export interface UsageBucket extends UsageFigures {
  start: string;
  end: string;
}

export interface UsageReport {
  orgId: string;
  from: string;
  to: string;
  granularity: UsageGranularity;
  /** The org's concurrent-meeting license as recorded now; null when unknown. */
  licensed: number | null;
  totals: UsageFigures;
  buckets: UsageBucket[];
  /**
   * The license that would have served the busiest hour with nobody held back: held-back meetings counted as running
   * from their first held-back click. `busiestHour` is that hour's start (null with no meetings).
   */
  licenceNeeded: { licensed: number; busiestHour: string | null };
}

export interface UsageInput {
  orgId: string;
  from: number;
  to: number;
  granularity: UsageGranularity;
  now: number;
  licensed: number | null;
  meetings: UsageMeeting[];
  participants: UsageParticipant[];
  deferrals: UsageDeferral[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Pure: the report from what the store read (docs/api.md §Usage reports defines each figure). Each fact is placed in
 * its bucket once and the concurrency sweeps sort once, so a month by hour stays well under a second for a busy org
 * (bench/usage-report.ts).
 */
export function computeUsage(input: UsageInput): UsageReport {
  const step = input.granularity === 'hour' ? HOUR : DAY;
  const first = floorTo(input.from, step);
  const count = Math.max(0, Math.ceil((input.to - first) / step));
  const bucketOf = (t: number) => Math.floor((t - first) / step);
  const inRange = (t: number) => t >= input.from && t < input.to;
  const intervals = input.meetings.map((m) => ({ start: m.startedAt, end: m.endedAt ?? input.now }));
  const waits = waitsOf(input.deferrals, input.participants);

  const meetings = new Array<number>(count).fill(0);
  const minutesMs = new Array<number>(count).fill(0);
  const joins = new Array<number>(count).fill(0);
  const guests = Array.from({ length: count }, () => new Set<string>());
  const deferred = new Array<number>(count).fill(0);
  const waited = Array.from({ length: count }, () => [] as number[]);

  for (const m of input.meetings) if (inRange(m.startedAt)) (meetings[bucketOf(m.startedAt)] as number) += 1;
  for (const i of intervals) {
    const s = Math.max(i.start, input.from);
    const e = Math.min(i.end, input.to);
    for (let b = bucketOf(s); e > s && b < count && first + b * step < e; b += 1) {
      const bs = Math.max(first + b * step, input.from);
      const be = Math.min(first + (b + 1) * step, input.to);
      minutesMs[b] = (minutesMs[b] as number) + Math.max(0, Math.min(e, be) - Math.max(s, bs));
    }
  }
  for (const p of input.participants) {
    if (!inRange(p.joinedAt)) continue;
    const b = bucketOf(p.joinedAt);
    joins[b] = (joins[b] as number) + 1;
    guests[b]?.add(p.guestKey.toLowerCase());
  }
  for (const d of input.deferrals) if (inRange(d.deferredAt)) (deferred[bucketOf(d.deferredAt)] as number) += 1;
  for (const w of waits) if (inRange(w.at)) waited[bucketOf(w.at)]?.push(w.seconds);
  const peaks = peaksPerBucket(intervals, input.from, input.to, first, step, count);

  const figures = (n: { meetings: number; minutesMs: number; joins: number; guests: Set<string>; deferred: number; waited: number[]; peak: number }): UsageFigures => ({
    meetings: n.meetings,
    meetingMinutes: Math.round(n.minutesMs / 6_000) / 10,
    participants: n.joins,
    uniqueGuests: n.guests.size,
    peakConcurrent: n.peak,
    deferredClicks: n.deferred,
    totalWaitSeconds: Math.round(n.waited.reduce((a, b) => a + b, 0)),
    p95WaitSeconds: Math.round(percentile(n.waited, 0.95)),
  });
  const buckets: UsageBucket[] = [];
  for (let b = 0; b < count; b += 1) {
    buckets.push({
      start: new Date(first + b * step).toISOString(),
      end: new Date(first + (b + 1) * step).toISOString(),
      ...figures({ meetings: meetings[b] as number, minutesMs: minutesMs[b] as number, joins: joins[b] as number, guests: guests[b] as Set<string>, deferred: deferred[b] as number, waited: waited[b] as number[], peak: peaks[b] as number }),
    });
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totals = figures({
    meetings: sum(meetings),
    minutesMs: sum(minutesMs),
    joins: sum(joins),
    guests: new Set(guests.flatMap((g) => [...g])),
    deferred: sum(deferred),
    waited: waited.flat(),
    peak: Math.max(0, ...peaks),
  });
  return {
    orgId: input.orgId,
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    granularity: input.granularity,
    licensed: input.licensed,
    totals,
    buckets,
    licenceNeeded: licenceNeeded(input, intervals),
  };
}

/** Held-back meetings as if they had started at their first held-back click; the busiest hour's peak. */
function licenceNeeded(input: UsageInput, intervals: { start: number; end: number }[]): UsageReport['licenceNeeded'] {
  const firstDeferral = new Map<string, number>();
  const lastDeferral = new Map<string, number>();
  for (const d of input.deferrals) {
    firstDeferral.set(d.visitId, Math.min(firstDeferral.get(d.visitId) ?? Infinity, d.deferredAt));
    lastDeferral.set(d.visitId, Math.max(lastDeferral.get(d.visitId) ?? 0, d.deferredAt));
  }
  const demand = input.meetings.map((m, i) => ({ start: Math.min(m.startedAt, firstDeferral.get(m.visitId) ?? Infinity), end: (intervals[i] as { end: number }).end }));
  // A visit held back that never started still wanted a license from its first click to its last.
  const started = new Set(input.meetings.map((m) => m.visitId));
  for (const [visitId, at] of firstDeferral) if (!started.has(visitId)) demand.push({ start: at, end: Math.max(at + 1, lastDeferral.get(visitId) ?? at) });
  const first = floorTo(input.from, HOUR);
  const count = Math.max(0, Math.ceil((input.to - first) / HOUR));
  const peaks = peaksPerBucket(demand, input.from, input.to, first, HOUR, count);
  let best = { licensed: 0, busiestHour: null as string | null };
  peaks.forEach((n, b) => {
    if (n > best.licensed) best = { licensed: n, busiestHour: new Date(first + b * HOUR).toISOString() };
  });
  return best;
}

/**
 * Most intervals open at once in each bucket (clipped to [from, to)): one sweep over the sorted starts (+1) and
 * ends (-1), ends first at a tie, since an interval is [start, end).
 */
function peaksPerBucket(intervals: { start: number; end: number }[], from: number, to: number, first: number, step: number, count: number): number[] {
  const edges: [number, number][] = [];
  for (const i of intervals) {
    const s = Math.max(i.start, from);
    const e = Math.min(i.end, to);
    if (e > s) edges.push([s, 1], [e, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const peaks = new Array<number>(count).fill(0);
  let open = 0;
  let k = 0;
  for (let b = 0; b < count; b += 1) {
    const bs = Math.max(first + b * step, from);
    const be = Math.min(first + (b + 1) * step, to);
    while (k < edges.length && (edges[k] as [number, number])[0] <= bs) open += (edges[k++] as [number, number])[1];
    let peak = open;
    while (k < edges.length && (edges[k] as [number, number])[0] < be) {
      open += (edges[k++] as [number, number])[1];
      peak = Math.max(peak, open);
    }
    peaks[b] = peak;
  }
  return peaks;
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

const CSV_COLUMNS = ['start', 'end', 'meetings', 'meetingMinutes', 'participants', 'uniqueGuests', 'peakConcurrent', 'licensed', 'deferredClicks', 'totalWaitSeconds', 'p95WaitSeconds'] as const;

/** One line per bucket, then a `total` line; RFC 4180 (only ISO times and numbers, so nothing needs quoting). */
export function usageCsv(report: UsageReport): string {
  const row = (start: string, end: string, f: UsageFigures) =>
    [start, end, f.meetings, f.meetingMinutes, f.participants, f.uniqueGuests, f.peakConcurrent, report.licensed ?? '', f.deferredClicks, f.totalWaitSeconds, f.p95WaitSeconds].join(',');
  const lines = [CSV_COLUMNS.join(','), ...report.buckets.map((b) => row(b.start, b.end, b)), row('total', '', report.totals)];
  return `${lines.join('\r\n')}\r\n`;
}

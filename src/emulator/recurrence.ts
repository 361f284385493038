import type { Meeting } from './state.js';

/**
 * Recurring series (RFC 2445 RRULE subset: FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY for
 * weekly rules). Occurrences are computed from the series' first start, never stored; Webex caps series at 5
 * years (docs/webex-contract.md §1.1), and so do we (also at 1000 occurrences, to keep every walk bounded).
 */
export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  until?: number;
  byDay?: number[];
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const FIVE_YEARS_MS = 5 * 366 * 24 * 3600_000;
const MAX_OCCURRENCES = 1000;
const DAY_MS = 24 * 3600_000;

export function parseRecurrence(text: string): { ok: true; rule: RecurrenceRule } | { ok: false; problem: string } {
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '') return { ok: false, problem: `'recurrence' part '${part}' is not KEY=VALUE` };
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    return { ok: false, problem: "'recurrence' FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY" };
  }
  const rule: RecurrenceRule = { freq, interval: 1 };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) {
    const n = Number(interval);
    if (!Number.isInteger(n) || n < 1 || n > 999) return { ok: false, problem: "'recurrence' INTERVAL must be a whole number from 1 to 999" };
    rule.interval = n;
  }
  const count = parts.get('COUNT');
  if (count !== undefined) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_OCCURRENCES) return { ok: false, problem: `'recurrence' COUNT must be a whole number from 1 to ${MAX_OCCURRENCES}` };
    rule.count = n;
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
    if (!m) return { ok: false, problem: "'recurrence' UNTIL must look like 20301231 or 20301231T235959Z" };
    rule.until = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 23), Number(m[5] ?? 59), Number(m[6] ?? 59));
  }
  if (rule.count !== undefined && rule.until !== undefined) return { ok: false, problem: "'recurrence' may have COUNT or UNTIL, not both" };
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    if (freq !== 'WEEKLY') return { ok: false, problem: "'recurrence' BYDAY is supported with FREQ=WEEKLY only" };
    const days = byDay.split(',').map((d) => DAYS.indexOf(d));
    if (days.some((d) => d < 0)) return { ok: false, problem: "'recurrence' BYDAY must list days like MO,WE,FR" };
    rule.byDay = [...new Set(days)].sort((a, b) => a - b);
  }
  return { ok: true, rule };
}

type SeriesTimes = Pick<Meeting, 'start' | 'recurrence' | 'cancelledOccurrences'>;
type OccurrenceTimes = SeriesTimes & Pick<Meeting, 'end' | 'modifiedOccurrences'>;

/** Start times of every occurrence not cancelled, in order. */
export function* occurrenceStarts(meeting: SeriesTimes): Generator<number> {
  const cancelled = meeting.cancelledOccurrences;
  for (const start of allOccurrenceStarts(meeting)) if (cancelled === undefined || !cancelled.includes(start)) yield start;
}

function* allOccurrenceStarts(meeting: SeriesTimes): Generator<number> {
  if (meeting.recurrence === undefined) {
    yield meeting.start;
    return;
  }
  const parsed = parseRecurrence(meeting.recurrence);
  if (!parsed.ok) {
    yield meeting.start;
    return;
  }
  const { rule } = parsed;
  const limit = Math.min(rule.until ?? Number.POSITIVE_INFINITY, meeting.start + FIVE_YEARS_MS);
  const maxCount = rule.count ?? MAX_OCCURRENCES;
  let produced = 0;
  const first = new Date(meeting.start);
  for (let period = 0; produced < maxCount; period += rule.interval) {
    const candidates: number[] = [];
    if (rule.freq === 'DAILY') candidates.push(meeting.start + period * DAY_MS);
    else if (rule.freq === 'WEEKLY') {
      const weekStart = meeting.start + period * 7 * DAY_MS - first.getUTCDay() * DAY_MS;
      for (const day of rule.byDay ?? [first.getUTCDay()]) candidates.push(weekStart + day * DAY_MS);
    } else if (rule.freq === 'MONTHLY') {
      const d = new Date(first);
      d.setUTCMonth(first.getUTCMonth() + period);
      // Months without that day are skipped, as RFC 5545 does.
      if (d.getUTCDate() === first.getUTCDate()) candidates.push(d.getTime());
    } else {
      const d = new Date(first);
      d.setUTCFullYear(first.getUTCFullYear() + period);
      if (d.getUTCMonth() === first.getUTCMonth()) candidates.push(d.getTime());
    }
    for (const start of candidates) {
      if (start < meeting.start) continue;
      if (start > limit) return;
      yield start;
      produced += 1;
      if (produced >= maxCount) return;
    }
    if (period > 100_000) return;
  }
}

/**
 * An occurrence is named by its scheduled start (`key`, which its id carries); a single occurrence moved with
 * PATCH keeps its key and runs at its own `start` and `end`.
 */
export interface Occurrence {
  key: number;
  start: number;
  end: number;
}

export function occurrenceTimes(meeting: OccurrenceTimes, key: number): Occurrence {
  const moved = meeting.modifiedOccurrences?.[String(key)];
  return moved ? { key, start: moved.start, end: moved.end } : { key, start: key, end: key + (meeting.end - meeting.start) };
}

/** The occurrence at `index` (0 = first not cancelled), or undefined past the last one. */
export function occurrenceAt(meeting: OccurrenceTimes, index: number): Occurrence | undefined {
  let i = 0;
  for (const key of occurrenceStarts(meeting)) {
    if (i === index) return occurrenceTimes(meeting, key);
    i += 1;
  }
  return undefined;
}

/** The occurrence the series is at now: the one running, or the next to run. */
export function currentOccurrence(meeting: OccurrenceTimes & Pick<Meeting, 'occurrenceIndex'>): Occurrence {
  const index = meeting.occurrenceIndex ?? 0;
  if (meeting.recurrence === undefined || (index === 0 && meeting.cancelledOccurrences === undefined && meeting.modifiedOccurrences === undefined)) {
    return { key: meeting.start, start: meeting.start, end: meeting.end };
  }
  return occurrenceAt(meeting, index) ?? { key: meeting.start, start: meeting.start, end: meeting.end };
}

/** Whether a start time is one of the series' occurrences; returns its index. */
export function occurrenceIndexOf(meeting: SeriesTimes, start: number): number | undefined {
  let i = 0;
  for (const s of occurrenceStarts(meeting)) {
    if (s === start) return i;
    if (s > start) return undefined;
    i += 1;
  }
  return undefined;
}

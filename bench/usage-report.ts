// The usage report over a month by hour for a busy org: 10 000 meetings (two joins each, a fifth held back once),
// read from a real SQLite file, then computed by computeUsage and by the first (naive) version side by side in
// alternating runs, checked equal. Prints one JSON document: p50 and best of 9 runs each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeUsage } from '../src/core/usage/compute-usage.js';
import { naiveUsage } from './support/naive-usage.js';
import { openDatabase } from '../src/store/open-database.js';
import { createUsageRepository } from '../src/store/usage-repository.js';

const MEETINGS = 10_000;
const DAY = 86_400_000;
const from = Date.UTC(2026, 10, 1);
const to = from + 30 * DAY;
const dir = mkdtempSync(path.join(tmpdir(), 'g2g-bench-usage-'));
const db = await openDatabase(`sqlite:${path.join(dir, 'g2g.sqlite')}`);
try {
  const visits = [];
  const seats = [];
  const deferrals = [];
  for (let i = 0; i < MEETINGS; i += 1) {
    const start = from + Math.floor((i / MEETINGS) * 30 * DAY);
    const id = `v${i}`;
    visits.push({ id, tenant_id: 't', org_id: 'org', status: 'ended', title: id, start_at: start, end_at: start + 1_800_000, duration_minutes: 30, hostless: 1, space: 0, adhoc: 0, persistent_guests: 0, external_id: null, idempotency_key: null, request_hash: 'h', meeting_id: `m${i}`, meeting_instance_id: null, meeting_number: null, web_link: null, site_url: null, meeting_state: 'ended', room_id: null, capacity_warning: null, created_at: start, updated_at: start, started_at: start, ended_at: start + 1_800_000 });
    for (const p of [0, 1]) seats.push({ id: `${id}p${p}`, visit_id: id, position: p, display_name: 'x', email: null, join_email: `g${i % 3000}-${p}@example.com`, role: 'guest', external_id: null, guest_id: null, webex_participant_id: null, joined_at: start + 60_000 * (p + 1), left_at: start + 1_800_000, created_at: start });
    if (i % 5 === 0) deferrals.push({ id: `d${i}`, org_id: 'org', visit_id: id, participant_id: `${id}p0`, deferred_at: start - 90_000 });
  }
  for (let i = 0; i < visits.length; i += 500) await db.insertInto('visits').values(visits.slice(i, i + 500)).execute();
  for (let i = 0; i < seats.length; i += 500) await db.insertInto('visit_participants').values(seats.slice(i, i + 500)).execute();
  for (let i = 0; i < deferrals.length; i += 500) await db.insertInto('admission_deferrals').values(deferrals.slice(i, i + 500)).execute();

  const store = createUsageRepository(db);
  const reads: number[] = [];
  const computes: number[] = [];
  const naives: number[] = [];
  let buckets = 0;
  for (let run = 0; run < 9; run += 1) {
    const t0 = performance.now();
    const [meetings, participants, held] = await Promise.all([store.meetings('org', from, to), store.participants('org', from, to), store.deferrals('org', from, to)]);
    const t1 = performance.now();
    const report = computeUsage({ orgId: 'org', from, to, granularity: 'hour', now: to, licensed: 10, meetings, participants, deferrals: held });
    const t2 = performance.now();
    const baseline = naiveUsage({ orgId: 'org', from, to, granularity: 'hour', now: to, licensed: 10, meetings, participants, deferrals: held });
    const t3 = performance.now();
    if (JSON.stringify(baseline) !== JSON.stringify(report)) throw new Error('computeUsage and the naive baseline disagree');
    reads.push(t1 - t0);
    computes.push(t2 - t1);
    naives.push(t3 - t2);
    buckets = report.buckets.length;
  }
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(JSON.stringify({ bench: 'usage-report', meetings: MEETINGS, participants: seats.length, deferrals: deferrals.length, buckets, readMsP50: Math.round(p50(reads)), readMsBest: Math.round(Math.min(...reads)), computeMsP50: Math.round(p50(computes)), computeMsBest: Math.round(Math.min(...computes)), naiveMsP50: Math.round(p50(naives)), naiveMsBest: Math.round(Math.min(...naives)), ratioP50: Math.round((p50(computes) / p50(naives)) * 100) / 100 }));
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

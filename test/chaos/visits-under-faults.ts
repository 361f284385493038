/**
 * The chaos proof (docs/operations.md §Under faults): schedule N visits through g2g's HTTP API while the emulator
 * fails a share of Webex calls, some of them *after* Webex acted (the answer is lost), the way a client would:
 * each visit has its own Idempotency-Key, retried until acknowledged. Then faults stop, the sweep runs, and the run
 * counts what matters in Webex's own state (the emulator's) and in g2g's database:
 * lost (acknowledged, but no visit), duplicate (more than one meeting for a visit), orphan (a meeting or space no
 * visit holds), and reservations left. Used by test/chaos (short) and bench/chaos (long). No vitest here.
 */
import pLimit from 'p-limit';
import { createManualClock } from '../../src/core/clock.js';
import type { TestDatabase } from '../support/databases.js';
import type { FaultSpec } from '../support/emulator.js';
import { startStack } from '../support/stack.js';

export interface ChaosOptions {
  database: Pick<TestDatabase, 'name' | 'open' | 'freshUrl'>;
  visits: number;
  concurrency: number;
  /** Share of Webex meeting creates and look-ups that fail (0..1), split over the fault kinds below. */
  faultShare: number;
}

export interface ChaosResult {
  database: string;
  visits: number;
  acknowledged: number;
  /** Acknowledged visits g2g does not have (or has without its Webex meeting). */
  lost: number;
  /** Visits with more than one Webex meeting. */
  duplicate: number;
  /** Webex meetings tagged with a g2g visit id that is not a scheduled visit. */
  orphanMeetings: number;
  /** `creating` rows left after the sweep. */
  reservationsLeft: number;
  /** Answers to the client: status -> count, over every attempt. */
  answers: Record<string, number>;
  /** Webex answers the emulator replaced with a fault, by kind. */
  faultsInjected: Record<string, number>;
  attempts: number;
  durationMs: number;
}

const body = (i: number) => ({ title: `Chaos ${i}`, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] });

export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const clock = createManualClock(Date.now());
  // A short timeout turns held-back answers into "no answer at all"; one retry, as configured in production-like use.
  // No API rate limit: the load is one client key on purpose.
  const stack = await startStack(opts.database as TestDatabase, { clock, webex: { timeoutMs: 400, maxRetries: 1 }, config: { rateLimitPerMinute: 0 } });
  const base = `http://127.0.0.1:${stack.config.port}`;
  const answers: Record<string, number> = {};
  const acknowledged = new Map<number, string>();
  let attempts = 0;
  try {
    const share = opts.faultShare;
    const faults: (FaultSpec & { kind: string })[] = [
      // The hardest case, for sure at the start: the first two creates act but lose their answer, and each one's
      // look-up fails on every retry, so only the kept reservation and the sweep can settle them.
      { kind: 'lost_after_change_502', method: 'POST', path: '/v1/meetings', status: 502, when: 'after', count: 2 },
      { kind: 'lookup_503', method: 'GET', path: '/v1/meetings', status: 503, count: 4 },
      // Webex made the meeting, the answer never came back (502), or came too late (timeout).
      { kind: 'lost_after_change_502', method: 'POST', path: '/v1/meetings', status: 502, when: 'after', probability: share * 0.3 },
      { kind: 'lost_after_change_timeout', method: 'POST', path: '/v1/meetings', when: 'after', lose: 'timeout', latencyMs: 700, probability: share * 0.15 },
      // Webex refused before acting.
      { kind: 'refused_503', method: 'POST', path: '/v1/meetings', status: 503, probability: share * 0.3 },
      { kind: 'refused_500', method: 'POST', path: '/v1/meetings', status: 500, probability: share * 0.25 },
      // The look-up by tag that settles a lost answer fails too.
      { kind: 'lookup_503', method: 'GET', path: '/v1/meetings', status: 503, probability: Math.min(1, share * 2) },
    ];
    for (const { kind: _kind, ...f } of faults) await stack.control.addFault(f);
    await stack.control.clearRequests();

    const attempt = async (i: number): Promise<void> => {
      if (acknowledged.has(i)) return;
      attempts += 1;
      const res = await fetch(`${base}/api/v1/visits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', 'idempotency-key': `chaos-${i}` },
        body: JSON.stringify(body(i)),
      });
      answers[res.status] = (answers[res.status] ?? 0) + 1;
      const json = (await res.json()) as { id?: string };
      if ((res.status === 201 || res.status === 200) && json.id !== undefined) acknowledged.set(i, json.id);
    };
    const limit = pLimit(opts.concurrency);
    const all = Array.from({ length: opts.visits }, (_, i) => i);
    // Under faults: every visit once, then every unacknowledged one again.
    await Promise.all(all.map((i) => limit(() => attempt(i))));
    await Promise.all(all.map((i) => limit(() => attempt(i))));
    const journal = await stack.control.requests({ path: '/v1/meetings' });
    // Faults off: past the 2-minute window a retry settles the lost attempt first, then schedules afresh.
    await stack.control.clearFaults();
    for (let round = 0; round < 3 && acknowledged.size < opts.visits; round += 1) {
      clock.advance(3 * 60_000);
      await Promise.all(all.map((i) => limit(() => attempt(i))));
    }
    clock.advance(11 * 60_000);
    await stack.g2g.sweep();
    await stack.settle();

    const state = (await stack.control.state()) as { meetings: { id: string; integrationTags: string[] }[] };
    const rows = await stack.db.selectFrom('visits').select(['id', 'status', 'meeting_id', 'idempotency_key']).execute();
    const scheduled = new Map(rows.filter((r) => r.status !== 'creating').map((r) => [r.id, r]));
    const meetingsByVisit = new Map<string, number>();
    let orphanMeetings = 0;
    for (const m of state.meetings) {
      const tag = m.integrationTags.find((t) => t.startsWith('vis_'));
      if (tag === undefined) continue;
      meetingsByVisit.set(tag, (meetingsByVisit.get(tag) ?? 0) + 1);
      if (!scheduled.has(tag)) orphanMeetings += 1;
    }
    let lost = 0;
    for (const visitId of acknowledged.values()) if (!scheduled.has(visitId) || (meetingsByVisit.get(visitId) ?? 0) === 0) lost += 1;
    const perKey = new Map<string, number>();
    for (const r of scheduled.values()) if (r.idempotency_key !== null) perKey.set(r.idempotency_key, (perKey.get(r.idempotency_key) ?? 0) + 1);
    const duplicate = [...meetingsByVisit.values()].filter((n) => n > 1).length + [...perKey.values()].filter((n) => n > 1).length;
    const faultsInjected: Record<string, number> = {};
    for (const e of journal) {
      const kind = e.method === 'GET' ? (e.status === 503 ? 'lookup_503' : undefined) : e.status >= 500 ? `create_${e.status}` : undefined;
      if (kind !== undefined) faultsInjected[kind] = (faultsInjected[kind] ?? 0) + 1;
    }
    return {
      database: opts.database.name,
      visits: opts.visits,
      acknowledged: acknowledged.size,
      lost,
      duplicate,
      orphanMeetings,
      reservationsLeft: rows.length - scheduled.size,
      answers,
      faultsInjected,
      attempts,
      durationMs: Date.now() - started,
    };
  } finally {
    await stack.close();
  }
}

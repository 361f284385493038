/**
 * Question: under Webex faults (20% of meeting creates failing, a share of them after Webex acted, and the look-ups
 * that settle them failing too), does g2g lose, duplicate or orphan anything? The long version of
 * test/chaos/visits-under-faults.test.ts: 1,000 visits (BENCH_VISITS), concurrency 8 (BENCH_CONCURRENCY), on SQLite
 * and, when BENCH_DATABASE_URL or G2G_TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL (a throwaway schema).
 * Prints one JSON document: { bench, node, runs: [{ database, visits, acknowledged, lost, duplicate, orphanMeetings,
 * reservationsLeft, answers, faultsInjected, attempts, durationMs }] }. Target: lost, duplicate, orphanMeetings and
 * reservationsLeft all 0. Run: `npx tsx bench/chaos/visits-under-faults.ts`.
 */
import { runChaos, type ChaosResult } from '../../test/chaos/visits-under-faults.js';
import { benchDatabases } from '../support/bench-databases.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const FAULT_SHARE = Number(process.env.BENCH_FAULT_SHARE ?? 0.2);

const runs: ChaosResult[] = [];
for (const database of await benchDatabases('g2g_chaos')) {
  try {
    runs.push(await runChaos({ database, visits: VISITS, concurrency: CONCURRENCY, faultShare: FAULT_SHARE }));
  } finally {
    await database.cleanup();
  }
}
process.stdout.write(`${JSON.stringify({ bench: 'chaos/visits-under-faults', node: process.version, faultShare: FAULT_SHARE, concurrency: CONCURRENCY, runs })}\n`);

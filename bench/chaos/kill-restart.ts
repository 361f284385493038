/**
 * Question: when a g2g instance is killed with SIGKILL in the middle of a load and started again, is every visit it
 * acknowledged (201) intact, and is every event of an acknowledged change delivered? The long version of
 * test/chaos/kill-restart.test.ts (harness: test/chaos/kill-restart.ts): the instance runs in a child process, against
 * the emulator and a real receiver for outbound events in this process, on a SQLite file and, when BENCH_DATABASE_URL
 * or G2G_TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL (a throwaway schema). BENCH_VISITS (default 300)
 * visits at concurrency BENCH_CONCURRENCY (8); the child is killed once a third are acknowledged, started again, and
 * the load goes on. Prints { bench, node, runs: [{ database, visits, acknowledged, failedWhileDown, unacknowledged,
 * intact, missingVisits, missingEvents, killedAfter, restartMs }] }. Target: missingVisits 0 and missingEvents 0.
 * Run: `npx tsx bench/chaos/kill-restart.ts`.
 */
import { runKillRestart, type KillRestartResult } from '../../test/chaos/kill-restart.js';
import { benchDatabases } from '../support/bench-databases.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const runs: KillRestartResult[] = [];
for (const database of await benchDatabases('g2g_kill')) {
  try {
    runs.push(await runKillRestart({ database: database.name, databaseUrl: await database.freshUrl(), dataDir: database.dataDir, visits: VISITS, concurrency: CONCURRENCY }));
  } finally {
    await database.cleanup();
  }
}
process.stdout.write(`${JSON.stringify({ bench: 'chaos/kill-restart', node: process.version, concurrency: CONCURRENCY, runs })}\n`);

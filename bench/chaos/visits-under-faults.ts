/**
 * Question: under Webex faults (20% of meeting creates failing, a share of them after Webex acted, and the look-ups
 * that settle them failing too), does g2g lose, duplicate or orphan anything? The long version of
 * test/chaos/visits-under-faults.test.ts: 1,000 visits (BENCH_VISITS), concurrency 8 (BENCH_CONCURRENCY), on SQLite
 * and, when BENCH_DATABASE_URL or G2G_TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL (a throwaway schema).
 * Prints one JSON document: { bench, node, runs: [{ database, visits, acknowledged, lost, duplicate, orphanMeetings,
 * reservationsLeft, answers, faultsInjected, attempts, durationMs }] }. Target: lost, duplicate, orphanMeetings and
 * reservationsLeft all 0. Run: `npx tsx bench/chaos/visits-under-faults.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/store/open-database.js';
import { runChaos, type ChaosResult } from '../../test/chaos/visits-under-faults.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const FAULT_SHARE = Number(process.env.BENCH_FAULT_SHARE ?? 0.2);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.G2G_TEST_DATABASE_URL;

interface BenchDatabase {
  name: 'sqlite' | 'postgres';
  freshUrl(): Promise<string>;
  open(): ReturnType<typeof openDatabase>;
  cleanup(): Promise<void>;
}

function sqlite(): BenchDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'g2g-chaos-'));
  const url = `sqlite:${path.join(dir, 'g2g.sqlite')}`;
  return { name: 'sqlite', freshUrl: async () => url, open: () => openDatabase(url), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgres(base: string): Promise<BenchDatabase> {
  const schema = `g2g_chaos_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    name: 'postgres',
    freshUrl: async () => url.toString(),
    open: () => openDatabase(url.toString(), { poolSize: 8 }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const runs: ChaosResult[] = [];
const databases: BenchDatabase[] = [sqlite(), ...(PG_URL !== undefined ? [await postgres(PG_URL)] : [])];
for (const database of databases) {
  try {
    runs.push(await runChaos({ database, visits: VISITS, concurrency: CONCURRENCY, faultShare: FAULT_SHARE }));
  } finally {
    await database.cleanup();
  }
}
process.stdout.write(`${JSON.stringify({ bench: 'chaos/visits-under-faults', node: process.version, faultShare: FAULT_SHARE, concurrency: CONCURRENCY, runs })}\n`);

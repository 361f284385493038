/** The databases the chaos benches run on: a SQLite file, and PostgreSQL in a throwaway schema when a server is named. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/store/open-database.js';

export interface BenchDatabase {
  name: 'sqlite' | 'postgres';
  /** The same empty database on every call (migrated by whoever opens it first). */
  freshUrl(): Promise<string>;
  open(): ReturnType<typeof openDatabase>;
  /** A scratch directory the run may use as g2g's data dir; removed by cleanup(). */
  dataDir: string;
  /** Removes the file or drops the schema. */
  cleanup(): Promise<void>;
}

/** BENCH_DATABASE_URL, else G2G_TEST_DATABASE_URL: the PostgreSQL server to use, if any. */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.G2G_TEST_DATABASE_URL;

export function sqliteBenchDatabase(prefix: string): BenchDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const url = `sqlite:${path.join(dir, 'g2g.sqlite')}`;
  return { name: 'sqlite', dataDir: dir, freshUrl: async () => url, open: () => openDatabase(url), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postgresBenchDatabase(base: string, prefix: string): Promise<BenchDatabase> {
  const schema = `${prefix.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return {
    name: 'postgres',
    dataDir: dir,
    freshUrl: async () => url.toString(),
    open: () => openDatabase(url.toString(), { poolSize: 8 }),
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** SQLite always; PostgreSQL too when BENCH_POSTGRES_URL is set. */
export async function benchDatabases(prefix: string): Promise<BenchDatabase[]> {
  return [sqliteBenchDatabase(prefix), ...(BENCH_POSTGRES_URL !== undefined ? [await postgresBenchDatabase(BENCH_POSTGRES_URL, prefix)] : [])];
}

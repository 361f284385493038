import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import type { Database } from '../../src/store/schema.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database (a temp SQLite file, or a new PostgreSQL schema). Closed and dropped after the file's tests. */
  open(): Promise<Kysely<Database>>;
  /**
   * A URL for a fresh empty database (not yet migrated), for tests that open it several times
   * (two g2g instances on one database) or hand it to `createG2G`/`g2g start` as DATABASE_URL.
   * Dropped after the file's tests; close your own handles first.
   */
  freshUrl(): Promise<string>;
}

const cleanups: (() => Promise<void>)[] = [];
const opened: Kysely<Database>[] = [];

afterAll(async () => {
  // Close what open() handed out, then drop schemas and files (newest first).
  await Promise.allSettled(opened.splice(0).map((db) => db.destroy()));
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch(() => undefined);
  }
});

function sqliteDatabase(): TestDatabase {
  const freshUrl = (): Promise<string> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'g2g-test-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return Promise.resolve(`sqlite:${path.join(dir, 'g2g.sqlite')}`);
  };
  return { name: 'sqlite', freshUrl, open: () => openTracked(freshUrl) };
}

function postgresDatabase(baseUrl: string): TestDatabase {
  const freshUrl = async (): Promise<string> => {
    const schema = `g2g_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await admin.query(`create schema ${schema}`);
    } finally {
      await admin.end();
    }
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`set lock_timeout = '5s'`);
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
    });
    const url = new URL(baseUrl);
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  return { name: 'postgres', freshUrl, open: () => openTracked(freshUrl) };
}

async function openTracked(freshUrl: () => Promise<string>): Promise<Kysely<Database>> {
  const db = await openDatabase(await freshUrl(), { poolSize: 4 });
  opened.push(db);
  return db;
}

/**
 * The databases every store-touching suite runs on: SQLite and PostgreSQL, always. PostgreSQL is the one
 * postgres-global-setup.ts provides: G2G_TEST_DATABASE_URL when set (CI), else an embedded server it started.
 * Use with `describe.each(testDatabases())('on $name', (database) => ...)`.
 */
export function testDatabases(): TestDatabase[] {
  return [sqliteDatabase(), postgresDatabase(inject('g2gPostgresUrl'))];
}

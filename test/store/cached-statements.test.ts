import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withCachedStatements } from '../../src/store/cached-statements.js';
import { openDatabase } from '../../src/store/open-database.js';
import { testDatabases } from '../support/databases.js';

describe('withCachedStatements', () => {
  it('hands back the statement it prepared for the same SQL, and drops the least recently used past its size', () => {
    const raw = new SQLite(':memory:');
    const seen: string[] = [];
    const db = withCachedStatements(raw, { max: 2, onStatement: (text) => void seen.push(text) });
    const a = db.prepare('select 1 as x');
    expect(db.prepare('select 1 as x')).toBe(a);
    const b = db.prepare('select 2 as x');
    db.prepare('select 1 as x'); // a is now the most recent
    db.prepare('select 3 as x'); // b goes
    expect(db.prepare('select 1 as x')).toBe(a);
    expect(db.prepare('select 2 as x')).not.toBe(b);
    expect(seen).toHaveLength(7);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('keeps a statement working after the schema under it changed', () => {
    const raw = new SQLite(':memory:');
    const db = withCachedStatements(raw);
    raw.exec('create table t (a integer); insert into t values (1)');
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1 }]);
    raw.exec('alter table t add column b integer default 2');
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1, b: 2 }]);
    db.close();
  });
});

describe('openDatabase on a SQLite file', () => {
  it('runs WAL with synchronous NORMAL', async () => {
    const [sqlite] = testDatabases();
    const db = await openDatabase(await (sqlite?.freshUrl() ?? Promise.reject(new Error('no sqlite'))));
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(1); // 0 OFF, 1 NORMAL, 2 FULL
    } finally {
      await db.destroy();
    }
  });
});

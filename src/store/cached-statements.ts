import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * better-sqlite3 behind Kysely with its prepared statements kept: Kysely's SQLite driver prepares every query
 * anew, and g2g runs the same few dozen SQL texts over and over. Least recently used texts are dropped past
 * `max` (an `in (...)` list makes one text per length). `onStatement` sees each statement's text. SQLite re-prepares a kept statement itself after a
 * schema change, so a statement never goes stale.
 */
export function withCachedStatements(db: BetterSqlite, opts: { max?: number; onStatement?: ((sql: string) => void) | undefined } = {}): SqliteDatabase {
  const cache = new Map<string, Statement>();
  const max = opts.max ?? 256;
  const { onStatement } = opts;
  return {
    close() {
      cache.clear();
      db.close();
    },
    prepare(sql) {
      // Kysely's driver prepares exactly once per statement it runs.
      onStatement?.(sql);
      const kept = cache.get(sql);
      if (kept !== undefined) {
        cache.delete(sql);
        cache.set(sql, kept);
        return kept;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > max) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

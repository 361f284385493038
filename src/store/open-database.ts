import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { withCachedStatements } from './cached-statements.js';
import { migrationProvider } from './migrations/index.js';
import { withSchemaScopedIntrospection } from './schema-scoped-introspection.js';
import type { Database } from './schema.js';

export interface OpenDatabaseOptions {
  /** Run migrations to latest (default true). Kysely's migration lock makes concurrent starts safe. */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** SQLite only: called with the text of every statement run, transaction control included (benches count them). */
  onSqliteStatement?: (sql: string) => void;
}

export type DatabaseLocation =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; connectionString: string; schema: string | undefined };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads a database URL: `sqlite:<path>`, `sqlite::memory:`, `sqlite:///abs/path`, or
 * `postgres://...` / `postgresql://...` with an optional `?schema=name` (g2g's own parameter:
 * tables live in that schema, which lets several deployments or test runs share one database).
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
    if (file === '') throw new Error('database URL sqlite: needs a file path or :memory:');
    return { dialect: 'sqlite', file };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error('database URL parameter schema must be letters, digits and _ (starting with a letter or _)');
    }
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error('database URL must start with sqlite: or postgres://');
}

/** Opens the database behind `url` (SQLite or PostgreSQL) and brings its schema to the latest migration. */
export async function openDatabase(url: string, opts: OpenDatabaseOptions = {}): Promise<Kysely<Database>> {
  const location = parseDatabaseUrl(url);
  const db = location.dialect === 'sqlite' ? openSqlite(location.file, opts.onSqliteStatement) : openPostgres(location, opts.poolSize ?? 10);
  if (opts.migrate ?? true) {
    try {
      if (location.dialect === 'sqlite') await serializedPerFile(location.file, () => migrateToLatest(db));
      else await migrateToLatest(db, location.schema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return db;
}

// better-sqlite3 is synchronous: two openers of one file in this process must not wait on each
// other's SQLite lock (that would block the event loop), so their migrations take turns here.
const migrationsInProcess = new Map<string, Promise<unknown>>();
async function serializedPerFile(file: string, run: () => Promise<void>): Promise<void> {
  const key = file === ':memory:' ? `:memory:${Math.random()}` : path.resolve(file);
  const previous = migrationsInProcess.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  migrationsInProcess.set(key, next);
  try {
    await next;
  } finally {
    if (migrationsInProcess.get(key) === next) migrationsInProcess.delete(key);
  }
}

/** Runs every pending migration; throws naming the migration that failed. */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = migratorFor(db, schema);
  let { error, results } = await migrator.migrateToLatest();
  // Without a schema (the search path's), Kysely's migrator looks for its tables by introspecting every schema of the
  // database; if another deployment drops its schema during that scan, PostgreSQL answers 3F000 "schema does not
  // exist" for a schema that is not ours, 42P01 for the migration table inside it, or 42703 from the scan's
  // pg_get_serial_sequence for a column of a table dropped meanwhile. That race is transient: look again (a real error
  // of our own fails the same way five times and is reported; a failed migration rolled back). With a schema, the
  // scan is ours only (withSchemaScopedIntrospection).
  for (let attempt = 0; attempt < 5 && isSchemaVanished(error); attempt += 1) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Names of migrations this code knows that the database has not run (for `/readyz`: an older schema is not ready). */
export async function pendingMigrations(db: Kysely<Database>, url: string): Promise<string[]> {
  const location = parseDatabaseUrl(url);
  const schema = location.dialect === 'postgres' ? location.schema : undefined;
  const migrator = migratorFor(db, schema);
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Kysely's migrator over g2g's migrations; on a PostgreSQL schema it looks for its tables in that schema only. */
function migratorFor(db: Kysely<Database>, schema: string | undefined): Migrator {
  if (schema === undefined) return new Migrator({ db, provider: migrationProvider });
  // Without a schema, Kysely would find a migration table in *any* schema and skip creating ours.
  return new Migrator({ db: withSchemaScopedIntrospection(db, schema), provider: migrationProvider, migrationTableSchema: schema });
}

function isSchemaVanished(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '3F000' || code === '42P01' || code === '42703';
}

function openSqlite(file: string, onStatement: ((sql: string) => void) | undefined): Kysely<Database> {
  const memory = file === ':memory:';
  if (!memory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers and one writer overlap; busy_timeout makes a second process wait, not fail.
  if (!memory) sqlite.pragma('journal_mode = WAL');
  // Under WAL, NORMAL syncs at checkpoints instead of at every commit: a crash of g2g loses nothing, a power cut
  // may lose the last commits but never corrupts the file (docs/performance.md §3).
  if (!memory) sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new LockingSqliteDialect({ database: withCachedStatements(sqlite, { onStatement }) }) });
}

/**
 * Two g2g processes may share one SQLite file (Kysely's SQLite adapter assumes one process and
 * takes no migration lock). SQLite has transactional DDL, so migrations run in one transaction, and
 * every transaction begins IMMEDIATE: it takes the write lock up front (waiting up to busy_timeout),
 * so a second process runs its migrations after the first and finds nothing to do, and a
 * read-then-write transaction never fails half way on a stale snapshot.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class LockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

// int8 (bigint) and numeric come back as strings from pg by default; our epoch-ms and counts fit in a number.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

function openPostgres(location: { connectionString: string; schema: string | undefined }, max: number): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max,
    types: pgTypes,
    ...(location.schema !== undefined ? { options: `-c search_path=${location.schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

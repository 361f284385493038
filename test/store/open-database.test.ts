import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl, pendingMigrations } from '../../src/store/open-database.js';
import { withSchemaScopedIntrospection } from '../../src/store/schema-scoped-introspection.js';
import { testDatabases } from '../support/databases.js';

describe('parseDatabaseUrl', () => {
  it('reads sqlite files, memory and postgres with a schema parameter', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('sqlite:./data/g2g.sqlite')).toEqual({ dialect: 'sqlite', file: './data/g2g.sqlite' });
    expect(parseDatabaseUrl('sqlite:///tmp/x.sqlite')).toEqual({ dialect: 'sqlite', file: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db?schema=tenant_a')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@h:5432/db',
      schema: 'tenant_a',
    });
  });

  it('refuses other schemes and unsafe schema names', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/sqlite: or postgres/);
    expect(() => parseDatabaseUrl('postgres://h/db?schema=a;drop')).toThrow(/schema/);
  });
});

describe.each(testDatabases())('openDatabase on $name', (database) => {
  it('migrates to the latest schema and reads epoch-ms bigints back as numbers', async () => {
    const db = await database.open();
    const at = Date.UTC(2026, 10, 25, 10, 0, 0);
    await db
      .insertInto('orgs')
      .values({ id: 'o1', status: 'pending', site_url: null, scopes: '[]', authorized_at: at, status_reason: null, webhooks_registered_at: null, created_at: at, updated_at: at })
      .execute();
    const row = await db.selectFrom('orgs').selectAll().where('id', '=', 'o1').executeTakeFirstOrThrow();
    expect(row.authorized_at).toBe(at);
    expect(typeof row.created_at).toBe('number');
  });

  it('opens an already migrated database again, and two openers at once, without error', async () => {
    const url = await database.freshUrl();
    const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
    try {
      const c = await openDatabase(url);
      await c.destroy();
      await a.insertInto('tenants').values({ id: 't1', name: 'acme', created_at: 1 }).execute();
      expect(await b.selectFrom('tenants').select('name').execute()).toEqual([{ name: 'acme' }]);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});

describe.each(testDatabases().filter((d) => d.name === 'postgres'))('migrations on a $name schema while other schemas come and go', (database) => {
  it("looks for its tables in its own schema only, so another schema's drop during the look cannot fail it", async () => {
    const churnUrl = await database.freshUrl();
    const other = await openDatabase(churnUrl, { migrate: false });
    const prefix = `${parseSchema(churnUrl)}_churn`;
    let churning = true;
    // Another deployment creating and dropping schemas with tables, as parallel test runs do, all along.
    const churn = (async () => {
      for (let i = 0; churning; i += 1) {
        const name = `${prefix}_${i % 4}`;
        await sql`create schema if not exists ${sql.id(name)}`.execute(other);
        await sql`create table if not exists ${sql.id(name, 'orgs')} (id serial primary key, note text)`.execute(other);
        await sql`drop schema ${sql.id(name)} cascade`.execute(other);
      }
    })();
    try {
      for (let n = 0; n < 8; n += 1) {
        const url = await database.freshUrl();
        const db = await openDatabase(url);
        try {
          expect(await pendingMigrations(db, url)).toEqual([]);
          const tables = (await withSchemaScopedIntrospection(db, parseSchema(url)).introspection.getTables()).map((t) => `${t.schema}.${t.name}`);
          expect(tables).toContain(`${parseSchema(url)}.kysely_migration`);
          expect(tables).toContain(`${parseSchema(url)}.orgs`);
          expect(tables.every((t) => t.startsWith(`${parseSchema(url)}.`))).toBe(true);
        } finally {
          await db.destroy();
        }
      }
    } finally {
      churning = false;
      await churn;
      await other.destroy();
    }
  });
});

function parseSchema(url: string): string {
  const location = parseDatabaseUrl(url);
  if (location.dialect !== 'postgres' || location.schema === undefined) throw new Error(`no schema in ${url}`);
  return location.schema;
}

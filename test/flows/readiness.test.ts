import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.each(testDatabases())('GET /readyz on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database, { authorize: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const readyz = async () => {
    const res = await fetch(`http://127.0.0.1:${stack.config.port}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('is ready once started: database answers, every migration ran, the loops turn', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', database: 'ok', migrations: 'ok', loops: 'ok', stale: [] } });
  });

  it('is not ready while the database lacks a migration this code knows', async () => {
    const last = await stack.db.selectFrom('kysely_migration' as never).selectAll().orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
    const row = last as { name: string; timestamp: string };
    await stack.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', row.name as never).execute();
    try {
      expect(await readyz()).toMatchObject({ status: 503, body: { status: 'not_ready', database: 'ok', migrations: 'pending' } });
      // Liveness is another question: the process and its database are fine.
      expect((await fetch(`http://127.0.0.1:${stack.config.port}/healthz`)).status).toBe(200);
    } finally {
      await stack.db.insertInto('kysely_migration' as never).values(row as never).execute();
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is not ready before start() and after stop()', async () => {
    await stack.g2g.stop();
    const res = await stack.g2g.app.inject({ method: 'GET', url: '/readyz' }).catch(() => undefined);
    // After stop the app is closed; inject still answers from the closed app or refuses: either way, not ready.
    if (res !== undefined) expect(res.statusCode).toBe(503);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import type { G2G } from '../../src/g2g.js';
import { testDatabases } from '../support/databases.js';
import { startTestEmulator } from '../support/emulator.js';
import { instancesOnOneDatabase, type Instance } from './instances-on-one-database.js';

describe.each(testDatabases())('three g2g instances on one $name database in a token storm', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it("refreshes the org's token once when every access token is rejected at the same moment on every instance", async () => {
    const emulator = await startTestEmulator();
    cleanups.push(() => emulator.close());
    const seed = emulator.seed;
    const on = await instancesOnOneDatabase({ database, emulator, cleanups });
    const instances: Instance[] = [];
    for (const name of ['a', 'b', 'c']) instances.push(await on.assemble(name));
    const [a] = instances;
    if (a === undefined) throw new Error('no instance');
    await a.g2g.start(); // one listens (webhooks); all share the database
    await on.authorize(a, [seed.orgId]);
    const { apiKey } = await a.g2g.tenants.createKey({ tenantName: 'storm', orgIds: [seed.orgId] });
    const schedule = (g2g: G2G, n: number) => on.schedule(g2g, apiKey, { title: `Storm ${n}` });
    // Every instance has the token cached (one visit each).
    for (const [i, { g2g }] of instances.entries()) expect((await schedule(g2g, i)).statusCode).toBe(201);

    await emulator.control.revokeTokens({ orgId: seed.orgId, kind: 'access' });
    await emulator.control.clearRequests();
    const storm = await Promise.all(instances.flatMap(({ g2g }, i) => Array.from({ length: 5 }, (_, j) => schedule(g2g, 100 + i * 10 + j))));
    expect(storm.map((r) => r.statusCode)).toEqual(storm.map(() => 201));
    const refreshes = await emulator.control.requests({ method: 'POST', path: '/v1/access_token' });
    expect(refreshes).toHaveLength(1);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, webexConfigFromSeed } from '../../src/config.js';
import { assembleG2G, type G2G, type G2GInternals } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startTestEmulator } from '../support/emulator.js';
import { freePort } from '../support/free-port.js';

describe.each(testDatabases())('three g2g instances on one $name database in a token storm', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it("refreshes the org's token once when every access token is rejected at the same moment on every instance", async () => {
    const emulator = await startTestEmulator();
    cleanups.push(() => emulator.close());
    const seed = emulator.seed;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-storm-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const shared = {
      host: '127.0.0.1',
      dataDir,
      databaseUrl: await database.freshUrl(),
      logLevel: 'silent' as const,
      rateLimitPerMinute: 0,
      encryptionKeys: [{ id: 'shared', key: new Secret(randomBytes(32).toString('base64')) }],
      webhookSecrets: [new Secret('shared-webhook-secret')],
      webex: webexConfigFromSeed(seed),
    };
    const port = await freePort();
    const instances: { g2g: G2G; internals: G2GInternals }[] = [];
    for (const name of ['a', 'b', 'c']) {
      const assembled = await assembleG2G(loadConfig({ env: {}, overrides: { ...shared, port } }), {
        log: createLogger({ level: 'silent' }),
        sweepIntervalMs: 0,
        instanceId: name,
        tuning: { inboxSweepIntervalMs: 0, refreshIntervalMs: 0, refreshLeasePollMs: 10 },
      });
      cleanups.push(() => assembled.g2g.stop());
      instances.push(assembled);
    }
    const [a] = instances;
    if (a === undefined) throw new Error('no instance');
    await a.g2g.start(); // one listens (webhooks); all share the database
    await emulator.control.authorize(seed.serviceApp.applicationId, { orgId: seed.orgId });
    for (let i = 0; i < 200 && (await a.g2g.orgs.get(seed.orgId))?.status !== 'ready'; i += 1) {
      await emulator.control.flushDeliveries();
      await a.internals.idle();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await a.g2g.orgs.get(seed.orgId))?.status).toBe('ready');
    const { apiKey } = await a.g2g.tenants.createKey({ tenantName: 'storm', orgIds: [seed.orgId] });
    const schedule = (g2g: G2G, n: number) =>
      g2g.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ title: `Storm ${n}`, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
      });
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

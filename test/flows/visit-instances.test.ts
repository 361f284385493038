import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, webexConfigFromSeed } from '../../src/config.js';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { assembleG2G, type G2G, type G2GInternals } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { freePort } from '../support/free-port.js';

describe.each(testDatabases())('two g2g instances on one $name database', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('make one Webex meeting for one Idempotency-Key sent to both, and open each other\'s join links', async () => {
    const emulator: TestEmulator = await startTestEmulator();
    cleanups.push(() => emulator.close());
    const seed = emulator.seed;
    const databaseUrl = await database.freshUrl();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-two-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const shared = {
      host: '127.0.0.1',
      dataDir,
      databaseUrl,
      logLevel: 'silent' as const,
      encryptionKeys: [{ id: 'shared', key: new Secret(randomBytes(32).toString('base64')) }],
      webhookSecrets: [new Secret('shared-webhook-secret')],
      webex: webexConfigFromSeed(seed),
    };
    const port = await freePort();
    const make = async (name: string): Promise<{ g2g: G2G; internals: G2GInternals }> => {
      // Both share one public URL (as behind a load balancer); only `a` listens on it in this test.
      const assembled = await assembleG2G(loadConfig({ env: {}, overrides: { ...shared, port } }), {
        log: createLogger({ level: 'silent' }),
        sweepIntervalMs: 0,
        instanceId: name,
        tuning: { inboxSweepIntervalMs: 0, refreshIntervalMs: 0 },
      });
      cleanups.push(() => assembled.g2g.stop());
      return assembled;
    };
    const { g2g: a, internals: aInternals } = await make('a');
    const { g2g: b } = await make('b');
    await a.start();

    // Authorized through `a`; `b` sees the org ready in the shared database.
    await emulator.control.authorize(seed.serviceApp.applicationId, { orgId: seed.orgId });
    for (let i = 0; i < 200 && (await b.orgs.get(seed.orgId))?.status !== 'ready'; i += 1) {
      await emulator.control.flushDeliveries();
      await aInternals.idle();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await b.orgs.get(seed.orgId))?.status).toBe('ready');

    const { apiKey } = await a.tenants.createKey({ tenantName: 'acme', orgIds: [seed.orgId] });
    await emulator.control.clearRequests();
    const post = (g2g: G2G) =>
      g2g.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': 'same-everywhere' },
        payload: { title: 'Shared', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] },
      });
    const [ra, rb] = await Promise.all([post(a), post(b)]);
    expect([ra.statusCode, rb.statusCode]).toContain(201);
    expect(await emulator.control.requests({ method: 'POST', path: '/v1/meetings' })).toHaveLength(1);
    const visit = JSON.parse((ra.statusCode === 201 ? ra : rb).body) as VisitView;

    // A link made by one instance opens on the other (same database, same keys).
    const code = new URL(visit.participants[0]?.joinUrl ?? '').pathname;
    const other = ra.statusCode === 201 ? b : a;
    expect((await other.app.inject({ method: 'GET', url: code })).statusCode).toBe(302);
    const replay = await post(other);
    expect(replay.statusCode).toBe(200);
    expect((JSON.parse(replay.body) as VisitView).id).toBe(visit.id);
  });
});


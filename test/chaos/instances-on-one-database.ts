import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, webexConfigFromSeed } from '../../src/config.js';
import type { Clock } from '../../src/core/clock.js';
import { assembleG2G, type G2G, type G2GInternals } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import type { TestDatabase } from '../support/databases.js';
import type { TestEmulator } from '../support/emulator.js';
import { freePort } from '../support/free-port.js';

export interface Instance {
  g2g: G2G;
  internals: G2GInternals;
}

export interface InstancesOnOneDatabase {
  /** Another unstarted instance on the same database, keys and port (`refreshIntervalMs` 0: no refresh-ahead timer). */
  assemble(instanceId: string, refreshIntervalMs?: number): Promise<Instance>;
  /** Authorizes the orgs through the real path (the emulator's webhooks to `via`, which listens) and waits for ready. */
  authorize(via: Instance, orgIds: readonly string[]): Promise<void>;
  /** `POST /api/v1/visits` on one instance with the key. */
  schedule(g2g: G2G, apiKey: string, body: { title: string; orgId?: string }): Promise<LightMyRequestResponse>;
}

/**
 * g2g instances as several processes would be: one database, the same encryption keys and webhook secret, the
 * emulator over HTTP. Whatever they start is stopped (and the data folder removed) by `cleanups`, newest first.
 */
export async function instancesOnOneDatabase(opts: { database: TestDatabase; emulator: TestEmulator; clock?: Clock; cleanups: (() => Promise<void>)[] }): Promise<InstancesOnOneDatabase> {
  const { seed, control } = opts.emulator;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-instances-'));
  opts.cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const shared = {
    host: '127.0.0.1',
    port: await freePort(),
    dataDir,
    databaseUrl: await opts.database.freshUrl(),
    logLevel: 'silent' as const,
    rateLimitPerMinute: 0,
    encryptionKeys: [{ id: 'shared', key: new Secret(randomBytes(32).toString('base64')) }],
    webhookSecrets: [new Secret('shared-webhook-secret')],
    webex: webexConfigFromSeed(seed),
  };
  const allReady = async (g2g: G2G, orgIds: readonly string[]) => (await Promise.all(orgIds.map((id) => g2g.orgs.get(id)))).every((org) => org?.status === 'ready');
  return {
    async assemble(instanceId, refreshIntervalMs = 0) {
      const assembled = await assembleG2G(loadConfig({ env: {}, overrides: shared }), {
        ...(opts.clock !== undefined ? { clock: opts.clock } : {}),
        log: createLogger({ level: 'silent' }),
        sweepIntervalMs: 0,
        instanceId,
        tuning: { inboxSweepIntervalMs: 0, refreshIntervalMs, refreshLeasePollMs: 10 },
      });
      opts.cleanups.push(() => assembled.g2g.stop());
      return assembled;
    },
    async authorize(via, orgIds) {
      for (const orgId of orgIds) await control.authorize(seed.serviceApp.applicationId, { orgId });
      for (let i = 0; i < 300 && !(await allReady(via.g2g, orgIds)); i += 1) {
        await control.flushDeliveries();
        await via.internals.idle();
        await new Promise((r) => setTimeout(r, 20));
      }
      if (!(await allReady(via.g2g, orgIds))) throw new Error(`orgs not ready: ${orgIds.join(', ')}`);
    },
    schedule: (g2g, apiKey, body) =>
      g2g.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...body, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
      }),
  };
}

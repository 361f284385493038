import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadConfig, type Config, type EncryptionKey } from '../../src/config.js';
import { createManualClock } from '../../src/core/clock.js';
import { assembleG2G, type G2GInternals } from '../../src/g2g.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import { openDatabase } from '../../src/store/open-database.js';
import type { Database } from '../../src/store/schema.js';
import type { TestEmulator } from '../support/emulator.js';
import { freePort } from '../support/free-port.js';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const OLD_WEBHOOK_SECRET = 'old-webhook-secret-0123456789';
export const KEY_1: EncryptionKey = { id: 'k1', key: new Secret(Buffer.alloc(32, 1).toString('base64')) };
export const KEY_2: EncryptionKey = { id: 'k2', key: new Secret(Buffer.alloc(32, 2).toString('base64')) };

/** Every log line g2g writes, at debug level, for the "no secret in logs" checks. */
export function captureLogs(): { log: Logger; text(): string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { log: createLogger({ level: 'debug', destination: stream }), text: () => chunks.join('') };
}


export interface OrgStack {
  app: FastifyInstance;
  /** g2g's internals, and `start()`: the orgs part's start (serviceApp webhooks, stored events, timers). */
  services: G2GInternals & { start(): Promise<void> };
  db: Kysely<Database>;
  config: Config;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * g2g on a real HTTP socket (the emulator delivers webhooks to it), against the real emulator and a
 * real database, wired by g2g's own root; the orgs part starts when the test says so.
 */
export async function startOrgStack(opts: {
  emulator: TestEmulator;
  databaseUrl: string;
  clock: ReturnType<typeof createManualClock>;
  log: Logger;
  encryptionKeys?: EncryptionKey[];
  webhookSecrets?: string[];
  instanceId?: string;
  tokenManager?: { accessToken: string; refreshToken?: string; clientId?: string; clientSecret?: string };
}): Promise<OrgStack> {
  const { seed } = opts.emulator;
  const port = await freePort();
  const tm = opts.tokenManager ?? { accessToken: seed.tokenManager.accessToken };
  const config = loadConfig({
    env: {},
    overrides: {
      port,
      host: '127.0.0.1',
      dataDir: '/nonexistent-g2g-test-dir',
      databaseUrl: opts.databaseUrl,
      logLevel: 'debug',
      encryptionKeys: opts.encryptionKeys ?? [KEY_1],
      webhookSecrets: (opts.webhookSecrets ?? [WEBHOOK_SECRET]).map((s) => new Secret(s)),
      webex: {
        baseUrl: seed.baseUrl,
        applicationId: seed.serviceApp.applicationId,
        clientId: seed.serviceApp.clientId,
        clientSecret: new Secret(seed.serviceApp.clientSecret),
        tokenManager: {
          accessToken: new Secret(tm.accessToken),
          ...(tm.refreshToken !== undefined ? { refreshToken: new Secret(tm.refreshToken) } : {}),
          ...(tm.clientId !== undefined ? { clientId: tm.clientId } : {}),
          ...(tm.clientSecret !== undefined ? { clientSecret: new Secret(tm.clientSecret) } : {}),
        },
      },
    },
  });
  const db = await openDatabase(config.databaseUrl, { poolSize: 4 });
  // g2g's one wiring root, unstarted: the test starts the orgs part itself (`services.start()`) once it listens.
  const { g2g, internals } = await assembleG2G(config, {
    db,
    clock: opts.clock,
    log: opts.log,
    sweepIntervalMs: 0,
    ...(opts.instanceId !== undefined ? { instanceId: opts.instanceId } : {}),
    tuning: { refreshLeasePollMs: 10, inboxRetryBaseMs: 10, refreshIntervalMs: 0, inboxSweepIntervalMs: 0, webex: { retryBaseDelayMs: 5, maxRetryDelayMs: 20 } },
  });
  await g2g.app.listen({ port, host: '127.0.0.1' });
  return {
    app: g2g.app,
    services: { ...internals, start: internals.startOrgs },
    db,
    config,
    baseUrl: config.publicUrl,
    async close() {
      await g2g.stop();
      await db.destroy();
    },
  };
}

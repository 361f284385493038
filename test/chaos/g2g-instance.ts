/**
 * One g2g instance for the kill -9 harness (test/chaos/kill-restart.ts), in its own process so it can be killed with
 * SIGKILL: reads its whole setup from G2G_CHAOS (JSON: port, databaseUrl, seed credentials, events URL and secret,
 * encryption key; optionally a clock offset and sweep interval), starts, makes an API key and prints `ready <apiKey>`
 * on stdout. The tenant is the same on every start, so a client's Idempotency-Keys keep their meaning across a restart.
 */
import { loadConfig } from '../../src/config.js';
import { createG2G } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';

interface ChaosInstance {
  port: number;
  dataDir: string;
  databaseUrl: string;
  key: string;
  webhookSecret: string;
  webex: { baseUrl: string; applicationId: string; clientId: string; clientSecret: string; tokenManagerToken: string };
  eventsUrl: string;
  eventsSecret: string;
  orgId: string;
  /** Runs the instance this far ahead of real time (to make reservations old enough for the sweep). */
  clockOffsetMs?: number;
  /** The visit sweep's interval (g2g's default when absent). */
  sweepIntervalMs?: number;
}

const setup = JSON.parse(process.env.G2G_CHAOS ?? '{}') as ChaosInstance;
const config = loadConfig({
  env: {},
  overrides: {
    port: setup.port,
    host: '127.0.0.1',
    dataDir: setup.dataDir,
    databaseUrl: setup.databaseUrl,
    logLevel: 'silent',
    rateLimitPerMinute: 0,
    encryptionKeys: [{ id: 'chaos', key: new Secret(setup.key) }],
    webhookSecrets: [new Secret(setup.webhookSecret)],
    webex: {
      baseUrl: setup.webex.baseUrl,
      applicationId: setup.webex.applicationId,
      clientId: setup.webex.clientId,
      clientSecret: new Secret(setup.webex.clientSecret),
      tokenManager: { accessToken: new Secret(setup.webex.tokenManagerToken) },
    },
    events: { url: setup.eventsUrl, secrets: [new Secret(setup.eventsSecret)], retryBaseMs: 100, maxRetryDelayMs: 1000, maxAttempts: 50, pollIntervalMs: 100, timeoutMs: 2000 },
  },
});
const offsetMs = setup.clockOffsetMs ?? 0;
const g2g = await createG2G(config, {
  log: createLogger({ level: 'silent' }),
  clock: { now: () => Date.now() + offsetMs },
  ...(setup.sweepIntervalMs !== undefined ? { sweepIntervalMs: setup.sweepIntervalMs } : {}),
});
await g2g.start();
const { apiKey } = await g2g.tenants.createKey({ tenantName: 'chaos', orgIds: [setup.orgId] });
process.stdout.write(`ready ${apiKey}\n`);

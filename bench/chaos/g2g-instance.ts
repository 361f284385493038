/**
 * One g2g instance for bench/chaos/kill-restart.ts, in its own process so it can be killed with SIGKILL: reads its
 * whole setup from G2G_CHAOS (JSON: port, databaseUrl, seed credentials, events URL and secret, encryption key),
 * starts, makes an API key and prints `ready <apiKey>` on stdout.
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
const g2g = await createG2G(config, { log: createLogger({ level: 'silent' }) });
await g2g.start();
const { apiKey } = await g2g.tenants.createKey({ tenantName: `chaos-${process.pid}`, orgIds: [setup.orgId] });
process.stdout.write(`ready ${apiKey}\n`);

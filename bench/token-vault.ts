/**
 * Question: what do the orgs part and the token vault add to g2g's hot path, and what does a coordinated
 * (leased, single-flight) token refresh cost next to a bare one?
 * One process runs the emulator (loopback, no injected latency) and g2g's orgs part on a database
 * (SQLite temp file, or BENCH_DATABASE_URL for PostgreSQL). The seed org is authorized through the real
 * path (serviceApp:authorized event into the inbox, tokens fetched with the token-manager credential).
 * Measured side by side, alternating rounds, after a warm-up:
 *   - "webex call, fixed token (direct fetch)" vs "webex call through webexForOrg (vault token)";
 *   - "POST /access_token (direct fetch)" vs "vault refresh (lease, refresh, encrypted store)";
 *   - "primary-key SELECT (baseline)" vs "per-request org checks (API key + requireReady + vault token)".
 * Prints one JSON document: { bench, node, database, variants: [{ name, p50Ms, p99Ms }], ratios }.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, webexConfigFromSeed } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { startEmulator } from '../src/emulator/index.js';
import { assembleG2G } from '../src/g2g.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { openDatabase } from '../src/store/open-database.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_CALLS ?? 30);
const WARMUP = 20;

const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-bench-vault-'));
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, logLevel: 'silent' });
const seed = emulator.seed;
const config = loadConfig({
  env: {},
  overrides: {
    dataDir,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'g2g.sqlite')}`,
    logLevel: 'silent',
    encryptionKeys: [{ id: 'bench', key: new Secret(randomBytes(32).toString('base64')) }],
    webhookSecrets: [new Secret('bench-webhook-secret-0123456789')],
    webex: webexConfigFromSeed(seed),
  },
});
const db = await openDatabase(config.databaseUrl);
// g2g's own wiring, not started: the bench drives the orgs part directly (no listener needed).
const { g2g, internals: services } = await assembleG2G(config, { db, clock: systemClock, log: createLogger({ level: 'silent' }), sweepIntervalMs: 0, tuning: { refreshIntervalMs: 0, inboxSweepIntervalMs: 0 } });

try {
  const orgId = seed.orgId;
  const envelope = {
    id: 'bench', name: 'bench', resource: 'serviceApp', event: 'authorized', orgId,
    data: { id: seed.serviceApp.applicationId, orgId, scopes: seed.serviceApp.scopes, siteUrls: [seed.siteUrl], authorizationDate: new Date().toISOString() },
  };
  await services.inbox.accept(Buffer.from(JSON.stringify(envelope)));
  await services.idle();
  const org = await services.orgs.requireReady(orgId);
  const { apiKey } = await services.tenants.createKey({ tenantName: 'bench', orgIds: [org.id] });
  const client = services.webexForOrg(orgId);

  const fixedToken = await services.vault.accessToken(orgId);
  const direct = async () => {
    const res = await fetch(`${seed.baseUrl}/meetingPreferences/schedulingOptions`, { headers: { authorization: `Bearer ${fixedToken}` } });
    if (res.status !== 200) throw new Error(`direct call answered ${res.status}`);
    await res.json();
  };
  const viaVault = async () => {
    await client.meetingPreferences.getSchedulingOptions();
  };
  // The bare refresh uses the seed's own refresh token (the emulator keeps it valid across refreshes).
  const directRefresh = async () => {
    const res = await fetch(`${seed.baseUrl}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: seed.serviceApp.clientId, client_secret: seed.serviceApp.clientSecret, refresh_token: seed.serviceApp.refreshToken }),
    });
    if (res.status !== 200) throw new Error(`direct refresh answered ${res.status}`);
    await res.json();
  };
  const vaultRefresh = async () => {
    const current = await services.vault.accessToken(orgId);
    await services.vault.refreshAfterRejection(orgId, current);
  };
  const baselineSelect = async () => {
    await db.selectFrom('orgs').select(['id', 'status']).where('id', '=', orgId).executeTakeFirst();
  };
  const orgChecks = async () => {
    const tenant = await services.tenants.authenticate(apiKey);
    if (tenant === undefined) throw new Error('key not accepted');
    await services.orgs.requireReady(orgId);
    await services.vault.accessToken(orgId);
  };

  const pairs: [string, () => Promise<void>, string, () => Promise<void>][] = [
    ['webex call, fixed token (direct fetch)', direct, 'webex call through webexForOrg (vault token)', viaVault],
    ['POST /access_token (direct fetch)', directRefresh, 'vault refresh (lease, refresh, encrypted store)', vaultRefresh],
    ['primary-key SELECT (baseline)', baselineSelect, 'per-request org checks (API key + requireReady + vault token)', orgChecks],
  ];
  const variants: { name: string; p50Ms: number; p99Ms: number }[] = [];
  const ratios: Record<string, number> = {};
  for (const [baseName, base, oursName, ours] of pairs) {
    for (let i = 0; i < WARMUP; i += 1) {
      await base();
      await ours();
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [fn, into] of (round % 2 === 0 ? [[base, a], [ours, b]] : [[ours, b], [base, a]]) as [() => Promise<void>, number[]][]) {
        for (let i = 0; i < PER_ROUND; i += 1) {
          const t = performance.now();
          await fn();
          into.push(performance.now() - t);
        }
      }
    }
    const va = { name: baseName, p50Ms: pct(a, 50), p99Ms: pct(a, 99) };
    const vb = { name: oursName, p50Ms: pct(b, 50), p99Ms: pct(b, 99) };
    variants.push(va, vb);
    ratios[oursName] = round3(vb.p50Ms / va.p50Ms);
  }
  process.stdout.write(
    `${JSON.stringify({ bench: 'token-vault', node: process.version, database: config.databaseUrl.startsWith('sqlite') ? 'sqlite' : 'postgres', variants, ratios })}\n`,
  );
} finally {
  await g2g.stop();
  await db.destroy();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return round3(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

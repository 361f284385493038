import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig, type Config, type ConfigOverrides } from '../../src/config.js';
import type { Clock } from '../../src/core/clock.js';
import { assembleG2G, type G2G, type G2GInternals, type G2GOverrides } from '../../src/g2g.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import type { Database } from '../../src/store/schema.js';
import type { TestDatabase } from './databases.js';
import { startTestEmulator, type EmulatorControl, type TestEmulator } from './emulator.js';
import { freePort } from './free-port.js';

/** The webhook secret tests sign with (computed independently with node:crypto where it matters). */
export const TEST_WEBHOOK_SECRET = 'whsec-test-0123456789';

export interface StackOptions {
  /** Authorize the seed org and make an API key for it (default true). */
  authorize?: boolean;
  clock?: Clock;
  log?: Logger;
  config?: ConfigOverrides;
  /** Register a new Service App with these scopes (e.g. with spark:all for spaces) instead of the seed's. */
  serviceAppScopes?: string[];
  /** Webex client knobs for this stack (e.g. a short timeout to provoke an unknown outcome). */
  webex?: { timeoutMs?: number; maxRetries?: number };
  /** License governor knobs (e.g. a 1 s waiting-page refresh for a browser test). */
  governor?: G2GOverrides['governor'];
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  json: unknown;
  body: string;
}

export interface Stack {
  emulator: TestEmulator;
  control: EmulatorControl;
  g2g: G2G;
  /** What tests reach beyond g2g's public surface (vault, inbox, idle...). */
  internals: G2GInternals;
  /** The same database g2g runs on, opened by the test. */
  db: Kysely<Database>;
  config: Config;
  /** The seed org, or a new org when `serviceAppScopes` is given (authorized unless `authorize: false`). */
  orgId: string;
  /** An API key of tenant `acme` holding the seed org (empty when not authorized). */
  apiKey: string;
  /** Calls g2g's HTTP API (in-process inject) with the API key, unless `key` says otherwise. */
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts?: { body?: unknown; key?: string | null; headers?: Record<string, string> }): Promise<ApiAnswer>;
  /** Authorizes an org through the real path (emulator webhook -> g2g -> tokens) and waits for `ready`. */
  authorize(orgId: string, siteUrl?: string): Promise<void>;
  /** Waits until the emulator's webhooks reached g2g and g2g processed them. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Emulator (port 0) + g2g listening on a free port (webhooks need a real socket) on the given database. */
export async function startStack(database: TestDatabase, opts: StackOptions = {}): Promise<Stack> {
  const emulator = await startTestEmulator();
  const seed = emulator.seed;
  const app =
    opts.serviceAppScopes === undefined
      ? seed.serviceApp
      : await controlPost<{ applicationId: string; clientId: string; clientSecret: string }>(seed.controlUrl, '/service-apps', { name: 'g2g test app', scopes: opts.serviceAppScopes });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-stack-'));
  const db = await database.open();
  const port = await freePort();
  const config = loadConfig({
    env: {},
    overrides: {
      port,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      encryptionKeys: [{ id: 'test1', key: new Secret(randomBytes(32).toString('base64')) }],
      webhookSecrets: [new Secret(TEST_WEBHOOK_SECRET)],
      webex: {
        baseUrl: seed.baseUrl,
        applicationId: app.applicationId,
        clientId: app.clientId,
        clientSecret: new Secret(app.clientSecret),
        tokenManager: { accessToken: new Secret(seed.tokenManager.accessToken) },
      },
      ...opts.config,
    },
  });
  const { g2g, internals } = await assembleG2G(config, {
    db,
    log: opts.log ?? createLogger({ level: 'silent' }),
    sweepIntervalMs: 0,
    tuning: { inboxRetryBaseMs: 20, inboxSweepIntervalMs: 0, refreshIntervalMs: 0, webex: { retryBaseDelayMs: 5, maxRetries: 1, timeoutMs: 5000, ...opts.webex } },
    ...(opts.clock !== undefined ? { clock: opts.clock } : {}),
    ...(opts.governor !== undefined ? { governor: opts.governor } : {}),
  });
  await g2g.start();

  const settle = async () => {
    await emulator.control.flushDeliveries();
    await internals.idle();
  };

  const stack: Stack = {
    emulator,
    control: emulator.control,
    g2g,
    internals,
    db,
    config,
    orgId: seed.orgId,
    apiKey: '',

    async api(method, url, o = {}) {
      const key = o.key === undefined ? stack.apiKey : o.key;
      const res = await g2g.app.inject({
        method,
        url,
        headers: { ...(key !== null && key !== '' ? { authorization: `Bearer ${key}` } : {}), ...o.headers },
        ...(o.body !== undefined ? { payload: o.body as Record<string, unknown> } : {}),
      });
      let json: unknown;
      try {
        json = res.body === '' ? undefined : JSON.parse(res.body);
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, headers: res.headers, json, body: res.body };
    },
    async authorize(orgId, siteUrl) {
      await emulator.control.authorize(app.applicationId, { orgId, ...(siteUrl !== undefined ? { siteUrl } : {}) });
      for (let i = 0; i < 200; i += 1) {
        await settle();
        const org = await g2g.orgs.get(orgId);
        if (org?.status === 'ready') return;
        await new Promise((r) => setTimeout(r, 20));
      }
      const org = await g2g.orgs.get(orgId);
      throw new Error(`org ${orgId} did not become ready: ${org?.status ?? 'unknown'} ${org?.statusReason ?? ''}`);
    },
    settle,
    async close() {
      await g2g.stop();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (opts.serviceAppScopes !== undefined) {
    // The seed site is bound to the seed Service App (1:1): another app needs an org with its own guest site.
    stack.orgId = (await emulator.control.createOrg({ name: 'Other org' })).orgId;
  }
  if (opts.authorize ?? true) {
    await stack.authorize(stack.orgId);
    stack.apiKey = (await g2g.tenants.createKey({ tenantName: 'acme', orgIds: [stack.orgId] })).apiKey;
  }
  return stack;
}

async function controlPost<T>(controlUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator control POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}


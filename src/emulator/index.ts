import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import type { EmulatorContext, TokenLifetimes } from './context.js';
import { createEmulatorClock, type TimeSource } from './emulator-clock.js';
import { refusal } from './errors.js';
import { createFaultBook } from './faults.js';
import { createRequestJournal } from './journal.js';
import { pruneExpired, settleAll } from './lifecycle.js';
import { startJoinPages } from './pages/join-pages.js';
import { createRateLimiter } from './rate-limit.js';
import { seedSandbox } from './seed.js';
import { listenDualProtocol } from './dual-protocol-listener.js';
import { buildEmulatorServer } from './server.js';
import { EmulatorState, isStateSnapshot, type Seed, type StateSnapshot } from './state.js';
import { createWebhookDispatcher } from './webhook-delivery.js';

export type { Seed, StateSnapshot } from './state.js';
export type { TimeSource } from './emulator-clock.js';

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Meetings in progress at once on the seeded guest site (default 10, like the sandbox). */
  license?: number;
  participantsPerMeeting?: number;
  /** Load the whole state from this file at start (if it exists) and save it there on change and on close. */
  statePath?: string;
  /** Base time source; the emulator's clock adds the offset that POST /_emulator/clock/advance moves. */
  clock?: TimeSource;
  /** Join pages over https with a self-signed certificate (default true); false for plain-http local demos. */
  pagesTls?: boolean;
  /** Port of the join pages (default 0: a free port). */
  pagesPort?: number;
  orgName?: string;
  siteUrl?: string;
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Waits between webhook delivery attempts (default 1 s, 5 s, 30 s; tests use a few ms). */
  webhookRetryDelaysMs?: number[];
  /** Failures within 5 minutes that disable a webhook (Webex: 100). */
  webhookDisableAfterFailures?: number;
  webhookTimeoutMs?: number;
  logger?: Logger;
  logLevel?: string;
}

export interface RunningEmulator {
  /** `http://HOST:PORT/v1`: point a Webex client here instead of https://webexapis.com/v1. */
  readonly baseUrl: string;
  /** The same API over TLS on the same port (self-signed certificate), for clients that hard-code https. */
  readonly httpsBaseUrl: string;
  /** `http://HOST:PORT/_emulator` */
  readonly controlUrl: string;
  /** Where join and start links point (`https://HOST:PAGES_PORT`). */
  readonly pagesUrl: string;
  readonly seed: Seed;
  /** The whole state now (what GET /_emulator/state answers). */
  snapshot(): StateSnapshot;
  close(): Promise<void>;
}

/**
 * Starts the local Webex: the API under /v1, the control plane under /_emulator and the join pages, seeded with a
 * sandbox org whose guest-to-guest site, Service App, token manager and admin are in `seed`.
 *
 * @example
 * const emu = await startEmulator({ port: 0 });
 * const res = await fetch(`${emu.baseUrl}/people/me`, { headers: { authorization: `Bearer ${emu.seed.serviceApp.accessToken}` } });
 * await emu.close();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger ?? pino({ level: options.logLevel ?? 'warn', base: { service: 'webex-emulator' } }, pino.destination(2));
  const loaded = options.statePath !== undefined && existsSync(options.statePath) ? readSnapshot(options.statePath) : undefined;
  const clock = createEmulatorClock(options.clock, loaded?.clockOffsetMs ?? 0);
  let saveTimer: NodeJS.Timeout | undefined;
  let lastSaveMs = 0;
  let closed = false;

  const ctx: EmulatorContext = {
    state: loaded ? EmulatorState.fromSnapshot(loaded) : new EmulatorState(),
    clock,
    log,
    webhooks: createWebhookDispatcher({
      state: () => ctx.state,
      clock,
      log,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 5000, 30_000],
      disableAfterFailures: options.webhookDisableAfterFailures ?? 100,
      disableWindowMs: 5 * 60_000,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      keepDeliveries: 1000,
    }),
    faults: createFaultBook(),
    journal: createRequestJournal(1000),
    rateLimiter: createRateLimiter(),
    readLag: { ms: 0 },
    tokenLifetimes: { accessSeconds: 1_209_599, refreshSeconds: 7_775_999, ...options.tokenLifetimes },
    urls: { baseUrl: '', controlUrl: '', pagesUrl: '' },
    viewCache: new Map(),
    onChange: () => {
      if (options.statePath === undefined || saveTimer !== undefined || closed) return;
      // Saving a big state blocks the event loop; space saves by ten times what the last one took.
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        save();
      }, Math.max(250, lastSaveMs * 10));
      saveTimer.unref();
    },
    reset: () => {
      ctx.importState(JSON.parse(initial) as StateSnapshot);
      ctx.faults.clear();
      ctx.journal.clear();
      ctx.webhooks.clear();
      ctx.rateLimiter.setLimit(null);
      ctx.webhooks.setDelay(0);
      ctx.readLag.ms = 0;
    },
    exportState: () => ctx.state.toSnapshot(clock.offsetMs),
    importState: (snapshot) => {
      ctx.state = EmulatorState.fromSnapshot(snapshot);
      clock.setOffset(snapshot.clockOffsetMs);
      ctx.onChange();
    },
    seed: () => {
      const seed = ctx.state.seed;
      if (!seed) throw refusal(404, 'no_seed', 'The imported state has no seed (it was not exported from a seeded emulator)');
      return { baseUrl: ctx.urls.baseUrl, controlUrl: ctx.urls.controlUrl, pagesUrl: ctx.urls.pagesUrl, ...seed };
    },
  };
  const save = () => {
    if (options.statePath === undefined) return;
    const started = performance.now();
    const tmp = `${options.statePath}.tmp`;
    writeFileSync(tmp, JSON.stringify(ctx.exportState()));
    renameSync(tmp, options.statePath);
    lastSaveMs = performance.now() - started;
  };

  if (!loaded) {
    seedSandbox(ctx, {
      orgName: options.orgName ?? 'Sandbox',
      siteUrl: options.siteUrl ?? 'sandbox-g2g.webex.com',
      concurrentMeetings: options.license ?? 10,
      participantsPerMeeting: options.participantsPerMeeting ?? 400,
    });
  }
  const initial = JSON.stringify(ctx.exportState());

  const app = buildEmulatorServer(ctx);
  const listener = await listenDualProtocol(app, { host, port: options.port ?? 0 });
  const origin = `http://${urlHost(host)}:${listener.port}`;
  ctx.urls.baseUrl = `${origin}/v1`;
  ctx.urls.controlUrl = `${origin}/_emulator`;
  let pages: Awaited<ReturnType<typeof startJoinPages>>;
  try {
    pages = await startJoinPages({ controlUrl: ctx.urls.controlUrl, host, port: options.pagesPort ?? 0, tls: options.pagesTls ?? true });
  } catch (error) {
    await listener.close();
    throw error;
  }
  ctx.urls.pagesUrl = pages.url;
  const ticker = setInterval(() => {
    settleAll(ctx);
    pruneExpired(ctx);
  }, 15_000);
  ticker.unref();
  save();

  return {
    baseUrl: ctx.urls.baseUrl,
    httpsBaseUrl: `https://${urlHost(host)}:${listener.port}/v1`,
    controlUrl: ctx.urls.controlUrl,
    pagesUrl: ctx.urls.pagesUrl,
    seed: ctx.seed(),
    snapshot: () => ctx.exportState(),
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      if (saveTimer) clearTimeout(saveTimer);
      ctx.webhooks.close();
      await Promise.allSettled([pages.close(), listener.close()]);
      save();
    },
  };
}

function readSnapshot(path: string): StateSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`emulator state file ${path} is not valid JSON`);
  }
  if (!isStateSnapshot(parsed)) throw new Error(`emulator state file ${path} is not an emulator state snapshot (version 1)`);
  return parsed;
}

/** Listening on all interfaces still means links and clients use loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { assembleG2G } from '../g2g.js';
import { loadConfig, Secret, type Config, type ConfigOverrides, type G2G, type VisitTenant } from '../index.js';
import { createLogger } from '../logger.js';
import { EmulatorControl, type DeliveryEntry, type FaultSpec, type JournalEntry, type LinkOpened } from './emulator-control.js';
import { findFreePort } from './free-port.js';

export interface G2GTestKitOptions {
  /** Config on top of the kit's (e.g. `databaseUrl: 'postgres://...'`, `eventsUrl`). Webex settings are the kit's. */
  config?: ConfigOverrides;
  /** Meetings in progress at once on the sandbox guest site (default 10, like Webex's sandbox). */
  license?: number;
  /** g2g's and the emulator's log level (default 'silent'). */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

/** What a guest's browser got from a participant's join link: in the meeting (or its lobby), or refused, and by whom. */
export type GuestJoin = (LinkOpened & { ok: true }) | { ok: false; by: 'g2g' | 'webex'; status: number; code: string; message: string };

export interface G2GTestKit {
  /** g2g, started and listening on 127.0.0.1, pointed at the emulator; the sandbox org is authorized and ready. */
  readonly g2g: G2G;
  readonly config: Config;
  /** The local Webex (in-process, port 0); `emulator.baseUrl` and `emulator.seed` for direct /v1 calls. */
  readonly emulator: RunningEmulator;
  /** The emulator's control plane (people, clock, faults, journal), typed. */
  readonly control: EmulatorControl;
  /** The authorized sandbox org, and a tenant holding it with an API key for g2g's HTTP API. */
  readonly orgId: string;
  readonly tenant: VisitTenant;
  readonly apiKey: string;
  /** g2g's base URL (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Opens a participant's `joinUrl` as a guest's browser does: g2g's join link, then the Webex page's Join button. */
  join(joinUrl: string, displayName?: string): Promise<GuestJoin>;
  /** The participant leaves the meeting (the meeting ends when everyone has). */
  leave(participantId: string): Promise<void>;
  /** The host (or Webex) ends the meeting for everyone. */
  endMeeting(meetingId: string): Promise<void>;
  /** Moves the emulator's clock and g2g's together: tokens expire, meetings become ready or missed. */
  advanceClock(ms: number): Promise<void>;
  /** Injects a Webex failure (before or after the change); returns the fault id. `clearFaults()` removes them all. */
  injectFault(fault: FaultSpec): Promise<string>;
  clearFaults(): Promise<void>;
  /** The /v1 requests g2g made, newest last (`path` may be a glob such as '/v1/meetings*'). */
  journal(filter?: { method?: string; path?: string }): Promise<JournalEntry[]>;
  /** Webhook deliveries the emulator made to g2g. */
  deliveries(filter?: { resource?: string; event?: string }): Promise<DeliveryEntry[]>;
  /** Waits until the emulator's webhooks have reached g2g and g2g has handled them (events emitted). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * g2g wired to a local Webex in one call (docs/testing-kit.md): the emulator in-process on port 0 with its sandbox
 * org authorized through the real path (signed webhook, token fetch), g2g on SQLite in a temporary directory unless
 * `config.databaseUrl` says otherwise, and helpers for what guests, hosts and Webex do.
 */
export async function startG2GTestKit(options: G2GTestKitOptions = {}): Promise<G2GTestKit> {
  const logLevel = options.logLevel ?? 'silent';
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, logLevel, webhookRetryDelaysMs: [20, 100, 500], ...(options.license !== undefined ? { license: options.license } : {}) });
  const control = new EmulatorControl(emulator.controlUrl);
  // g2g's clock follows the emulator's: real time plus what advanceClock added to both.
  let offsetMs = 0;
  const clock = { now: () => Date.now() + offsetMs };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-testkit-'));
  const cleanUp = async () => {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const seed = emulator.seed;
    const port = await findFreePort();
    const config = loadConfig({
      env: {},
      overrides: {
        host: '127.0.0.1',
        port,
        dataDir,
        logLevel,
        encryptionKeys: [{ id: 'testkit', key: new Secret(randomBytes(32).toString('base64')) }],
        webhookSecrets: [new Secret(randomBytes(24).toString('base64url'))],
        ...options.config,
        webex: {
          baseUrl: seed.baseUrl,
          applicationId: seed.serviceApp.applicationId,
          clientId: seed.serviceApp.clientId,
          clientSecret: new Secret(seed.serviceApp.clientSecret),
          tokenManager: { accessToken: new Secret(seed.tokenManager.accessToken) },
        },
      },
    });
    const { g2g, internals } = await assembleG2G(config, {
      clock,
      log: createLogger({ level: logLevel }),
      sweepIntervalMs: 0,
      tuning: { inboxRetryBaseMs: 20, inboxSweepIntervalMs: 0, refreshIntervalMs: 0, webex: { retryBaseDelayMs: 10, maxRetries: 2 } },
    });
    const { url } = await g2g.start();
    const settle = async () => {
      await control.flushDeliveries();
      await internals.idle();
    };
    try {
      await control.authorize(seed.serviceApp.applicationId, { orgId: seed.orgId });
      await waitForReady(g2g, seed.orgId, settle);
    } catch (error) {
      await g2g.stop();
      throw error;
    }
    const { tenantId, apiKey } = await g2g.tenants.createKey({ tenantName: 'testkit', orgIds: [seed.orgId] });

    return {
      g2g,
      config,
      emulator,
      control,
      orgId: seed.orgId,
      tenant: { id: tenantId, orgIds: [seed.orgId] },
      apiKey,
      url,
      async join(joinUrl, displayName) {
        const res = await fetch(joinUrl, { redirect: 'manual' });
        const location = res.headers.get('location');
        if (res.status !== 302 || location === null) {
          const page = await res.text();
          return { ok: false, by: 'g2g', status: res.status, code: `g2g_${res.status}`, message: pageTitle(page) };
        }
        await res.body?.cancel();
        const opened = await control.openLink(location, displayName);
        return opened.ok ? opened : { ...opened, by: 'webex' };
      },
      async leave(participantId) {
        await control.leave(participantId);
      },
      async endMeeting(meetingId) {
        await control.endMeeting(meetingId);
      },
      async advanceClock(ms) {
        await control.advanceClock(ms);
        offsetMs += ms;
      },
      injectFault: (fault) => control.addFault(fault),
      clearFaults: () => control.clearFaults(),
      journal: (filter = {}) => control.requests(filter),
      deliveries: (filter = {}) => control.deliveries(filter),
      settle,
      async close() {
        try {
          await g2g.stop();
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function waitForReady(g2g: G2G, orgId: string, settle: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 250; i += 1) {
    await settle();
    const org = await g2g.orgs.get(orgId);
    if (org?.status === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const org = await g2g.orgs.get(orgId);
  throw new Error(`the sandbox org did not become ready in g2g (status ${org?.status ?? 'unknown'})`);
}

/** The `<title>` of g2g's page for a link it will not hand over (ended, cancelled, waiting for a license). */
function pageTitle(html: string): string {
  const match = /<title>([^<]*)<\/title>/i.exec(html);
  return (match?.[1] ?? html.slice(0, 120)).trim();
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config, WebexConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Secret } from '../secret.js';
import { findOrgRow, listOrgRows, setOrgStatus, type OrgRow } from '../store/org-store.js';
import type { Database } from '../store/schema.js';
import { createWebexClient, type WebexClient, type WebexClientOptions } from '../webex/index.js';
import type { Clock } from './clock.js';
import { createKeyring } from './crypto/keyring.js';
import type { G2GMetrics } from './metrics/g2g-metrics.js';
import { G2GError, isG2GError } from './errors.js';
import { ensureWebhooks, serviceAppWebhooks } from './orgs/ensure-webhooks.js';
import { orgFromRow, orgUnavailableError, isOrgStatus, type Org } from './orgs/org.js';
import { createOrgAuthorization, REGISTERING_WEBHOOKS_REASON } from './orgs/org-authorization.js';
import type { OrgEvents } from './orgs/org-events.js';
import { runPreflight, type Preflight } from './orgs/preflight.js';
import { registerMeetingWebhooks } from './orgs/register-meeting-webhooks.js';
import { createBackgroundRunner } from './run-in-background.js';
import { createTenants, type Tenants } from './tenants/tenants.js';
import { createTypedEmitter, type TypedEmitter } from './typed-emitter.js';
import { createTokenVault, isRefusedRefresh, type TokenHealth, type TokenVault } from './vault/token-vault.js';
import type { InboundWebhook } from './webhooks/webhook-envelope.js';
import { createWebhookInbox, type WebhookHandler } from './webhooks/webhook-inbox.js';

export type { Org, OrgStatus } from './orgs/org.js';
export type { OrgEvents } from './orgs/org-events.js';
export type { Preflight, PreflightCheck } from './orgs/preflight.js';
export type { Tenant, Tenants } from './tenants/tenants.js';
export type { InboundWebhook } from './webhooks/webhook-envelope.js';
export type { WebhookHandler } from './webhooks/webhook-inbox.js';

/** Vault subject of the credential that mints org tokens (`spark:applications_token`). */
export const TOKEN_MANAGER_SUBJECT = 'app:token-manager';

export interface OrgServicesDeps {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** Given to every Webex client (tests never need it: they aim config.webex.baseUrl at the emulator). */
  fetch?: typeof fetch;
  /** Names this instance in refresh leases (default: a random UUID). */
  instanceId?: string;
  /** Counts every Webex exchange and refresh-token outcome (GET /metrics). */
  metrics?: Pick<G2GMetrics, 'webexResponse' | 'tokenRefresh'>;
  /** Knobs for tests and tuning; defaults suit production. */
  tuning?: {
    refreshLeaseMs?: number;
    refreshLeasePollMs?: number;
    inboxRetryBaseMs?: number;
    inboxMaxAttempts?: number;
    /** How often stored tokens are checked for refresh-ahead (default 60 s; 0 disables the timer). */
    refreshIntervalMs?: number;
    /** How often orgs whose meeting webhooks failed to register are retried (default 5 min; 0 disables the timer). */
    webhookRetryIntervalMs?: number;
    /** How often the inbox looks for events to retry (default 5 s; 0 disables the timer). */
    inboxSweepIntervalMs?: number;
    webex?: Pick<WebexClientOptions, 'timeoutMs' | 'maxRetries' | 'retryBaseDelayMs' | 'maxRetryDelayMs' | 'maxRetryAfterMs'>;
  };
}

export interface OrgServices {
  orgs: {
    get(orgId: string): Promise<Org | undefined>;
    /** All orgs, or those with the given ids. */
    list(ids?: readonly string[]): Promise<Org[]>;
    /** The org when it is ready for new work; else G2GError not_found / org_deauthorized / org_needs_reauth / org_missing_scopes / org_not_ready. */
    requireReady(orgId: string): Promise<Org>;
  };
  /** A Webex client acting as the org's Service App machine account: fresh token, refresh-ahead, one refresh after a 401. Cached per org. */
  webexForOrg(orgId: string): WebexClient;
  /** A Webex client holding the token-manager credential. */
  tokenManagerClient(): WebexClient;
  tenants: Tenants;
  inbox: {
    on(resource: string, handler: WebhookHandler): void;
    accept(raw: Buffer): Promise<{ status: 'accepted' | 'duplicate'; eventId: string | undefined }>;
    processDue(): Promise<number>;
  };
  events: TypedEmitter<OrgEvents>;
  vault: TokenVault;
  preflight(orgId: string, opts?: { signal?: AbortSignal }): Promise<Preflight>;
  /** Secrets accepted on `X-Spark-Signature` (the first one is registered with Webex). */
  readonly webhookSecrets: readonly Secret[];
  /** `{publicUrl}/webhooks/webex`. */
  readonly webhookTargetUrl: string;
  /** Ensures the serviceApp webhooks exist (token-manager credential), resumes stored events, reconciles each ready org's meeting webhooks, starts refresh-ahead and retry timers. */
  start(): Promise<void>;
  /**
   * Re-creates or re-activates missing or disabled webhooks (Webex disables one after 100 failed deliveries
   * in 5 minutes, e.g. while g2g was down): the serviceApp ones and each ready org's meeting webhooks.
   * Runs at start and hourly; failures are logged per org and counted. With `onlyIncomplete`, only ready
   * orgs whose meeting webhooks a Webex error left incomplete (what the retry timer runs, every 5 minutes). Either way,
   * an org left `pending` while registering its webhooks for over 10 minutes is finished and marked ready.
   */
  reconcileWebhooks(opts?: { onlyIncomplete?: boolean }): Promise<{ orgs: number; created: number; updated: number; failed: number }>;
  /** Refreshes every due token of ready orgs (and the token manager): what the minute timer runs. */
  refreshDueTokens(): Promise<{ refreshed: number; failed: number }>;
  stop(): Promise<void>;
  /** Resolves once background work started so far (webhook processing) has settled. */
  idle(): Promise<void>;
}

export function createOrgServices(deps: OrgServicesDeps): OrgServices {
  const { config, db, clock } = deps;
  const log = deps.log.child({ module: 'org-services' });
  const tuning = deps.tuning ?? {};
  const instanceId = deps.instanceId ?? randomUUID();
  const keyring = createKeyring(config.encryptionKeys);
  const background = createBackgroundRunner(log);
  const events = createTypedEmitter<OrgEvents>(log);
  const webhookSecrets = config.webhookSecrets;
  const webhookTargetUrl = `${config.publicUrl}/webhooks/webex`;
  const timers: NodeJS.Timeout[] = [];

  const needWebex = (): WebexConfig => {
    if (config.webex === undefined) {
      throw new G2GError({ code: 'config_invalid', status: 500, message: 'no Webex credentials are configured (config.webex): start the embedded emulator and pass its seed credentials' });
    }
    return config.webex;
  };

  const clientOptions = (): WebexClientOptions => {
    const opts: WebexClientOptions = {
      baseUrl: needWebex().baseUrl,
      ...tuning.webex,
      onRequest: (e) => log.debug({ method: e.method, url: e.url, attempt: e.attempt }, 'webex request'),
      onResponse: (e) => {
        deps.metrics?.webexResponse(e);
        log.debug({ method: e.method, url: e.url, attempt: e.attempt, status: e.status, durationMs: e.durationMs, trackingId: e.trackingId, next: e.next, error: e.error }, 'webex response');
      },
    };
    if (deps.fetch !== undefined) opts.fetch = deps.fetch;
    return opts;
  };

  let anonymous: WebexClient | undefined;
  const anonymousClient = () => (anonymous ??= createWebexClient(clientOptions()));

  const tmRefreshable = () => {
    const tm = config.webex?.tokenManager;
    return tm?.refreshToken !== undefined && tm.clientId !== undefined && tm.clientSecret !== undefined;
  };

  const vault = createTokenVault({
    db,
    keyring,
    clock,
    log: deps.log,
    instanceId,
    ...(tuning.refreshLeaseMs !== undefined ? { leaseMs: tuning.refreshLeaseMs } : {}),
    ...(tuning.refreshLeasePollMs !== undefined ? { leasePollMs: tuning.refreshLeasePollMs } : {}),
    refresh: async (subject, refreshToken, opts) => {
      const webex = needWebex();
      const client = subject === TOKEN_MANAGER_SUBJECT
        ? { clientId: webex.tokenManager.clientId ?? '', clientSecret: webex.tokenManager.clientSecret?.reveal() ?? '' }
        : { clientId: webex.clientId, clientSecret: webex.clientSecret.reveal() };
      try {
        const grant = await anonymousClient().oauth.refreshToken({ ...client, refreshToken }, opts);
        deps.metrics?.tokenRefresh('refreshed');
        return grant;
      } catch (error) {
        deps.metrics?.tokenRefresh(isRefusedRefresh(error) ? 'refused' : 'failed');
        throw error;
      }
    },
    onRefused: async (subject, reason) => {
      if (subject === TOKEN_MANAGER_SUBJECT) {
        log.error({ reason }, 'token-manager refresh token refused: configure a new WEBEX_TOKEN_MANAGER credential');
        // Drop the dead pair: the next start seeds the vault from the (new) configured credential.
        await vault.forget(TOKEN_MANAGER_SUBJECT);
        events.emit('token_manager.needs_reauth', { reason });
        return;
      }
      orgClients.delete(subject);
      if (await setOrgStatus(db, subject, 'needs_reauth', reason, clock.now(), ['ready', 'pending'])) {
        log.warn({ orgId: subject, reason }, 'org needs re-authorization');
        events.emit('org.needs_reauth', { orgId: subject, reason });
      }
    },
    guard: async (subject) => {
      if (subject === TOKEN_MANAGER_SUBJECT) return;
      const row = await findOrgRow(db, subject);
      // Pending is allowed: the authorization flow itself uses the org token to register webhooks.
      if (row?.status === 'ready' || row?.status === 'pending') return;
      throw orgUnavailableError(subject, row && isOrgStatus(row.status) ? row.status : undefined, row?.status_reason ?? null);
    },
  });

  let tmClient: WebexClient | undefined;
  let tmRefused = false;
  const seedTokenManager = async (): Promise<void> => {
    const tm = needWebex().tokenManager;
    // Expiry of a configured token is unknown: assume an hour so refresh-ahead renews it (and learns the real expiry) soon.
    await vault.seed(TOKEN_MANAGER_SUBJECT, { access_token: tm.accessToken.reveal(), expires_in: 3600, refresh_token: tm.refreshToken?.reveal() });
  };
  const tokenManagerClient = (): WebexClient => {
    if (tmClient !== undefined) return tmClient;
    const tm = needWebex().tokenManager;
    // The vault keeps a refreshable token-manager credential fresh. Before start() seeded it, or after
    // Webex refused its refresh token (logged and emitted once), the configured token is the best we have.
    const fromVault = async (read: () => Promise<string>): Promise<string> => {
      if (tmRefused) return tm.accessToken.reveal();
      try {
        return await read();
      } catch (error) {
        if (isG2GError(error) && error.code === 'org_not_ready') {
          await seedTokenManager();
          return read();
        }
        if (isG2GError(error) && error.code === 'org_needs_reauth') {
          tmRefused = true;
          return tm.accessToken.reveal();
        }
        throw error;
      }
    };
    const token = tmRefreshable()
      ? {
          getToken: (o?: { signal?: AbortSignal }) => fromVault(() => vault.accessToken(TOKEN_MANAGER_SUBJECT, o)),
          refreshToken: (rejected: string, o?: { signal?: AbortSignal }) => fromVault(() => vault.refreshAfterRejection(TOKEN_MANAGER_SUBJECT, rejected, o)),
        }
      : () => Promise.resolve(tm.accessToken.reveal());
    tmClient = createWebexClient({ ...clientOptions(), token });
    return tmClient;
  };

  const orgClients = new Map<string, WebexClient>();
  const webexForOrg = (orgId: string): WebexClient => {
    let client = orgClients.get(orgId);
    if (client === undefined) {
      client = createWebexClient({
        ...clientOptions(),
        token: {
          getToken: (o) => vault.accessToken(orgId, o),
          refreshToken: (rejected, o) => vault.refreshAfterRejection(orgId, rejected, o),
        },
      });
      orgClients.set(orgId, client);
    }
    return client;
  };

  const inbox = createWebhookInbox({
    db,
    clock,
    log: deps.log,
    background,
    ...(tuning.inboxRetryBaseMs !== undefined ? { retryBaseMs: tuning.inboxRetryBaseMs } : {}),
    ...(tuning.inboxMaxAttempts !== undefined ? { maxAttempts: tuning.inboxMaxAttempts } : {}),
    onFailed: (f) => events.emit('webhook.failed', { eventId: f.eventId, resource: f.resource, event: f.event, attempts: f.attempts, final: f.final, error: f.error instanceof Error ? f.error.message : String(f.error) }),
  });

  const authorization = createOrgAuthorization({
    db,
    clock,
    log: deps.log,
    vault,
    events,
    get applicationId() {
      return needWebex().applicationId;
    },
    fetchOrgTokens: (orgId) => {
      const webex = needWebex();
      return tokenManagerClient().applications.createToken(webex.applicationId, { clientId: webex.clientId, clientSecret: webex.clientSecret.reveal(), targetOrgId: orgId });
    },
    webexForOrg,
    forgetClient: (orgId) => orgClients.delete(orgId),
    webhookTargetUrl,
    webhookSecret: webhookSecrets[0] as Secret,
  });
  inbox.on('serviceApp', (envelope: InboundWebhook, meta) => authorization.handle(envelope, meta));

  const withTokens = (row: OrgRow, health: TokenHealth | undefined): Org =>
    orgFromRow(row, health && { accessTokenExpiresAt: health.accessTokenExpiresAt, refreshTokenExpiresAt: health.refreshTokenExpiresAt });

  /** The org with its token health, and that health (preflight needs both: one read of each table). */
  const findOrg = async (orgId: string): Promise<{ org: Org; health: TokenHealth | undefined } | undefined> => {
    const [row, health] = await Promise.all([findOrgRow(db, orgId), vault.health(orgId)]);
    return row === undefined ? undefined : { org: withTokens(row, health), health };
  };

  const orgs: OrgServices['orgs'] = {
    async get(orgId) {
      return (await findOrg(orgId))?.org;
    },
    async list(ids) {
      // Two queries whatever the number of orgs (no token read per org).
      const rows = await listOrgRows(db, ids);
      const health = await vault.healthOf(rows.map((r) => r.id));
      return rows.map((row) => withTokens(row, health.get(row.id)));
    },
    async requireReady(orgId) {
      const row = await findOrgRow(db, orgId);
      if (row?.status === 'ready') return orgFromRow(row);
      throw orgUnavailableError(orgId, row && isOrgStatus(row.status) ? row.status : undefined, row?.status_reason ?? null);
    },
  };

  async function reconcileWebhooks(opts: { onlyIncomplete?: boolean } = {}): Promise<{ orgs: number; created: number; updated: number; failed: number }> {
    const webex = needWebex();
    const secret = webhookSecrets[0] as Secret;
    const total = { orgs: 0, created: 0, updated: 0, failed: 0 };
    if (opts.onlyIncomplete !== true) {
      try {
        const app = await ensureWebhooks(tokenManagerClient(), serviceAppWebhooks(webex.applicationId), webhookTargetUrl, secret);
        total.created += app.created;
        total.updated += app.updated;
      } catch (error) {
        // The token-manager side failing must not keep the orgs' webhooks from being repaired.
        total.failed += 1;
        log.error({ err: error instanceof Error ? { type: error.name, message: error.message } : String(error) }, 'serviceApp webhooks could not be reconciled');
      }
    }
    const now = clock.now();
    const rows = (await listOrgRows(db)).filter(
      (r) => (r.status === 'ready' && (opts.onlyIncomplete !== true || r.webhooks_problem !== null || r.webhooks_registered_at === null)) || isStuckRegistering(r, now),
    );
    for (const row of rows) {
      total.orgs += 1;
      try {
        const result = await registerMeetingWebhooks({
          db, orgId: row.id, scopes: orgFromRow(row).scopes, client: webexForOrg(row.id), targetUrl: webhookTargetUrl, secret, now: () => clock.now(),
        });
        total.created += result.created;
        total.updated += result.updated;
        if (row.status === 'pending' && (await setOrgStatus(db, row.id, 'ready', null, clock.now(), ['pending']))) {
          log.warn({ orgId: row.id, problem: result.problem }, 'org left pending while registering its webhooks is now ready');
          events.emit('org.authorized', { orgId: row.id, siteUrl: row.site_url, scopes: orgFromRow(row).scopes, warnings: orgFromRow({ ...row, status: 'ready', webhooks_problem: result.problem }).warnings });
        }
        if (result.problem !== null) {
          total.failed += 1;
          log.error({ orgId: row.id, problem: result.problem }, 'meeting webhooks could not all be registered; will retry');
        } else if (result.created + result.updated > 0 || row.webhooks_problem !== null) {
          log.warn({ orgId: row.id, created: result.created, updated: result.updated }, 'meeting webhooks repaired');
        }
      } catch (error) {
        total.failed += 1;
        log.error({ orgId: row.id, err: error instanceof Error ? { type: error.name, message: error.message } : String(error) }, 'meeting webhooks could not be reconciled');
      }
    }
    return total;
  }

  /**
   * An org an authorization left `pending` while registering its webhooks (before g2g tolerated a webhook failure,
   * its event was retried until dead). Ten quiet minutes: no live authorization is still working on it.
   */
  function isStuckRegistering(row: OrgRow, now: number): boolean {
    return row.status === 'pending' && row.status_reason === REGISTERING_WEBHOOKS_REASON && row.updated_at < now - 10 * 60_000;
  }

  async function refreshDueTokens(): Promise<{ refreshed: number; failed: number }> {
    const ready = new Set((await listOrgRows(db)).filter((r) => r.status === 'ready').map((r) => r.id));
    ready.add(TOKEN_MANAGER_SUBJECT);
    const result = await vault.refreshDue((subject) => ready.has(subject));
    if (result.refreshed + result.failed > 0) log.info(result, 'refresh-ahead pass');
    return result;
  }

  return {
    orgs,
    webexForOrg,
    tokenManagerClient,
    tenants: createTenants({ db, clock }),
    inbox: { on: inbox.on, accept: inbox.accept, processDue: inbox.processDue },
    events,
    vault,
    async preflight(orgId, opts = {}) {
      const found = await findOrg(orgId);
      if (found === undefined) throw orgUnavailableError(orgId, undefined, null);
      return runPreflight({
        org: found.org,
        tokens: found.health,
        client: webexForOrg(orgId),
        getToken: () => vault.accessToken(orgId, opts),
        clock,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    },
    webhookSecrets,
    webhookTargetUrl,
    reconcileWebhooks,
    refreshDueTokens,

    async start() {
      const webex = needWebex();
      if (tmRefreshable()) await seedTokenManager();
      const result = await ensureWebhooks(tokenManagerClient(), serviceAppWebhooks(webex.applicationId), webhookTargetUrl, webhookSecrets[0] as Secret);
      log.info({ targetUrl: webhookTargetUrl, created: result.created, updated: result.updated }, 'serviceApp webhooks ensured');
      background.run('resume stored webhook events', async () => {
        await inbox.processDue();
      });
      background.run('reconcile webhooks', async () => {
        const result = await reconcileWebhooks();
        log.info(result, 'webhooks reconciled');
      });
      if (timers.length > 0) return; // started before: webhooks re-checked above, timers already running
      const every = (ms: number | undefined, fallback: number, name: string, task: () => Promise<unknown>) => {
        const interval = ms ?? fallback;
        if (interval <= 0) return;
        const timer = setInterval(() => background.run(name, async () => void (await task())), interval);
        timer.unref();
        timers.push(timer);
      };
      every(tuning.refreshIntervalMs, 60_000, 'refresh-ahead', refreshDueTokens);
      every(tuning.inboxSweepIntervalMs, 5_000, 'webhook retry sweep', () => inbox.processDue());
      every(tuning.inboxSweepIntervalMs === 0 ? 0 : 3_600_000, 3_600_000, 'webhook event pruning', () => inbox.prune());
      every(tuning.refreshIntervalMs === 0 ? 0 : 3_600_000, 3_600_000, 'reconcile webhooks', () => reconcileWebhooks());
      every(tuning.webhookRetryIntervalMs, 300_000, 'retry incomplete meeting webhooks', () => reconcileWebhooks({ onlyIncomplete: true }));
    },

    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await background.idle();
    },

    idle: () => background.idle(),
  };
}

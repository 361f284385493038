import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { createOperator } from './core/admin/create-operator.js';
import type { Operator } from './core/admin/operator.js';
import { openJoinLink } from './core/broker/open-join-link.js';
import { systemClock, type Clock } from './core/clock.js';
import { createKeyring } from './core/crypto/keyring.js';
import { G2GError } from './core/errors.js';
import { createEventOutbox, type EventOutbox } from './core/events-out/event-outbox.js';
import { OUTBOUND_EVENT_TYPES } from './core/events-out/outbound-event.js';
import { createAdmissionGate } from './core/governor/admission-gate.js';
import { createIntervalTasks, type LoopHealth } from './core/interval-tasks.js';
import { createMeetingEvents } from './core/meeting-events.js';
import { createG2GMetrics } from './core/metrics/g2g-metrics.js';
import { ensureWebhooks, serviceAppWebhooks } from './core/orgs/ensure-webhooks.js';
import { markNeedsReauth } from './core/orgs/mark-needs-reauth.js';
import { createOrgAuthorization } from './core/orgs/org-authorization.js';
import type { OrgEvents } from './core/orgs/org-events.js';
import { createOrgWebexClients } from './core/orgs/org-webex-clients.js';
import { createOrgs, type Orgs } from './core/orgs/orgs.js';
import { reconcileWebhooks, type ReconcileResult } from './core/orgs/reconcile-webhooks.js';
import { refreshDueTokens } from './core/orgs/refresh-due-tokens.js';
import { requireTokenEligible } from './core/orgs/require-token-eligible.js';
import { createBackgroundRunner } from './core/run-in-background.js';
import { createTenants, type Tenants } from './core/tenants/tenants.js';
import { createTypedEmitter, type TypedEmitter } from './core/typed-emitter.js';
import { createUsageReports } from './core/usage/usage-reports.js';
import { refreshWithWebex } from './core/vault/refresh-with-webex.js';
import { createTokenManagerCredential, TOKEN_MANAGER_SUBJECT } from './core/vault/token-manager-credential.js';
import { createTokenVault, type TokenVault } from './core/vault/token-vault.js';
import { createVisitMediaEvents } from './core/visit-media-events.js';
import { createVisits, type Visits } from './core/visits/create-visits.js';
import { sweepStaleReservations } from './core/visits/sweep-reservations.js';
import { createOwnMeetingEchoes } from './core/webhooks/own-meeting-echoes.js';
import { reconcileOrgProgress, sweepStaleProgress } from './core/visits/sweep-stale-progress.js';
import type { VisitDeps } from './core/visits/visit-deps.js';
import type { G2GEvents } from './core/visits/visit-events.js';
import { createWebexClientFactory, type WebexTuning } from './core/webex-client-factory.js';
import type { WebexCredentials } from './core/webex-credentials.js';
import { createWebhookInbox, type WebhookInbox } from './core/webhooks/webhook-inbox.js';
import { createLogger, type Logger } from './logger.js';
import type { Secret } from './secret.js';
import { buildServer } from './server/build-server.js';
import { closeServer } from './server/close-server.js';
import { createAdmissionRepository } from './store/capacity-repository.js';
import { createMetricsRepository } from './store/metrics-repository.js';
import { openDatabase, pendingMigrations } from './store/open-database.js';
import { createOutboxRepository } from './store/outbox-repository.js';
import { createOrgStores } from './store/org-stores.js';
import { createUsageRepository } from './store/usage-repository.js';
import { createVisitStores } from './store/visit-stores.js';
import type { Database } from './store/schema.js';
import type { WebexClient } from './webex/index.js';

/** Everything g2g tells its host app: visit and participant events, and the orgs part's events. */
export type G2GEventMap = G2GEvents & OrgEvents;

/** Knobs for tests and tuning; defaults suit production. */
export interface G2GTuning {
  refreshLeaseMs?: number;
  refreshLeasePollMs?: number;
  inboxRetryBaseMs?: number;
  inboxMaxAttempts?: number;
  /** How often stored tokens are checked for refresh-ahead (default 60 s; 0 disables the timer and the hourly webhook reconcile). */
  refreshIntervalMs?: number;
  /** How often orgs whose meeting webhooks failed to register are retried (default 5 min; 0 disables the timer). */
  webhookRetryIntervalMs?: number;
  /** How often the inbox looks for events to retry (default 5 s; 0 disables the timer and the hourly pruning). */
  inboxSweepIntervalMs?: number;
  /** How long requests in flight at `stop()` may take before their connections are cut (default 10 s). */
  shutdownGraceMs?: number;
  webex?: WebexTuning;
}

export interface G2GOverrides {
  clock?: Clock;
  fetch?: typeof fetch;
  log?: Logger;
  /** An open database (tests); g2g then does not close it on stop(). */
  db?: Kysely<Database>;
  /** Identifies this instance in database leases (several instances on one PostgreSQL). */
  instanceId?: string;
  /** Orgs-part knobs (retry delays, timers) for tests. */
  tuning?: G2GTuning;
  /** How often the background sweep (missed visits, abandoned reservations) runs; 0 turns it off. Default 60 s. */
  sweepIntervalMs?: number;
  /** License governor knobs: how soon a held-back guest's waiting page asks again (seconds, default 5). */
  governor?: { retryAfterSeconds?: number };
}

export interface G2G {
  readonly config: Config;
  /** The Fastify app (not listening until start()): `app.inject()` works at once. */
  readonly app: FastifyInstance;
  readonly log: Logger;
  /** Every visit operation, tenant-scoped, as the HTTP API offers them. */
  readonly visits: Visits;
  /** The orgs that authorized the Service App: read, require ready, preflight. */
  readonly orgs: Orgs;
  /** API keys and the orgs each tenant holds. */
  readonly tenants: Tenants;
  /** What an operator does across tenants (the admin API, the console and the CLI call it): orgs and their fixes, capacity, visits, events, keys, brands, usage. */
  readonly operator: Operator;
  /** Outbound event webhooks to G2G_EVENTS_URL; undefined when it is unset. */
  readonly eventOutbox: EventOutbox | undefined;
  /** Typed events: `g2g.on('visit.started', ({ visitId }) => ...)`. Returns an unsubscribe function. */
  on<K extends keyof G2GEventMap & string>(name: K, handler: (payload: G2GEventMap[K]) => void | Promise<void>): () => void;
  /**
   * Runs the background sweep once: scheduled visits past their end become `missed`, abandoned reservations are
   * cleared (with any tagged Webex meeting), and visits long past their end still `in_progress` are checked in Webex.
   */
  sweep(): Promise<{ missed: number; reservationsCleared: number; staleEnded: number }>;
  /** Listens on config.host:config.port, then lets the orgs part register its webhooks. */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/** What g2g's own tests reach beyond the public surface (not exported by the library). */
export interface G2GInternals {
  readonly orgs: Orgs;
  readonly tenants: Tenants;
  readonly vault: TokenVault;
  readonly inbox: Pick<WebhookInbox, 'on' | 'accept' | 'processDue'>;
  readonly events: TypedEmitter<G2GEventMap>;
  webexForOrg(orgId: string): WebexClient;
  tokenManagerClient(): WebexClient;
  reconcileWebhooks(opts?: { onlyIncomplete?: boolean }): Promise<ReconcileResult>;
  refreshDueTokens(): Promise<{ refreshed: number; failed: number }>;
  /** The orgs part's start (what start() runs after listening): serviceApp webhooks, stored events, reconcile, timers. */
  startOrgs(): Promise<void>;
  /** Resolves once background work and event handlers started so far have settled. */
  idle(): Promise<void>;
}

/**
 * Builds g2g in-process: database (migrated), orgs part, visits, meeting events, HTTP server.
 *
 * @example
 * const g2g = await createG2G(loadConfig({ env: process.env }));
 * g2g.on('visit.started', ({ visitId }) => console.log('started', visitId));
 * await g2g.start();
 */
export async function createG2G(config: Config, overrides: G2GOverrides = {}): Promise<G2G> {
  return (await assembleG2G(config, overrides)).g2g;
}

/** The loops of every part, as one: stale if any loop is; not started until start() started some (a part may run none). */
function combineLoopHealth(...groups: LoopHealth[]): LoopHealth {
  const stale = groups.flatMap((g) => g.stale);
  if (stale.length > 0) return { status: 'stale', stale };
  return { status: groups.some((g) => g.status === 'ok') ? 'ok' : 'not_started', stale: [] };
}

/** The one wiring root: every part gets its slice of config and its collaborators here, and nowhere else. */
export async function assembleG2G(config: Config, overrides: G2GOverrides = {}): Promise<{ g2g: G2G; internals: G2GInternals }> {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const ownsDb = overrides.db === undefined;
  const db = overrides.db ?? (await openDatabase(config.databaseUrl));
  try {
    return await wire(config, overrides, { clock, log, db, ownsDb });
  } catch (error) {
    if (ownsDb) await db.destroy();
    throw error;
  }
}

async function wire(
  config: Config,
  overrides: G2GOverrides,
  { clock, log, db, ownsDb }: { clock: Clock; log: Logger; db: Kysely<Database>; ownsDb: boolean },
): Promise<{ g2g: G2G; internals: G2GInternals }> {
  const tuning = overrides.tuning ?? {};
  const orgLog = log.child({ module: 'orgs' });
  const { orgStore, tokenStore, tenantStore, apiKeyStore, brandStore, inboxStore } = createOrgStores(db);
  const metrics = createG2GMetrics({ store: createMetricsRepository(db) });
  const events = createTypedEmitter<G2GEventMap>({ log: log.child({ module: 'events' }), onHandlerFailed: (event) => metrics.eventHandlerFailed(event) });
  events.on('webhook.failed', ({ resource, final }) => metrics.webhookEventFailed(resource, final));
  const background = createBackgroundRunner(orgLog);
  const timers = createIntervalTasks(background);

  // Outbound events: each is stored by the state change it tells, in that change's transaction (the stores take the
  // prepared rows), so a crash never loses one; the in-process event then only wakes the deliverer.
  const outboxRepository = createOutboxRepository(db);
  const eventOutbox =
    config.events === undefined
      ? undefined
      : createEventOutbox({
          store: outboxRepository,
          clock,
          log,
          ...config.events,
          onDelivery: (outcome, lagMs) => metrics.eventDelivery(outcome, lagMs === undefined ? undefined : lagMs / 1000),
        });
  if (eventOutbox !== undefined) for (const type of OUTBOUND_EVENT_TYPES) events.on(type, () => eventOutbox.wake());

  // Read on use, not here: `g2g start` without credentials builds g2g against the embedded emulator, and a
  // library user may build g2g before configuring Webex; only a call that needs Webex fails.
  const webex = (): WebexCredentials => {
    if (config.webex === undefined) {
      throw new G2GError({ code: 'config_invalid', status: 500, message: 'no Webex credentials are configured (config.webex): start the embedded emulator and pass its seed credentials' });
    }
    return config.webex;
  };
  const webhookSecret = config.webhookSecrets[0] as Secret;
  const webhookTargetUrl = `${config.publicUrl}/webhooks/webex`;

  const newWebexClient = createWebexClientFactory({
    baseUrl: () => webex().baseUrl,
    log,
    metrics,
    ...(overrides.fetch !== undefined ? { fetch: overrides.fetch } : {}),
    ...(tuning.webex !== undefined ? { tuning: tuning.webex } : {}),
  });
  let anonymous: WebexClient | undefined;

  const vault: TokenVault = createTokenVault({
    tokenStore,
    keyring: createKeyring(config.encryptionKeys),
    clock,
    log,
    instanceId: overrides.instanceId ?? randomUUID(),
    ...(tuning.refreshLeaseMs !== undefined ? { leaseMs: tuning.refreshLeaseMs } : {}),
    ...(tuning.refreshLeasePollMs !== undefined ? { leasePollMs: tuning.refreshLeasePollMs } : {}),
    refresh: refreshWithWebex({ credentials: webex, oauth: () => (anonymous ??= newWebexClient()).oauth, metrics }),
    onRefused: async (subject, reason) => {
      if (subject === TOKEN_MANAGER_SUBJECT) return tokenManager.refused(reason);
      orgClients.forget(subject);
      await markNeedsReauth({ orgStore, clock, log: orgLog, events, outbox: eventOutbox }, subject, reason);
    },
    guard: (subject) => (subject === TOKEN_MANAGER_SUBJECT ? Promise.resolve() : requireTokenEligible(orgStore, subject)),
  });
  const tokenManager = createTokenManagerCredential({ credentials: () => webex().tokenManager, vault, events, log });
  let tmClient: WebexClient | undefined;
  const tokenManagerClient = () => (tmClient ??= newWebexClient(tokenManager.tokenSource()));
  const orgClients = createOrgWebexClients({ vault, createClient: newWebexClient });
  const webexForOrg = (orgId: string) => orgClients.forOrg(orgId);

  const orgs = createOrgs({ orgStore, vault, clock, webexForOrg });
  const tenants = createTenants({ tenantStore, apiKeyStore, brandStore, clock });
  // The meetings:created echo of each of our own creates is answered without a write (docs/performance.md §3).
  const ownMeetingEchoes = createOwnMeetingEchoes({ clock });
  const inbox = createWebhookInbox({
    inboxStore,
    clock,
    log,
    background,
    isKnownEcho: (envelope) => ownMeetingEchoes.isEcho(envelope),
    ...(tuning.inboxRetryBaseMs !== undefined ? { retryBaseMs: tuning.inboxRetryBaseMs } : {}),
    ...(tuning.inboxMaxAttempts !== undefined ? { maxAttempts: tuning.inboxMaxAttempts } : {}),
    onFailed: (f) => events.emit('webhook.failed', { eventId: f.eventId, resource: f.resource, event: f.event, attempts: f.attempts, final: f.final, error: f.error instanceof Error ? f.error.message : String(f.error) }),
  });
  const authorization = createOrgAuthorization({
    orgStore,
    clock,
    log,
    vault,
    events,
    outbox: eventOutbox,
    get applicationId() {
      return webex().applicationId;
    },
    fetchOrgTokens: (orgId) => {
      const w = webex();
      return tokenManagerClient().applications.createToken(w.applicationId, { clientId: w.clientId, clientSecret: w.clientSecret.reveal(), targetOrgId: orgId });
    },
    webexForOrg,
    forgetClient: (orgId) => orgClients.forget(orgId),
    webhookTargetUrl,
    webhookSecret,
  });
  inbox.on('serviceApp', (envelope, meta) => authorization.handle(envelope, meta));

  const reconcile = (opts: { onlyIncomplete?: boolean } = {}) =>
    reconcileWebhooks({ orgStore, clock, log: orgLog, events, outbox: eventOutbox, applicationId: () => webex().applicationId, tokenManagerClient, webexForOrg, targetUrl: webhookTargetUrl, secret: webhookSecret }, opts);
  const refreshDue = () => refreshDueTokens({ orgStore, vault, log: orgLog });

  /** Ensures the serviceApp webhooks exist (token-manager credential), resumes stored events, reconciles each ready org's meeting webhooks, starts refresh-ahead and retry timers. */
  const startOrgs = async (): Promise<void> => {
    if (tokenManager.refreshable) await tokenManager.seed();
    const result = await ensureWebhooks(tokenManagerClient(), serviceAppWebhooks(webex().applicationId), webhookTargetUrl, webhookSecret);
    orgLog.info({ targetUrl: webhookTargetUrl, created: result.created, updated: result.updated }, 'serviceApp webhooks ensured');
    background.run('resume stored webhook events', async () => {
      await inbox.processDue();
    });
    background.run('reconcile webhooks', async () => {
      orgLog.info(await reconcile(), 'webhooks reconciled');
    });
    if (timers.running) return; // started before: webhooks re-checked above, timers already running
    timers.every('refresh-ahead', tuning.refreshIntervalMs ?? 60_000, refreshDue);
    timers.every('webhook retry sweep', tuning.inboxSweepIntervalMs ?? 5_000, () => inbox.processDue());
    timers.every('webhook event pruning', tuning.inboxSweepIntervalMs === 0 ? 0 : 3_600_000, () => inbox.prune());
    timers.every('reconcile webhooks', tuning.refreshIntervalMs === 0 ? 0 : 3_600_000, () => reconcile());
    timers.every('retry incomplete meeting webhooks', tuning.webhookRetryIntervalMs ?? 300_000, () => reconcile({ onlyIncomplete: true }));
  };

  const visitStores = createVisitStores(db);
  const visitDeps: VisitDeps = {
    ...visitStores,
    clock,
    log,
    orgs,
    webexForOrg,
    publicUrl: config.publicUrl,
    joinCodeKeys: config.encryptionKeys,
    joinBeforeHostMinutes: config.visits.joinBeforeHostMinutes,
    linkTtlMinutes: config.visits.linkTtlMinutes,
    events,
    outbox: eventOutbox,
    ownMeetingEchoes,
  };
  const visits = createVisits(visitDeps);
  const meetingEvents = createMeetingEvents({ ...visitStores, clock, events, log, outbox: eventOutbox });
  inbox.on('meetings', (envelope) => meetingEvents.onMeeting(envelope));
  inbox.on('meetingParticipants', (envelope) => meetingEvents.onParticipant(envelope));
  const mediaEvents = createVisitMediaEvents({ ...visitStores, clock, log });
  inbox.on('recordings', (envelope) => mediaEvents.onRecording(envelope));
  inbox.on('meetingTranscripts', (envelope) => mediaEvents.onTranscript(envelope));

  // The license governor: join links whose click would start a meeting beyond the license get a waiting page.
  const governorTasks = createBackgroundRunner(log.child({ module: 'governor' }));
  const admission = createAdmissionGate({
    store: createAdmissionRepository(db),
    clock,
    log,
    events,
    outbox: eventOutbox,
    ...(overrides.governor?.retryAfterSeconds !== undefined ? { retryAfterSeconds: overrides.governor.retryAfterSeconds } : {}),
    reconcile: (orgId) =>
      governorTasks.run('reconcile in-progress meetings', async () => {
        await reconcileOrgProgress(visitDeps, orgId);
      }, { orgId }),
  });

  const usageRepository = createUsageRepository(db);
  const usage = createUsageReports({ store: usageRepository, capacityStore: visitStores.capacityStore, clock });
  const operator = createOperator({
    orgs,
    tenants,
    visits,
    visitDeps,
    outbox: outboxRepository,
    wakeOutbox: () => background.run('deliver replayed events', async () => void (await eventOutbox?.deliverDue())),
    usage,
    clock,
    webexForOrg,
  });

  const app = await buildServer({
    db,
    usage,
    operator,
    adminToken: config.adminToken,
    clock,
    log,
    orgs,
    tenants,
    inbox,
    webhookSecrets: config.webhookSecrets,
    visits,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    readiness: {
      pendingMigrations: () => pendingMigrations(db, config.databaseUrl),
      loops: () => combineLoopHealth(timers.health(), visitTimers.health()),
    },
    rateLimitPerMinute: config.rateLimitPerMinute,
    metrics: { registry: metrics, token: config.metricsToken, clock },
    openJoinLink: (code) =>
      openJoinLink({ ...visitDeps, log: log.child({ module: 'join-broker' }), admission, deferrals: usageRepository, brandOf: (tenantId) => tenants.brand(tenantId) }, code),
  });

  const sweep = async () => {
    const missed = await meetingEvents.sweepMissed();
    const reservationsCleared = await sweepStaleReservations(visitDeps);
    const staleEnded = await sweepStaleProgress(visitDeps);
    // Delivered and dead outbound events older than 7 days: the receiver deduplicates within that window.
    await eventOutbox?.prune();
    return { missed, reservationsCleared, staleEnded };
  };
  const visitTasks = createBackgroundRunner(log.child({ module: 'visits' }));
  const visitTimers = createIntervalTasks(visitTasks);
  const idle = async () => {
    // Handlers may start background work and background work may emit: settle until both are quiet.
    do {
      await background.idle();
      await events.idle();
    } while (background.active > 0);
  };

  const g2g: G2G = {
    config,
    app,
    log,
    visits,
    orgs,
    tenants,
    operator,
    eventOutbox,
    on: (name, handler) => events.on(name, handler),
    sweep,
    async start() {
      const url = await app.listen({ port: config.port, host: config.host });
      // Webex must be able to reach us before the orgs part registers webhooks pointing here.
      await startOrgs();
      eventOutbox?.start();
      if (!visitTimers.running) visitTimers.every('visit sweep', overrides.sweepIntervalMs ?? 60_000, sweep);
      log.info({ url, publicUrl: config.publicUrl }, 'g2g listening');
      return { url };
    },
    async stop() {
      visitTimers.stop();
      await visitTasks.idle();
      await governorTasks.idle();
      timers.stop();
      await idle();
      // Every event was stored with its change; the delivery in flight finishes, undelivered ones wait in the outbox.
      await eventOutbox?.stop();
      await closeServer(app, tuning.shutdownGraceMs);
      if (ownsDb) await db.destroy();
    },
  };
  const internals: G2GInternals = {
    orgs,
    tenants,
    vault,
    inbox,
    events,
    webexForOrg,
    tokenManagerClient,
    reconcileWebhooks: reconcile,
    refreshDueTokens: refreshDue,
    startOrgs,
    idle,
  };
  return { g2g, internals };
}

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { openJoinLink } from './core/broker/open-join-link.js';
import { systemClock, type Clock } from './core/clock.js';
import { createEventOutbox, type EventOutbox } from './core/events-out/event-outbox.js';
import { OUTBOUND_EVENT_TYPES } from './core/events-out/outbound-event.js';
import { createAdmissionGate } from './core/governor/admission-gate.js';
import { createMeetingEvents, type MeetingEvents } from './core/meeting-events.js';
import { createVisitMediaEvents } from './core/visit-media-events.js';
import { createG2GMetrics } from './core/metrics/g2g-metrics.js';
import { createOrgServices, type OrgServices, type OrgServicesDeps } from './core/org-services.js';
import type { OrgEvents } from './core/orgs/org-events.js';
import { createVisits, type Visits } from './core/visits/create-visits.js';
import type { VisitDeps } from './core/visits/visit-deps.js';
import { createVisitEventHub, G2G_EVENT_NAMES, type G2GEvents } from './core/visits/visit-events.js';
import { sweepStaleReservations } from './core/visits/sweep-reservations.js';
import { reconcileOrgProgress, sweepStaleProgress } from './core/visits/sweep-stale-progress.js';
import { createBackgroundRunner } from './core/run-in-background.js';
import { createLogger, type Logger } from './logger.js';
import { buildServer } from './server/build-server.js';
import { createAdmissionRepository } from './store/capacity-repository.js';
import { createMetricsRepository } from './store/metrics-repository.js';
import { openDatabase } from './store/open-database.js';
import { createOutboxRepository } from './store/outbox-repository.js';
import { createVisitStores } from './store/visit-stores.js';
import type { Database } from './store/schema.js';

/** Everything g2g tells its host app: visit and participant events, and the orgs part's events. */
export type G2GEventMap = G2GEvents & OrgEvents;

export interface G2GOverrides {
  clock?: Clock;
  fetch?: typeof fetch;
  log?: Logger;
  /** An open database (tests); g2g then does not close it on stop(). */
  db?: Kysely<Database>;
  /** Identifies this instance in database leases (several instances on one PostgreSQL). */
  instanceId?: string;
  /** Orgs-part knobs (retry delays, timers) for tests. */
  tuning?: OrgServicesDeps['tuning'];
  /** How often the background sweep (missed visits, abandoned reservations) runs; 0 turns it off. Default 60 s. */
  sweepIntervalMs?: number;
  /** License governor knobs: how soon a held-back guest's waiting page asks again (seconds, default 5). */
  governor?: { retryAfterSeconds?: number };
}

export interface G2G {
  readonly config: Config;
  /** The Fastify app (not listening until start()): `app.inject()` works at once. */
  readonly app: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly log: Logger;
  /** Every visit operation, tenant-scoped, as the HTTP API offers them. */
  readonly visits: Visits;
  /** The orgs part: orgs, tenants, token vault, webhook inbox. */
  readonly services: OrgServices;
  readonly orgs: OrgServices['orgs'];
  readonly tenants: OrgServices['tenants'];
  readonly meetingEvents: MeetingEvents;
  /** Outbound event webhooks to G2G_EVENTS_URL; undefined when it is unset. */
  readonly eventOutbox: EventOutbox | undefined;
  /** Typed events: `g2g.on('visit.started', ({ visitId }) => ...)`. Returns an unsubscribe function. */
  on<K extends keyof G2GEventMap>(name: K, handler: (payload: G2GEventMap[K]) => void | Promise<void>): () => void;
  /**
   * Runs the background sweep once: scheduled visits past their end become `missed`, abandoned reservations are
   * cleared (with any tagged Webex meeting), and visits long past their end still `in_progress` are checked in Webex.
   */
  sweep(): Promise<{ missed: number; reservationsCleared: number; staleEnded: number }>;
  /** Listens on config.host:config.port, then lets the orgs part register its webhooks. */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

const VISIT_EVENT_NAMES: ReadonlySet<string> = new Set(G2G_EVENT_NAMES);

/**
 * Builds g2g in-process: database (migrated), orgs part, visits, meeting events, HTTP server.
 *
 * @example
 * const g2g = await createG2G(loadConfig({ env: process.env }));
 * g2g.on('visit.started', ({ visitId }) => console.log('started', visitId));
 * await g2g.start();
 */
export async function createG2G(config: Config, overrides: G2GOverrides = {}): Promise<G2G> {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const ownsDb = overrides.db === undefined;
  const db = overrides.db ?? (await openDatabase(config.databaseUrl));
  try {
    const metrics = createG2GMetrics({ store: createMetricsRepository(db) });
    const services = createOrgServices({
      config,
      db,
      clock,
      log,
      metrics,
      ...(overrides.fetch !== undefined ? { fetch: overrides.fetch } : {}),
      ...(overrides.instanceId !== undefined ? { instanceId: overrides.instanceId } : {}),
      ...(overrides.tuning !== undefined ? { tuning: overrides.tuning } : {}),
    });
    const events = createVisitEventHub(log.child({ module: 'events' }));
    events.on('error', ({ event }) => metrics.eventHandlerFailed(event));
    services.events.on('webhook.failed', ({ resource, final }) => metrics.webhookEventFailed(resource, final));

    // Outbound events: each in-process event is stored in the outbox right after it is emitted (the state change is
    // already committed), then delivered, signed and retried, by a background worker.
    const eventOutbox =
      config.events === undefined
        ? undefined
        : createEventOutbox({ store: createOutboxRepository(db), clock, log, ...config.events });
    if (eventOutbox !== undefined) {
      for (const type of OUTBOUND_EVENT_TYPES) {
        const store = async (payload: unknown) => {
          await eventOutbox.enqueue(type, payload as never);
        };
        if (type.startsWith('org.')) services.events.on(type as keyof OrgEvents, store);
        else events.on(type as keyof G2GEvents, store);
      }
    }
    const visitStores = createVisitStores(db);
    const visitDeps: VisitDeps = {
      ...visitStores,
      clock,
      log,
      orgs: services.orgs,
      webexForOrg: (orgId) => services.webexForOrg(orgId),
      publicUrl: config.publicUrl,
      joinCodeKeys: config.encryptionKeys,
      joinBeforeHostMinutes: config.visits.joinBeforeHostMinutes,
      linkTtlMinutes: config.visits.linkTtlMinutes,
      events,
    };
    const visits = createVisits(visitDeps);
    const meetingEvents = createMeetingEvents({ ...visitStores, clock, events, log });
    services.inbox.on('meetings', (envelope) => meetingEvents.onMeeting(envelope));
    services.inbox.on('meetingParticipants', (envelope) => meetingEvents.onParticipant(envelope));
    const mediaEvents = createVisitMediaEvents({ ...visitStores, clock, log });
    services.inbox.on('recordings', (envelope) => mediaEvents.onRecording(envelope));
    services.inbox.on('meetingTranscripts', (envelope) => mediaEvents.onTranscript(envelope));

    // The license governor: join links whose click would start a meeting beyond the license get a waiting page.
    const governorTasks = createBackgroundRunner(log.child({ module: 'governor' }));
    const admission = createAdmissionGate({
      store: createAdmissionRepository(db),
      clock,
      log,
      events,
      ...(overrides.governor?.retryAfterSeconds !== undefined ? { retryAfterSeconds: overrides.governor.retryAfterSeconds } : {}),
      reconcile: (orgId) =>
        governorTasks.run('reconcile in-progress meetings', async () => {
          await reconcileOrgProgress(visitDeps, orgId);
        }, { orgId }),
    });

    const app = await buildServer({
      db,
      log,
      services,
      visits,
      publicUrl: config.publicUrl,
      metrics: { registry: metrics, token: config.metricsToken, clock },
      openJoinLink: (code) => openJoinLink({ ...visitDeps, log: log.child({ module: 'join-broker' }), admission }, code),
    });

    const sweep = async () => {
      const missed = await meetingEvents.sweepMissed();
      const reservationsCleared = await sweepStaleReservations(visitDeps);
      const staleEnded = await sweepStaleProgress(visitDeps);
      // Delivered and dead outbound events older than 7 days: the receiver deduplicates within that window.
      await eventOutbox?.prune();
      return { missed, reservationsCleared, staleEnded };
    };
    let timer: NodeJS.Timeout | undefined;

    return {
      config,
      app,
      db,
      log,
      visits,
      services,
      orgs: services.orgs,
      tenants: services.tenants,
      meetingEvents,
      eventOutbox,
      on(name, handler) {
        if (VISIT_EVENT_NAMES.has(name)) return events.on(name as keyof G2GEvents, handler as never);
        return services.events.on(name as keyof OrgEvents, handler as never);
      },
      sweep,
      async start() {
        const url = await app.listen({ port: config.port, host: config.host });
        // Webex must be able to reach us before the orgs part registers webhooks pointing here.
        await services.start();
        eventOutbox?.start();
        const every = overrides.sweepIntervalMs ?? 60_000;
        if (every > 0) {
          timer = setInterval(() => {
            sweep().catch((error: unknown) => log.error({ err: error }, 'visit sweep failed'));
          }, every);
          timer.unref();
        }
        log.info({ url, publicUrl: config.publicUrl }, 'g2g listening');
        return { url };
      },
      async stop() {
        if (timer !== undefined) clearInterval(timer);
        await governorTasks.idle();
        await services.stop();
        // After the orgs part: events its last handlers emitted are stored; undelivered ones wait in the outbox.
        await eventOutbox?.stop();
        await app.close();
        if (ownsDb) await db.destroy();
      },
    };
  } catch (error) {
    if (ownsDb) await db.destroy();
    throw error;
  }
}

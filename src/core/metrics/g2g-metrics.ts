import type { WebexResponseLog } from '../../webex/index.js';
import type { JoinOutcome } from '../broker/open-join-link.js';
import type { MetricsSnapshot, MetricsStore } from './metrics-store.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { webexOperation, webexStatusClass } from './webex-operation.js';

/** What a join-link click came to, as an operator counts it. */
export const JOIN_CLICK_OUTCOMES = ['redirected', 'deferred', 'revoked', 'replaced', 'unknown', 'cancelled', 'ended', 'unavailable', 'org_unavailable'] as const;
export type JoinClickOutcome = (typeof JOIN_CLICK_OUTCOMES)[number];

export const TOKEN_REFRESH_OUTCOMES = ['refreshed', 'refused', 'failed'] as const;
export type TokenRefreshOutcome = (typeof TOKEN_REFRESH_OUTCOMES)[number];

/** Seconds: Webex answers in tens to hundreds of milliseconds; the top buckets catch timeouts and Retry-After. */
const WEBEX_LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: g2g's own answers (most without Webex in a few ms, a schedule one Webex call). */
const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from an event's state change to its delivery: immediate, a few retries, hours of an endpoint down. */
const DELIVERY_LAG_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 10_800];

export const EVENT_DELIVERY_OUTCOMES = ['delivered', 'failed', 'dead'] as const;
export type EventDeliveryOutcome = (typeof EVENT_DELIVERY_OUTCOMES)[number];

/** One answer of g2g's HTTP server; `route` is the route template (`/j/:code`), never the URL itself. */
export interface HttpResponseLog {
  method: string;
  route: string | undefined;
  status: number;
  seconds: number;
}

export interface G2GMetrics {
  /** A `GET /j/:code` answered with this outcome. */
  joinClick(outcome: JoinOutcome): void;
  /** One HTTP exchange with Webex (each attempt), from the client's already-redacted onResponse hook. */
  webexResponse(e: WebexResponseLog): void;
  /** A refresh-token exchange (org or token manager) ended this way. */
  tokenRefresh(outcome: TokenRefreshOutcome): void;
  /** A company handler of a g2g event threw (`event`: the event name). */
  eventHandlerFailed(event: string): void;
  /** A stored Webex webhook event's processing threw (`final`: it will not be retried). */
  webhookEventFailed(resource: string, final: boolean): void;
  /** One answer of g2g's own HTTP server. */
  httpResponse(e: HttpResponseLog): void;
  /** One attempt at delivering an outbound event; `lagSeconds` (state change to delivery) when delivered. */
  eventDelivery(outcome: EventDeliveryOutcome, lagSeconds?: number): void;
  /** The Prometheus text: this instance's counters, histograms and process metrics, plus gauges read from the database now. */
  render(now: number): Promise<string>;
  /** The exposition's content type. */
  readonly contentType: string;
}

/**
 * g2g's metrics, the ones an operator pages on, on prom-client with a registry of this g2g's own (two g2g in one
 * process never share one). Counters are per instance (Prometheus sums them across instances); database gauges come
 * from the shared database at each scrape, so every instance reports the same totals; process and event-loop metrics
 * are prom-client's defaults. Labels hold only bounded values (outcomes, statuses, operation and route templates,
 * org ids): never a tenant name, code or token.
 */
export function createG2GMetrics(deps: { store: MetricsStore }): G2GMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const joinClicks = new Counter({
    name: 'g2g_join_clicks_total',
    help: 'Join-link clicks (GET /j/:code) by outcome: redirected to Webex, deferred (every license in use), or a page (revoked, replaced, unknown, cancelled, ended, unavailable, org_unavailable).',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of JOIN_CLICK_OUTCOMES) joinClicks.inc({ outcome }, 0);
  const webexRequests = new Counter({ name: 'g2g_webex_requests_total', help: 'HTTP exchanges with Webex (each attempt) by operation and status class (none: no answer).', labelNames: ['operation', 'status_class'], registers });
  const webexLatency = new Histogram({ name: 'g2g_webex_request_duration_seconds', help: 'Time to a Webex answer (or to giving up on one), per attempt.', labelNames: ['operation'], buckets: WEBEX_LATENCY_BUCKETS, registers });
  const tokenRefreshes = new Counter({
    name: 'g2g_token_refreshes_total',
    help: 'Webex refresh-token exchanges by outcome (refused: Webex rejected the refresh token, the org needs re-authorization).',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of TOKEN_REFRESH_OUTCOMES) tokenRefreshes.inc({ outcome }, 0);
  const handlerFailures = new Counter({ name: 'g2g_event_handler_failures_total', help: 'Handlers of g2g events (g2g.on) that threw, by event name.', labelNames: ['event'], registers });
  const webhookFailures = new Counter({ name: 'g2g_webhook_event_failures_total', help: 'Failed attempts at processing a stored Webex webhook event, by resource; final: given up (dead).', labelNames: ['resource', 'final'], registers });
  const httpLatency = new Histogram({
    name: 'g2g_http_request_duration_seconds',
    help: "Time to g2g's own answers by method, route template (unmatched: no route) and status class.",
    labelNames: ['method', 'route', 'status_class'],
    buckets: HTTP_LATENCY_BUCKETS,
    registers,
  });
  const deliveries = new Counter({ name: 'g2g_event_deliveries_total', help: 'Outbound event delivery attempts by outcome (failed: will retry; dead: given up).', labelNames: ['outcome'], registers });
  for (const outcome of EVENT_DELIVERY_OUTCOMES) deliveries.inc({ outcome }, 0);
  const deliveryLag = new Histogram({ name: 'g2g_event_delivery_lag_seconds', help: "Time from an event's state change to its delivery to G2G_EVENTS_URL.", buckets: DELIVERY_LAG_BUCKETS, registers });
  const gauges = databaseGauges(registers);

  return {
    joinClick(outcome) {
      joinClicks.inc({ outcome: clickOutcome(outcome) });
    },
    webexResponse(e) {
      const operation = webexOperation(e.method, e.url);
      webexRequests.inc({ operation, status_class: webexStatusClass(e.status) });
      webexLatency.observe({ operation }, e.durationMs / 1000);
    },
    tokenRefresh(outcome) {
      tokenRefreshes.inc({ outcome });
    },
    eventHandlerFailed(event) {
      handlerFailures.inc({ event });
    },
    webhookEventFailed(resource, final) {
      webhookFailures.inc({ resource, final: final ? 'true' : 'false' });
    },
    httpResponse(e) {
      httpLatency.observe({ method: e.method, route: e.route ?? 'unmatched', status_class: webexStatusClass(e.status) }, e.seconds);
    },
    eventDelivery(outcome, lagSeconds) {
      deliveries.inc({ outcome });
      if (lagSeconds !== undefined) deliveryLag.observe(Math.max(0, lagSeconds));
    },
    async render(now) {
      gauges.set(await deps.store.readSnapshot(now), now);
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}

function clickOutcome(outcome: JoinOutcome): JoinClickOutcome {
  if (outcome.kind === 'redirect') return 'redirected';
  if (outcome.kind === 'wait') return 'deferred';
  // A capacity page without waiting does not exist today; count it with the deferrals if it ever appears.
  return outcome.reason === 'capacity' ? 'deferred' : outcome.reason;
}

/** The gauges read from the database: reset and set at each scrape, so an org or status that went away disappears. */
function databaseGauges(registers: Registry[]): { set(s: MetricsSnapshot, now: number): void } {
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers });
  const visits = gauge('g2g_visits', 'Visits by status (from the database).', ['status']);
  const orgs = gauge('g2g_orgs', 'Orgs by authorization status (needs_reauth and deauthorized orgs take no new visits).', ['status']);
  const inProgress = gauge('g2g_org_meetings_in_progress', 'Meetings in progress per org, from Webex events (each takes one guest-to-guest license).', ['org_id']);
  const starting = gauge('g2g_org_meetings_starting', 'Starts the license governor let through per org, not seen running yet.', ['org_id']);
  const licensed = gauge('g2g_org_meetings_licensed', 'Concurrent-meeting license per org, where recorded (PUT /api/v1/orgs/{id}/capacity).', ['org_id']);
  const webhookEvents = gauge('g2g_webhook_events', 'Stored Webex webhook events by status (done and dead ones are pruned after 7 days).', ['status']);
  const backlog = gauge('g2g_webhook_backlog', 'Stored Webex webhook events not processed yet (pending, failed awaiting retry, processing).');
  const oldest = gauge('g2g_webhook_backlog_oldest_age_seconds', 'Age of the oldest unprocessed Webex webhook event (0 when none).');
  const byKey = (g: Gauge, m: Map<string, number>, label: string) => {
    g.reset();
    for (const [k, value] of m) g.set({ [label]: k }, value);
  };
  const perOrg = (g: Gauge, s: MetricsSnapshot, m: Map<string, number>) => {
    g.reset();
    for (const org_id of s.orgIds) g.set({ org_id }, m.get(org_id) ?? 0);
  };
  return {
    set(s, now) {
      byKey(visits, s.visitsByStatus, 'status');
      byKey(orgs, s.orgsByStatus, 'status');
      perOrg(inProgress, s, s.inProgressByOrg);
      perOrg(starting, s, s.startingByOrg);
      licensed.reset();
      for (const org_id of s.orgIds) {
        const value = s.licensedByOrg.get(org_id);
        if (value !== undefined) licensed.set({ org_id }, value);
      }
      byKey(webhookEvents, s.webhookEventsByStatus, 'status');
      backlog.set(s.webhookBacklog);
      oldest.set(s.webhookOldestUnfinishedAt === null ? 0 : Math.max(0, (now - s.webhookOldestUnfinishedAt) / 1000));
    },
  };
}

import type { WebexResponseLog } from '../../webex/index.js';
import type { JoinOutcome } from '../broker/open-join-link.js';
import type { MetricsSnapshot, MetricsStore } from './metrics-store.js';
import { createMetricRegistry, type GaugeFamily, type Sample } from './metric-registry.js';
import { webexOperation, webexStatusClass } from './webex-operation.js';

/** What a join-link click came to, as an operator counts it. */
export const JOIN_CLICK_OUTCOMES = ['redirected', 'deferred', 'revoked', 'replaced', 'unknown', 'cancelled', 'ended', 'unavailable', 'org_unavailable'] as const;
export type JoinClickOutcome = (typeof JOIN_CLICK_OUTCOMES)[number];

export const TOKEN_REFRESH_OUTCOMES = ['refreshed', 'refused', 'failed'] as const;
export type TokenRefreshOutcome = (typeof TOKEN_REFRESH_OUTCOMES)[number];

/** Seconds: Webex answers in tens to hundreds of milliseconds; the top buckets catch timeouts and Retry-After. */
const WEBEX_LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

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
  /** The Prometheus text: in-memory counters of this instance, plus gauges read from the database now. */
  render(now: number): Promise<string>;
}

/**
 * g2g's metrics, the ones an operator pages on. Counters are per instance (Prometheus sums them across
 * instances); gauges come from the shared database, so every instance reports the same totals. Labels hold
 * only bounded values (outcomes, statuses, operation templates, org ids): never a tenant name, code or token.
 */
export function createG2GMetrics(deps: { store: MetricsStore }): G2GMetrics {
  const registry = createMetricRegistry();
  const joinClicks = registry.counter(
    'g2g_join_clicks_total',
    'Join-link clicks (GET /j/:code) by outcome: redirected to Webex, deferred (every license in use), or a page (revoked, replaced, unknown, cancelled, ended, unavailable).',
    JOIN_CLICK_OUTCOMES.map((outcome) => ({ outcome })),
  );
  const webexRequests = registry.counter('g2g_webex_requests_total', 'HTTP exchanges with Webex (each attempt) by operation and status class (none: no answer).');
  const webexLatency = registry.histogram('g2g_webex_request_duration_seconds', 'Time to a Webex answer (or to giving up on one), per attempt.', WEBEX_LATENCY_BUCKETS);
  const tokenRefreshes = registry.counter(
    'g2g_token_refreshes_total',
    'Webex refresh-token exchanges by outcome (refused: Webex rejected the refresh token, the org needs re-authorization).',
    TOKEN_REFRESH_OUTCOMES.map((outcome) => ({ outcome })),
  );
  const handlerFailures = registry.counter('g2g_event_handler_failures_total', 'Handlers of g2g events (g2g.on) that threw, by event name.');
  const webhookFailures = registry.counter('g2g_webhook_event_failures_total', 'Failed attempts at processing a stored Webex webhook event, by resource; final: given up (dead).');

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
    async render(now) {
      return registry.render(databaseGauges(await deps.store.readSnapshot(now), now));
    },
  };
}

function clickOutcome(outcome: JoinOutcome): JoinClickOutcome {
  if (outcome.kind === 'redirect') return 'redirected';
  if (outcome.kind === 'wait') return 'deferred';
  // A capacity page without waiting does not exist today; count it with the deferrals if it ever appears.
  return outcome.reason === 'capacity' ? 'deferred' : outcome.reason;
}

function databaseGauges(s: MetricsSnapshot, now: number): GaugeFamily[] {
  const byKey = (m: Map<string, number>, label: string): Sample[] => [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, value]) => ({ labels: { [label]: k }, value }));
  const perOrg = (m: Map<string, number>): Sample[] => s.orgIds.map((org_id) => ({ labels: { org_id }, value: m.get(org_id) ?? 0 }));
  return [
    { name: 'g2g_visits', help: 'Visits by status (from the database).', samples: byKey(s.visitsByStatus, 'status') },
    { name: 'g2g_orgs', help: 'Orgs by authorization status (needs_reauth and deauthorized orgs take no new visits).', samples: byKey(s.orgsByStatus, 'status') },
    { name: 'g2g_org_meetings_in_progress', help: 'Meetings in progress per org, from Webex events (each takes one guest-to-guest license).', samples: perOrg(s.inProgressByOrg) },
    { name: 'g2g_org_meetings_starting', help: 'Starts the license governor let through per org, not seen running yet.', samples: perOrg(s.startingByOrg) },
    {
      name: 'g2g_org_meetings_licensed',
      help: 'Concurrent-meeting license per org, where recorded (PUT /api/v1/orgs/{id}/capacity).',
      samples: s.orgIds.filter((id) => s.licensedByOrg.has(id)).map((org_id) => ({ labels: { org_id }, value: s.licensedByOrg.get(org_id) ?? 0 })),
    },
    { name: 'g2g_webhook_events', help: 'Stored Webex webhook events by status (done and dead ones are pruned after 7 days).', samples: byKey(s.webhookEventsByStatus, 'status') },
    { name: 'g2g_webhook_backlog', help: 'Stored Webex webhook events not processed yet (pending, failed awaiting retry, processing).', samples: [{ labels: {}, value: s.webhookBacklog }] },
    {
      name: 'g2g_webhook_backlog_oldest_age_seconds',
      help: 'Age of the oldest unprocessed Webex webhook event (0 when none).',
      samples: [{ labels: {}, value: s.webhookOldestUnfinishedAt === null ? 0 : Math.max(0, (now - s.webhookOldestUnfinishedAt) / 1000) }],
    },
  ];
}

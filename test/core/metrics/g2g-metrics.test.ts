import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createG2GMetrics } from '../../../src/core/metrics/g2g-metrics.js';
import type { MetricsSnapshot } from '../../../src/core/metrics/metrics-store.js';
import { webexOperation, webexStatusClass } from '../../../src/core/metrics/webex-operation.js';
import { parsePrometheusText } from '../../support/prometheus-text.js';

const snapshot = (over: Partial<MetricsSnapshot> = {}): MetricsSnapshot => ({
  visitsByStatus: new Map(),
  orgsByStatus: new Map(),
  orgIds: [],
  inProgressByOrg: new Map(),
  startingByOrg: new Map(),
  licensedByOrg: new Map(),
  webhookEventsByStatus: new Map(),
  webhookBacklog: 0,
  webhookOldestUnfinishedAt: null,
  ...over,
});

describe('g2g metrics text (prom-client)', () => {
  it('renders any org id as a label a strict reader gets back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.stringMatching(/^[\\n\n"a]{1,8}$/)), fc.nat(1000), async (orgId, n) => {
        const metrics = createG2GMetrics({ store: { readSnapshot: async () => snapshot({ orgIds: [orgId], inProgressByOrg: new Map([[orgId, n]]) }) } });
        const parsed = parsePrometheusText(await metrics.render(0));
        expect(parsed.value('g2g_org_meetings_in_progress', { org_id: orgId })).toBe(n);
      }),
      { numRuns: 50 },
    );
  });

  it('has process and event-loop defaults, HTTP latency by route, and outbound delivery counts and lag', async () => {
    const metrics = createG2GMetrics({ store: { readSnapshot: async () => snapshot() } });
    metrics.httpResponse({ method: 'GET', route: '/j/:code', status: 302, seconds: 0.02 });
    metrics.httpResponse({ method: 'GET', route: undefined, status: 404, seconds: 0.001 });
    metrics.eventDelivery('failed');
    metrics.eventDelivery('delivered', 7);
    const parsed = parsePrometheusText(await metrics.render(0));
    expect(parsed.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(parsed.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(parsed.value('g2g_http_request_duration_seconds_count', { method: 'GET', route: '/j/:code', status_class: '3xx' })).toBe(1);
    expect(parsed.value('g2g_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(parsed.value('g2g_event_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(parsed.value('g2g_event_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(parsed.has('g2g_event_deliveries_total', { outcome: 'dead' })).toBe(true);
    expect(parsed.value('g2g_event_delivery_lag_seconds_bucket', { le: '5' })).toBe(0);
    expect(parsed.value('g2g_event_delivery_lag_seconds_bucket', { le: '30' })).toBe(1);
  });

  it('keeps two g2g instances in one process apart (no global registry)', async () => {
    const a = createG2GMetrics({ store: { readSnapshot: async () => snapshot() } });
    const b = createG2GMetrics({ store: { readSnapshot: async () => snapshot() } });
    a.eventDelivery('dead');
    expect(parsePrometheusText(await a.render(0)).value('g2g_event_deliveries_total', { outcome: 'dead' })).toBe(1);
    expect(parsePrometheusText(await b.render(0)).value('g2g_event_deliveries_total', { outcome: 'dead' })).toBe(0);
  });
});

describe('webex operation labels', () => {
  it('collapses ids to {id} and drops the base path and query', () => {
    expect(webexOperation('POST', 'https://webexapis.com/v1/meetings/0123abcd/end?hostEmail=a%40b.c')).toBe('POST /meetings/{id}/end');
    expect(webexOperation('GET', 'http://127.0.0.1:9400/v1/meetingParticipants?meetingId=x')).toBe('GET /meetingParticipants');
    expect(webexOperation('POST', 'https://webexapis.com/v1/applications/Y2lzY29zcGFyazovL3Vz/token')).toBe('POST /applications/{id}/token');
    expect(webexOperation('delete', 'https://webexapis.com/v1/webhooks/secret-looking-id')).toBe('DELETE /webhooks/{id}');
  });

  it('never lets an unknown path segment into a label', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9_=-]{1,40}$/), { maxLength: 5 }), (segments) => {
        const op = webexOperation('GET', `https://webexapis.com/v1/${segments.join('/')}`);
        expect(op).toMatch(/^GET \/((\{id\}|[A-Za-z_]+)(\/|$))*$/);
        for (const s of segments) if (s.length > 20) expect(op).not.toContain(s);
      }),
    );
  });

  it('classes statuses, with none for no answer', () => {
    expect([200, 204, 401, 429, 503, 0].map(webexStatusClass)).toEqual(['2xx', '2xx', '4xx', '4xx', '5xx', 'none']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetricRegistry } from '../../../src/core/metrics/metric-registry.js';
import { webexOperation, webexStatusClass } from '../../../src/core/metrics/webex-operation.js';
import { parsePrometheusText } from '../../support/prometheus-text.js';

describe('metric registry text', () => {
  it('renders any label value so a strict reader gets it back unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\\n\n"a]{0,8}$/)), fc.nat(1000), (value, n) => {
        const registry = createMetricRegistry();
        registry.counter('t_total', 'help with \\ and\nnewline').inc({ v: value }, n);
        const parsed = parsePrometheusText(registry.render());
        expect(parsed.value('t_total', { v: value })).toBe(n);
      }),
    );
  });

  it('keeps histogram buckets cumulative, with +Inf equal to the count and the sum of observations', () => {
    const registry = createMetricRegistry();
    const h = registry.histogram('d_seconds', 'durations', [0.1, 1]);
    for (const v of [0.05, 0.1, 0.5, 3]) h.observe({ op: 'x' }, v);
    const parsed = parsePrometheusText(registry.render());
    expect(parsed.types.get('d_seconds')).toBe('histogram');
    expect([0.1, 1].map((le) => parsed.value('d_seconds_bucket', { op: 'x', le: String(le) }))).toEqual([2, 3]);
    expect(parsed.value('d_seconds_bucket', { op: 'x', le: '+Inf' })).toBe(4);
    expect(parsed.value('d_seconds_count', { op: 'x' })).toBe(4);
    expect(parsed.value('d_seconds_sum', { op: 'x' })).toBeCloseTo(3.65);
  });

  it('shows declared counter series at 0 before anything happened, and gauges as given', () => {
    const registry = createMetricRegistry();
    registry.counter('c_total', 'c', [{ outcome: 'a' }, { outcome: 'b' }]).inc({ outcome: 'b' });
    const parsed = parsePrometheusText(registry.render([{ name: 'g', help: 'g', samples: [{ labels: {}, value: 7 }] }]));
    expect(parsed.has('c_total', { outcome: 'a' })).toBe(true);
    expect(parsed.value('c_total', { outcome: 'a' })).toBe(0);
    expect(parsed.value('c_total', { outcome: 'b' })).toBe(1);
    expect(parsed.types.get('g')).toBe('gauge');
    expect(parsed.value('g')).toBe(7);
  });

  it('refuses a metric registered twice or with an invalid name', () => {
    const registry = createMetricRegistry();
    registry.counter('x_total', 'x');
    expect(() => registry.counter('x_total', 'x')).toThrow(/twice/);
    expect(() => registry.counter('bad-name', 'x')).toThrow(/invalid metric name/);
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

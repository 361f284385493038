import { describe, expect, it } from 'vitest';
import { computeUsage, usageCsv, type UsageInput } from '../../../src/core/usage/compute-usage.js';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00Z`);
const base = (over: Partial<UsageInput>): UsageInput => ({ orgId: 'o', from: at('10:00'), to: at('12:00'), granularity: 'hour', now: at('12:00'), licensed: 1, meetings: [], participants: [], deferrals: [], ...over });

describe('computeUsage', () => {
  it('counts a meeting ending on the hour in that hour only, and one starting on it in the next', () => {
    const r = computeUsage(base({ meetings: [{ visitId: 'a', startedAt: at('10:30'), endedAt: at('11:00') }, { visitId: 'b', startedAt: at('11:00'), endedAt: at('11:15') }] }));
    expect(r.buckets.map((b) => [b.meetings, b.meetingMinutes, b.peakConcurrent])).toEqual([
      [1, 30, 1],
      [1, 15, 1],
    ]);
    expect(r.totals.peakConcurrent).toBe(1);
  });

  it('counts a running meeting up to now, and clips to a range that does not start on the hour', () => {
    const r = computeUsage(base({ from: at('10:20'), now: at('11:30'), meetings: [{ visitId: 'a', startedAt: at('10:00'), endedAt: null }] }));
    expect(r.buckets[0]).toMatchObject({ start: '2026-11-20T10:00:00.000Z', meetings: 0, meetingMinutes: 40, peakConcurrent: 1 });
    expect(r.buckets[1]).toMatchObject({ meetingMinutes: 30 });
    expect(r.totals.meetingMinutes).toBe(70);
  });

  it('needs a licence for a visit held back that never started, and reports waits of seats that never joined', () => {
    const r = computeUsage(
      base({
        meetings: [{ visitId: 'a', startedAt: at('10:00'), endedAt: at('11:00') }],
        deferrals: [
          { visitId: 'b', participantId: 'p', deferredAt: at('10:10') },
          { visitId: 'b', participantId: 'p', deferredAt: at('10:12') },
        ],
      }),
    );
    expect(r.licenceNeeded).toEqual({ licensed: 2, busiestHour: '2026-11-20T10:00:00.000Z' });
    expect(r.totals).toMatchObject({ deferredClicks: 2, totalWaitSeconds: 120, p95WaitSeconds: 120 });
  });

  it('answers zeros and no busiest hour for an idle org, and CSV with a total line', () => {
    const r = computeUsage(base({ granularity: 'day', from: at('00:00'), to: Date.parse('2026-11-21T00:00:00Z') }));
    expect(r.buckets).toHaveLength(1);
    expect(r.licenceNeeded).toEqual({ licensed: 0, busiestHour: null });
    expect(usageCsv(r).split('\r\n').slice(1)).toEqual(['2026-11-20T00:00:00.000Z,2026-11-21T00:00:00.000Z,0,0,0,0,0,1,0,0,0', 'total,,0,0,0,0,0,1,0,0,0', '']);
  });
});

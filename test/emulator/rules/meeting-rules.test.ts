import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJoinBody, parseMeetingBody } from '../../../src/emulator/meeting-rules.js';
import { formatInZone, parseDateTime } from '../../../src/emulator/time-zone.js';

const NOW = Date.UTC(2030, 5, 1, 12, 0, 30);
const iso = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('parseMeetingBody', () => {
  it('accepts the G2G hostless preset and truncates times to the minute', () => {
    const r = parseMeetingBody(
      { title: 'Visit', start: iso(10), end: iso(40), enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, unlockedMeetingJoinSecurity: 'allowJoin' },
      'create',
      NOW,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.start).toBe(Date.UTC(2030, 5, 1, 12, 10));
    expect(r.value.end! - r.value.start!).toBe(30 * 60_000);
    expect(r.value.booleans.enabledJoinBeforeHost).toBe(true);
  });

  it('reports every problem at once, each naming its field', () => {
    const r = parseMeetingBody({ title: 5, joinBeforeHostMinutes: 3, enabledChat: 'x', integrationTags: ['a', 'b', 'c', 'd'] }, 'create', NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        "'title' must be a string",
        "'joinBeforeHostMinutes' must be one of 0, 5, 10, 15",
        "'integrationTags' must be an array of at most 3 strings of 1 to 64 characters",
        "'start' is required",
        "'end' is required",
      ]),
    );
  });

  it('accepts exactly the durations from 10 minutes to 23:59', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), (minutes) => {
        const r = parseMeetingBody({ title: 't', start: iso(60), end: iso(60 + minutes) }, 'create', NOW);
        expect(r.ok).toBe(minutes >= 10 && minutes <= 23 * 60 + 59);
      }),
    );
  });

  it('a PATCH of only the end is checked against the stored start', () => {
    const current = { start: Date.UTC(2030, 5, 1, 13, 0), end: Date.UTC(2030, 5, 1, 14, 0), timezone: 'UTC' };
    expect(parseMeetingBody({ end: new Date(current.start + 5 * 60_000).toISOString() }, 'patch', NOW, current).ok).toBe(false);
    expect(parseMeetingBody({ end: new Date(current.start + 50 * 60_000).toISOString() }, 'patch', NOW, current).ok).toBe(true);
  });
});

describe('parseJoinBody', () => {
  it('defaults joinDirectly to true and wants exactly one meeting identifier', () => {
    expect(parseJoinBody({ meetingId: 'a' })).toMatchObject({ ok: true, value: { joinDirectly: true } });
    expect(parseJoinBody({}).ok).toBe(false);
    expect(parseJoinBody({ meetingId: 'a', webLink: 'b' }).ok).toBe(false);
  });
});

describe('time zones', () => {
  it('reads local times in the meeting zone and prints offsets', () => {
    expect(parseDateTime('2030-01-15T09:00:00', 'America/New_York')).toBe(Date.UTC(2030, 0, 15, 14, 0));
    expect(parseDateTime('2030-07-15T09:00:00+02:00', 'UTC')).toBe(Date.UTC(2030, 6, 15, 7, 0));
    expect(formatInZone(Date.UTC(2030, 0, 15, 14, 0), 'Asia/Shanghai')).toBe('2030-01-15T22:00:00+08:00');
    expect(formatInZone(Date.UTC(2030, 0, 15, 14, 0, 59, 900), 'UTC')).toBe('2030-01-15T14:00:59Z');
    expect(parseDateTime('2030-02-30T09:00:00Z', 'UTC')).toBeUndefined();
  });

  it('prints and reads back any instant to the second', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles'), (date, zone) => {
        const ms = Math.floor(date.getTime() / 1000) * 1000;
        expect(parseDateTime(formatInZone(ms, zone), 'UTC')).toBe(ms);
      }),
    );
  });
});

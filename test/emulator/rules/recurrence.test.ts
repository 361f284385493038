import { describe, expect, it } from 'vitest';
import { occurrenceStarts, parseRecurrence } from '../../../src/emulator/recurrence.js';

const start = Date.UTC(2030, 0, 31, 9, 0); // a Thursday, the 31st
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('recurrence', () => {
  it('daily with an interval and a count', () => {
    expect([...occurrenceStarts({ start, recurrence: 'FREQ=DAILY;INTERVAL=2;COUNT=3' })].map(iso)).toEqual(['2030-01-31T09:00', '2030-02-02T09:00', '2030-02-04T09:00']);
  });

  it('weekly on given days, never before the first start', () => {
    expect([...occurrenceStarts({ start, recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4' })].map(iso)).toEqual([
      '2030-01-31T09:00',
      '2030-02-04T09:00',
      '2030-02-07T09:00',
      '2030-02-11T09:00',
    ]);
  });

  it('monthly skips months without the day; UNTIL is inclusive', () => {
    expect([...occurrenceStarts({ start, recurrence: 'FREQ=MONTHLY;UNTIL=20300531' })].map(iso)).toEqual(['2030-01-31T09:00', '2030-03-31T09:00', '2030-05-31T09:00']);
  });

  it('a rule without an end stops at five years', () => {
    const all = [...occurrenceStarts({ start, recurrence: 'FREQ=YEARLY' })];
    expect(all.map(iso)).toEqual(['2030-01-31T09:00', '2031-01-31T09:00', '2032-01-31T09:00', '2033-01-31T09:00', '2034-01-31T09:00', '2035-01-31T09:00']);
  });

  it('names what is wrong with a rule', () => {
    expect(parseRecurrence('FREQ=HOURLY')).toMatchObject({ ok: false, problem: expect.stringContaining('FREQ') });
    expect(parseRecurrence('FREQ=DAILY;COUNT=0')).toMatchObject({ ok: false, problem: expect.stringContaining('COUNT') });
    expect(parseRecurrence('FREQ=DAILY;COUNT=2;UNTIL=20300101')).toMatchObject({ ok: false });
    expect(parseRecurrence('FREQ=DAILY;BYDAY=MO')).toMatchObject({ ok: false, problem: expect.stringContaining('BYDAY') });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMISSION_RETRY_SECONDS, decideAdmission, type AdmissionSituation } from '../../../src/core/governor/decide-admission.js';

const idle: AdmissionSituation = { meetingRunning: false, startPending: false, licensed: 2, inProgress: 0, starting: 0 };

describe('decideAdmission', () => {
  it('lets a start through while a license is free, and holds one for it', () => {
    expect(decideAdmission({ ...idle, inProgress: 1 })).toEqual({ admit: true, why: 'license_free', holdsLicense: true });
  });

  it('holds a start back once the meetings in progress reach the license, saying when to ask again', () => {
    expect(decideAdmission({ ...idle, inProgress: 2 })).toEqual({
      admit: false,
      why: 'license_exhausted',
      inProgress: 2,
      starting: 0,
      licensed: 2,
      retryAfterSeconds: ADMISSION_RETRY_SECONDS,
    });
  });

  it('tells the page to ask again after the configured seconds', () => {
    expect(decideAdmission({ ...idle, inProgress: 2, retryAfterSeconds: 1 })).toMatchObject({ admit: false, retryAfterSeconds: 1 });
  });

  it('counts starts let through but not yet seen running against the license', () => {
    expect(decideAdmission({ ...idle, inProgress: 1, starting: 1 })).toMatchObject({ admit: false, inProgress: 1, starting: 1 });
  });

  it('always lets a join to a running meeting through, even over the license: it takes no new license', () => {
    expect(decideAdmission({ ...idle, meetingRunning: true, inProgress: 5, starting: 3 })).toEqual({ admit: true, why: 'meeting_running', holdsLicense: false });
  });

  it('lets a second seat of a meeting that is starting right now share its license', () => {
    expect(decideAdmission({ ...idle, startPending: true, inProgress: 2 })).toEqual({ admit: true, why: 'start_pending', holdsLicense: true });
  });

  it('holds nobody back when the license is unknown', () => {
    expect(decideAdmission({ ...idle, licensed: null, inProgress: 500 })).toMatchObject({ admit: true, why: 'license_unknown' });
  });

  it('never lets a new start exceed the license, and never holds back a running meeting (any numbers)', () => {
    const situation = fc.record({
      meetingRunning: fc.boolean(),
      startPending: fc.boolean(),
      licensed: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      inProgress: fc.integer({ min: 0, max: 600 }),
      starting: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(situation, (s) => {
        const d = decideAdmission(s);
        if (s.meetingRunning || s.startPending || s.licensed === null) return d.admit;
        return d.admit === s.inProgress + s.starting < s.licensed;
      }),
    );
  });
});

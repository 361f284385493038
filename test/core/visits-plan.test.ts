import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G2GError } from '../../src/core/errors.js';
import { planVisit, syntheticEmail, type PlanContext } from '../../src/core/visits/plan-visit.js';
import { visitRequestSchema, type VisitRequest } from '../../src/core/visits/visit-request.js';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
let seq = 0;
const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  visitId: 'vis_test',
  orgId: 'org-1',
  siteUrl: 'acme-g2g.webex.com',
  now: NOW,
  joinBeforeHostMinutes: 5,
  newSeatId: () => `seat_${++seq}`,
  ...over,
});

function problemFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(G2GError);
    expect((error as G2GError).code).toBe('validation_failed');
    return (error as G2GError).fields.map((f) => f.field);
  }
  throw new Error('expected a validation error');
}

describe('planVisit', () => {
  it('applies the hostless recipe: join before host, configured minutes, allowJoin, never e-mail, tagged with the visit id', () => {
    const plan = planVisit({ title: 'Consultation', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }, ctx({ joinBeforeHostMinutes: 10 }));
    expect(plan.hostless).toBe(true);
    expect(plan.meeting).toMatchObject({
      title: 'Consultation',
      siteUrl: 'acme-g2g.webex.com',
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 10,
      unlockedMeetingJoinSecurity: 'allowJoin',
      sendEmail: false,
      integrationTags: ['vis_test'],
      timezone: 'UTC',
    });
    // Like Webex: a start inside the current minute moves to the next minute; the duration stays whole.
    expect(plan.meeting.start).toBe(new Date(NOW + 60_000).toISOString());
    expect(plan.meeting.end).toBe(new Date(NOW + 31 * 60_000).toISOString());
    expect(plan.meeting.invitees).toBeUndefined();
  });

  it('keeps join before host off for a hosted visit and refuses a hosted visit without a host', () => {
    const plan = planVisit(
      { title: 'T', hostless: false, participants: [{ displayName: 'Dr. Ada', role: 'host' }, { displayName: 'Pat' }] },
      ctx(),
    );
    expect(plan.meeting.enabledJoinBeforeHost).toBe(false);
    expect(plan.meeting.joinBeforeHostMinutes).toBeUndefined();
    expect(plan.seats.map((s) => s.role)).toEqual(['host', 'guest']);
    expect(problemFields(() => planVisit({ title: 'T', hostless: false, participants: [{ displayName: 'Pat' }] }, ctx()))).toEqual(['participants']);
  });

  it('defaults hostless to false when a host seat is given', () => {
    expect(planVisit({ title: 'T', participants: [{ displayName: 'Dr', role: 'host' }] }, ctx()).hostless).toBe(false);
  });

  it('makes each cohost an invitee with coHost and its own synthetic e-mail when none is given', () => {
    const plan = planVisit(
      {
        title: 'T',
        participants: [
          { displayName: 'A', role: 'cohost' },
          { displayName: 'B', role: 'cohost' },
          { displayName: 'C', role: 'cohost', email: 'c@example.com' },
          { displayName: 'G' },
        ],
      },
      ctx(),
    );
    const invitees = plan.meeting.invitees ?? [];
    expect(invitees).toHaveLength(3);
    expect(invitees.every((i) => i.coHost)).toBe(true);
    expect(new Set(invitees.map((i) => i.email)).size).toBe(3);
    expect(invitees[2]?.email).toBe('c@example.com');
    expect(invitees[0]?.email).toBe(syntheticEmail(plan.seats[0]?.id ?? ''));
    expect(invitees[0]?.email).toMatch(/@guests\.g2g\.invalid$/);
  });

  it('refuses a start in the past and two seats with the same e-mail, naming each field', () => {
    const fields = problemFields(() =>
      planVisit(
        {
          title: 'T',
          start: new Date(NOW - 3600_000).toISOString(),
          participants: [{ displayName: 'A', email: 'x@example.com' }, { displayName: 'B', email: 'X@example.com' }],
        },
        ctx(),
      ),
    );
    expect(fields).toEqual(['start', 'participants.1.email']);
  });

  it('takes a start a few seconds in the past as now, and truncates later starts to the minute', () => {
    const plan = planVisit({ title: 'T', start: new Date(NOW - 5_000).toISOString(), participants: [{ displayName: 'A' }] }, ctx());
    expect(plan.startAt).toBe(NOW + 60_000);
    const later = planVisit({ title: 'T', start: new Date(NOW + 3600_000 + 42_000).toISOString(), participants: [{ displayName: 'A' }] }, ctx());
    expect(later.startAt).toBe(NOW + 3600_000);
  });

  it('ad-hoc implies a space and sends only what Webex accepts for ad-hoc meetings', () => {
    const plan = planVisit({ title: 'Room talk', adhoc: true, participants: [{ displayName: 'A' }] }, ctx());
    expect(plan.space).toBe(true);
    expect(plan.meeting).toMatchObject({ title: 'Room talk', adhoc: true, sendEmail: false, integrationTags: ['vis_test'] });
    expect(plan.meeting.siteUrl).toBeUndefined();
    expect(plan.meeting.enabledJoinBeforeHost).toBeUndefined();
  });

  it('plans exactly one seat per participant, in order, for any valid participant list', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ displayName: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') }), { minLength: 1, maxLength: 50 }), (people) => {
        const plan = planVisit({ title: 'T', participants: people }, ctx());
        expect(plan.seats.map((s) => s.displayName)).toEqual(people.map((p) => p.displayName));
        expect(new Set(plan.seats.map((s) => s.joinEmail)).size).toBe(people.length);
      }),
    );
  });
});

describe('visitRequestSchema', () => {
  const base: VisitRequest = { title: 'T', participants: [{ displayName: 'A' }] };
  const fields = (body: unknown) => {
    const r = visitRequestSchema.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts 400 participants and refuses 401 naming participants', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ displayName: `P${i}` }));
    expect(fields({ ...base, participants: many(400) })).toEqual([]);
    expect(fields({ ...base, participants: many(401) })).toEqual(['participants']);
  });

  it('names each bad field', () => {
    expect(fields({ title: '', durationMinutes: 5, participants: [{ displayName: 'A', role: 'boss', email: 'nope' }] }).sort()).toEqual(
      ['durationMinutes', 'participants.0.email', 'participants.0.role', 'title'].sort(),
    );
  });
});

describe('planVisit record option', () => {
  const participants = [{ displayName: 'Pat' }];
  it('asks Webex to record automatically only when record is true', () => {
    expect(planVisit({ title: 'Recorded', participants, record: true }, ctx()).meeting.enabledAutoRecordMeeting).toBe(true);
    expect(planVisit({ title: 'Plain', participants }, ctx()).meeting).not.toHaveProperty('enabledAutoRecordMeeting');
    expect(planVisit({ title: 'Plain', participants, record: false }, ctx()).meeting).not.toHaveProperty('enabledAutoRecordMeeting');
  });

  it('accepts record as a boolean only', () => {
    expect(visitRequestSchema.safeParse({ title: 'x', participants, record: true }).success).toBe(true);
    const bad = visitRequestSchema.safeParse({ title: 'x', participants, record: 'yes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['record']);
  });
});

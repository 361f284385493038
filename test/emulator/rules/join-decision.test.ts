import { describe, expect, it } from 'vitest';
import { decideJoin, type JoinSituation } from '../../../src/emulator/join-decision.js';

const NOW = Date.UTC(2030, 0, 1, 10, 0);
type Override = Omit<Partial<JoinSituation>, 'meeting' | 'site'> & { meeting?: Partial<JoinSituation['meeting']>; site?: Partial<JoinSituation['site']> };

function situation(over: Override = {}): JoinSituation {
  const { meeting, site, ...rest } = over;
  return {
    role: 'attendee',
    now: NOW,
    linkExpiresAt: NOW + 3600_000,
    invited: false,
    meeting: {
      start: NOW + 5 * 60_000,
      seriesState: 'active',
      occurrenceState: 'ready',
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 10,
      unlockedMeetingJoinSecurity: 'allowJoin',
      ...meeting,
    },
    site: { concurrentMeetings: 10, participantsPerMeeting: 400, attendeesCanJoinWithoutHost: true, inProgress: 0, ...site },
    ...rest,
  };
}

describe('decideJoin', () => {
  it('a host starts a meeting that is not running, unless the license is used up', () => {
    expect(decideJoin(situation({ role: 'host' }))).toEqual({ kind: 'join', startsMeeting: true });
    expect(decideJoin(situation({ role: 'host', site: { inProgress: 10 } }))).toMatchObject({ kind: 'refuse', code: 'license_exhausted', status: 403 });
    // Joining a meeting already in progress uses no new license.
    expect(decideJoin(situation({ role: 'host', site: { inProgress: 10 }, instance: { state: 'inProgress', hostJoined: false, people: 3 } }))).toEqual({ kind: 'join', startsMeeting: false });
  });

  it('an attendee inside the join-before-host window starts a hostless meeting', () => {
    expect(decideJoin(situation())).toEqual({ kind: 'join', startsMeeting: true });
    expect(decideJoin(situation({ site: { inProgress: 10 } }))).toMatchObject({ code: 'license_exhausted' });
  });

  it.each([
    ['join-before-host off', { meeting: { enabledJoinBeforeHost: false } }],
    ['outside the window', { meeting: { joinBeforeHostMinutes: 0 } }],
    ['the site setting off', { site: { attendeesCanJoinWithoutHost: false } }],
  ] as const)('an attendee waits for the host with %s', (_name, over) => {
    expect(decideJoin(situation(over as Override))).toEqual({ kind: 'lobby', reason: 'waiting_for_host' });
  });

  it('unlockedMeetingJoinSecurity applies to people not invited, before and after the host', () => {
    const withHost = { instance: { state: 'inProgress' as const, hostJoined: true, people: 1 } };
    expect(decideJoin(situation({ meeting: { unlockedMeetingJoinSecurity: 'allowJoinWithLobby' } }))).toEqual({ kind: 'lobby', reason: 'locked' });
    expect(decideJoin(situation({ ...withHost, meeting: { unlockedMeetingJoinSecurity: 'allowJoinWithLobby' } }))).toEqual({ kind: 'lobby', reason: 'locked' });
    expect(decideJoin(situation({ ...withHost, meeting: { unlockedMeetingJoinSecurity: 'blockFromJoin' } }))).toMatchObject({ kind: 'refuse', code: 'blocked' });
    expect(decideJoin(situation({ ...withHost, invited: true, meeting: { unlockedMeetingJoinSecurity: 'blockFromJoin' } }))).toEqual({ kind: 'join', startsMeeting: false });
  });

  it('refuses expired links, ended meetings and a full meeting', () => {
    expect(decideJoin(situation({ linkExpiresAt: NOW }))).toMatchObject({ code: 'link_expired', status: 410 });
    expect(decideJoin(situation({ meeting: { seriesState: 'expired', occurrenceState: 'ended' } }))).toMatchObject({ code: 'meeting_ended' });
    expect(decideJoin(situation({ meeting: { occurrenceState: 'missed' } }))).toMatchObject({ code: 'meeting_ended' });
    expect(decideJoin(situation({ instance: { state: 'inProgress', hostJoined: true, people: 400 } }))).toMatchObject({ code: 'meeting_full' });
    expect(decideJoin(situation({ instance: { state: 'inProgress', hostJoined: true, people: 399 } }))).toEqual({ kind: 'join', startsMeeting: false });
  });
});

import type { UnlockedJoinSecurity } from './state.js';

/**
 * What happens when a person opens a join or start link (docs/webex-contract.md §10, S5; the rules of the issue):
 * a start link makes its holder host; before the host, an attendee follows the meeting's join-before-host
 * window, the site's "attendees can join without host" setting and `unlockedMeetingJoinSecurity`; the first
 * join that starts the meeting is refused when the site already has as many meetings in progress as licensed.
 * Pure: the lifecycle applies the decision.
 */
export type JoinDecision =
  | { kind: 'refuse'; status: number; code: JoinRefusalCode; message: string }
  | { kind: 'join'; startsMeeting: boolean }
  | { kind: 'lobby'; reason: 'waiting_for_host' | 'locked' };

export const JOIN_REFUSAL_CODES = ['link_expired', 'meeting_ended', 'license_exhausted', 'meeting_full', 'blocked'] as const;
export type JoinRefusalCode = (typeof JOIN_REFUSAL_CODES)[number];

export interface JoinSituation {
  role: 'host' | 'attendee';
  now: number;
  linkExpiresAt: number;
  /** The holder's e-mail is on the invitee list (unlocked-meeting security applies to people not invited). */
  invited: boolean;
  meeting: {
    start: number;
    seriesState: 'active' | 'inProgress' | 'expired';
    occurrenceState: 'scheduled' | 'ready' | 'ended' | 'missed';
    enabledJoinBeforeHost: boolean;
    joinBeforeHostMinutes: number;
    unlockedMeetingJoinSecurity: UnlockedJoinSecurity;
  };
  site: { concurrentMeetings: number; participantsPerMeeting: number; attendeesCanJoinWithoutHost: boolean; inProgress: number };
  /** The live instance, if the meeting has one (lobby or in progress). */
  instance?: { state: 'lobby' | 'inProgress'; hostJoined: boolean; people: number };
}

export function decideJoin(s: JoinSituation): JoinDecision {
  if (s.now >= s.linkExpiresAt) return refuse(410, 'link_expired', 'This link has expired. Ask for a new link.');
  const live = s.instance;
  if (!live && (s.meeting.seriesState === 'expired' || s.meeting.occurrenceState === 'ended' || s.meeting.occurrenceState === 'missed')) {
    return refuse(410, 'meeting_ended', 'This meeting has ended.');
  }
  if (live && live.people >= s.site.participantsPerMeeting) {
    return refuse(403, 'meeting_full', `This meeting already has ${s.site.participantsPerMeeting} participants, the most it allows.`);
  }
  const started = live?.state === 'inProgress';
  const startOrRefuse = (): JoinDecision =>
    s.site.inProgress >= s.site.concurrentMeetings
      ? refuse(403, 'license_exhausted', `The site's license allows ${s.site.concurrentMeetings} meetings in progress at once, and that many are running. Try again later.`)
      : { kind: 'join', startsMeeting: true };

  if (s.role === 'host') return started ? { kind: 'join', startsMeeting: false } : startOrRefuse();

  const security = (): JoinDecision | undefined => {
    if (s.invited) return undefined;
    if (s.meeting.unlockedMeetingJoinSecurity === 'blockFromJoin') return refuse(403, 'blocked', 'This meeting does not let people join who are not invited.');
    if (s.meeting.unlockedMeetingJoinSecurity === 'allowJoinWithLobby') return { kind: 'lobby', reason: 'locked' };
    return undefined;
  };

  if (live?.state === 'inProgress' && live.hostJoined) return security() ?? { kind: 'join', startsMeeting: false };
  const beforeHostAllowed =
    s.site.attendeesCanJoinWithoutHost &&
    s.meeting.enabledJoinBeforeHost &&
    s.now >= s.meeting.start - s.meeting.joinBeforeHostMinutes * 60_000;
  if (started) {
    // Running without a host (someone joined before the host): the same window and security apply.
    return beforeHostAllowed ? (security() ?? { kind: 'join', startsMeeting: false }) : { kind: 'lobby', reason: 'waiting_for_host' };
  }
  if (!beforeHostAllowed) return { kind: 'lobby', reason: 'waiting_for_host' };
  return security() ?? startOrRefuse();
}

function refuse(status: number, code: JoinRefusalCode, message: string): JoinDecision {
  return { kind: 'refuse', status, code, message };
}

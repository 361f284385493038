/**
 * What Webex documents for the answers the parity scenario reads (docs/webex-contract.md §1, §10), restated here so
 * the check needs no spec file at run time: the keys each answer must carry and the values its enum fields may take.
 */

export interface AnswerExpectation {
  status: number;
  /** Keys the body must have (for a list: each item), as the spec marks them required. */
  keys?: readonly string[];
  /** Allowed values per field (for a list: of each item). */
  enums?: Readonly<Record<string, readonly string[]>>;
  /** The body is `{ items: [...] }` and keys/enums apply to each item. */
  list?: boolean;
}

export const MEETING_KEYS = [
  'id',
  'title',
  'password',
  'meetingType',
  'state',
  'timezone',
  'start',
  'end',
  'hostUserId',
  'hostDisplayName',
  'hostEmail',
  'hostKey',
  'siteUrl',
  'webLink',
  'telephony',
  'enabledBreakoutSessions',
] as const;

export const MEETING_ENUMS = {
  meetingType: ['meetingSeries', 'scheduledMeeting', 'meeting'],
  state: ['active', 'scheduled', 'ready', 'lobby', 'inProgress', 'ended', 'missed', 'expired'],
  unlockedMeetingJoinSecurity: ['allowJoin', 'allowJoinWithLobby', 'blockFromJoin'],
  scheduledType: ['meeting', 'webinar', 'personalRoomMeeting'],
} as const;

export const ERROR_KEYS = ['message', 'errors', 'trackingId'] as const;

export const PERSON_KEYS = ['id', 'emails', 'displayName', 'orgId', 'type'] as const;
export const PERSON_ENUMS = { type: ['person', 'bot', 'appuser'] } as const;

export const JOIN_KEYS = ['joinLink', 'expiration'] as const;


import { parseRecurrence } from './recurrence.js';
import { parseDateTime, isValidTimeZone } from './time-zone.js';
import { SCHEDULED_TYPES, UNLOCKED_JOIN_SECURITY, type Invitee, type Meeting, type ScheduledType, type UnlockedJoinSecurity } from './state.js';

/**
 * The documented rules for meeting bodies (docs/webex-contract.md §1.1, §1.4, §2, §12), as pure functions: they read an
 * untrusted JSON body and answer either the typed fields or every problem at once, each naming its field.
 */

export const MINUTE = 60_000;
export const MIN_DURATION_MS = 10 * MINUTE;
export const MAX_DURATION_MS = (23 * 60 + 59) * MINUTE;
export const JOIN_BEFORE_HOST_MINUTES = [0, 5, 10, 15] as const;
const TEN_YEARS_MS = 10 * 365.25 * 24 * 60 * MINUTE;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const MEETING_OPTION_BOOLEANS = ['enabledChat', 'enabledVideo', 'enabledPolling', 'enabledNote', 'enabledFileTransfer', 'enabledUCFRichMedia'];
const ATTENDEE_PRIVILEGES = [
  'enabledShareContent', 'enabledSaveDocument', 'enabledPrintDocument', 'enabledAnnotate', 'enabledViewParticipantList',
  'enabledViewThumbnails', 'enabledRemoteControl', 'enabledViewAnyDocument', 'enabledViewAnyPage',
  'enabledContactOperatorPrivately', 'enabledChatHost', 'enabledChatPresenter', 'enabledChatOtherParticipants',
];
const AUDIO_BOOLEANS = ['enabledTollFreeCallIn', 'enabledGlobalCallIn', 'enabledAudienceCallBack', 'allowHostToUnmuteParticipants', 'allowAttendeeToUnmuteSelf', 'muteAttendeeUponEntry'];

const BOOLEAN_FIELDS = [
  'enabledAutoRecordMeeting', 'allowAnyUserToBeCoHost', 'enabledJoinBeforeHost', 'enableConnectAudioBeforeHost',
  'excludePassword', 'publicMeeting', 'enableAutomaticLock', 'allowFirstUserToBeCoHost', 'allowAuthenticatedDevices', 'sendEmail',
] as const;
type BooleanField = (typeof BOOLEAN_FIELDS)[number];

/** Fields a body may set on a meeting; times are epoch ms already truncated to the minute. */
export interface MeetingFields {
  title?: string;
  agenda?: string | null;
  password?: string;
  start?: number;
  end?: number;
  timezone?: string;
  recurrence?: string | null;
  scheduledType?: ScheduledType;
  joinBeforeHostMinutes?: number;
  unlockedMeetingJoinSecurity?: UnlockedJoinSecurity;
  reminderTime?: number;
  automaticLockMinutes?: number;
  invitees?: Invitee[];
  integrationTags?: string[];
  siteUrl?: string;
  hostEmail?: string;
  roomId?: string;
  adhoc?: boolean;
  meetingOptions?: Record<string, boolean | string>;
  attendeePrivileges?: Record<string, boolean>;
  audioConnectionOptions?: Record<string, boolean | string>;
  booleans: Partial<Record<BooleanField, boolean>>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a create (`mode: create`), PUT or PATCH body. Times are checked against `now`: no start in the past
 * (a start inside the current minute moves to the next minute), duration 10 min to 23:59, under ten years ahead.
 * For updates pass the meeting's current times so a body changing only `end` is checked against the old `start`.
 */
export function parseMeetingBody(
  body: unknown,
  mode: 'create' | 'put' | 'patch',
  now: number,
  current?: Pick<Meeting, 'start' | 'end' | 'timezone'>,
): Parsed<MeetingFields> {
  if (!isPlainObject(body)) return { ok: false, problems: ['The request body must be a JSON object'] };
  const problems: string[] = [];
  const out: MeetingFields = { booleans: {} };
  const has = (key: string) => body[key] !== undefined;

  const str = (key: string, max: number, opts: { required?: boolean; nonBlank?: boolean; nullable?: boolean } = {}): string | null | undefined => {
    const value = body[key];
    if (value === undefined) {
      if (opts.required) problems.push(`'${key}' is required`);
      return undefined;
    }
    if (value === null && opts.nullable) return null;
    if (typeof value !== 'string') {
      problems.push(`'${key}' must be a string`);
      return undefined;
    }
    if (opts.nonBlank && value.trim() === '') {
      problems.push(`'${key}' cannot be empty`);
      return undefined;
    }
    if (value.length > max) {
      problems.push(`'${key}' must be at most ${max} characters (got ${value.length})`);
      return undefined;
    }
    return value;
  };

  const title = str('title', 128, { required: mode === 'create', nonBlank: true });
  if (typeof title === 'string') out.title = title;
  const agenda = str('agenda', 1300, { nullable: mode !== 'create' });
  if (agenda !== undefined) out.agenda = agenda;
  const password = str('password', 64);
  if (typeof password === 'string') {
    if (password.length < 4) problems.push("'password' must be at least 4 characters");
    else out.password = password;
  }
  const recurrence = str('recurrence', 1024, { nullable: mode !== 'create' });
  if (typeof recurrence === 'string') {
    const rule = parseRecurrence(recurrence);
    if (!rule.ok) problems.push(`${rule.problem} (an RFC 2445 RRULE such as 'FREQ=DAILY;INTERVAL=1;COUNT=10')`);
    else out.recurrence = recurrence;
  } else if (recurrence === null) out.recurrence = null;

  const timezone = str('timezone', 64);
  if (typeof timezone === 'string') {
    if (!isValidTimeZone(timezone)) problems.push(`'timezone' '${timezone}' is not an IANA time zone name`);
    else out.timezone = timezone;
  }
  const zone = out.timezone ?? current?.timezone ?? 'UTC';

  for (const key of BOOLEAN_FIELDS) {
    if (!has(key)) continue;
    if (typeof body[key] !== 'boolean') problems.push(`'${key}' must be a boolean`);
    else out.booleans[key] = body[key];
  }

  if (has('joinBeforeHostMinutes')) {
    const v = body.joinBeforeHostMinutes;
    if (typeof v !== 'number' || !(JOIN_BEFORE_HOST_MINUTES as readonly number[]).includes(v)) {
      problems.push(`'joinBeforeHostMinutes' must be one of ${JOIN_BEFORE_HOST_MINUTES.join(', ')}`);
    } else out.joinBeforeHostMinutes = v;
  }
  if (has('unlockedMeetingJoinSecurity')) {
    const v = body.unlockedMeetingJoinSecurity;
    if (typeof v !== 'string' || !(UNLOCKED_JOIN_SECURITY as readonly string[]).includes(v)) {
      problems.push(`'unlockedMeetingJoinSecurity' must be one of ${UNLOCKED_JOIN_SECURITY.join(', ')}`);
    } else out.unlockedMeetingJoinSecurity = v as UnlockedJoinSecurity;
  }
  if (has('scheduledType')) {
    const v = body.scheduledType;
    if (mode !== 'create') {
      // Not updatable (docs/webex-contract.md §1.4): ignored like Webex ignores it.
    } else if (typeof v !== 'string' || !(SCHEDULED_TYPES as readonly string[]).includes(v)) {
      problems.push(`'scheduledType' must be one of ${SCHEDULED_TYPES.join(', ')}`);
    } else if (v === 'webinar') {
      problems.push("'scheduledType' webinar needs a webinar site; the guest-to-guest site hosts meetings only");
    } else out.scheduledType = v as ScheduledType;
  }
  for (const key of ['reminderTime', 'automaticLockMinutes'] as const) {
    if (!has(key)) continue;
    const v = body[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_080) problems.push(`'${key}' must be a whole number of minutes from 0 to 10080`);
    else out[key] = v;
  }

  if (mode === 'create') {
    const siteUrl = str('siteUrl', 256, { nonBlank: true });
    if (typeof siteUrl === 'string') out.siteUrl = siteUrl.toLowerCase();
    const roomId = str('roomId', 512, { nonBlank: true });
    if (typeof roomId === 'string') out.roomId = roomId;
    // Only `adhoc` counts: Cisco's G2G collection sends `adHoc` with start and end and expects those times back,
    // so Webex ignores that spelling like any unknown field (docs/webex-contract.md §7).
    if (has('adhoc')) {
      if (typeof body.adhoc !== 'boolean') problems.push("'adhoc' must be a boolean");
      else out.adhoc = body.adhoc;
    }
    if (out.adhoc === true && out.roomId === undefined) problems.push("'roomId' is required when 'adhoc' is true");
  }
  const hostEmail = str('hostEmail', 256);
  if (typeof hostEmail === 'string') {
    if (!EMAIL.test(hostEmail)) problems.push("'hostEmail' must be an e-mail address");
    else out.hostEmail = hostEmail;
  }

  if (has('invitees') && mode === 'create') {
    const v = body.invitees;
    if (!Array.isArray(v)) problems.push("'invitees' must be an array");
    else if (v.length > 1000) problems.push("'invitees' may hold at most 1000 entries");
    else {
      const invitees: Invitee[] = [];
      v.forEach((item: unknown, i) => {
        if (!isPlainObject(item)) return problems.push(`'invitees[${i}]' must be an object`);
        if (typeof item.email !== 'string' || !EMAIL.test(item.email)) return problems.push(`'invitees[${i}].email' is required and must be an e-mail address`);
        if (item.displayName !== undefined && (typeof item.displayName !== 'string' || item.displayName.length > 128)) {
          return problems.push(`'invitees[${i}].displayName' must be a string of at most 128 characters`);
        }
        for (const flag of ['coHost', 'panelist'] as const) {
          if (item[flag] !== undefined && typeof item[flag] !== 'boolean') return problems.push(`'invitees[${i}].${flag}' must be a boolean`);
        }
        invitees.push({
          id: '',
          email: item.email,
          displayName: typeof item.displayName === 'string' ? item.displayName : item.email,
          coHost: item.coHost === true,
          panelist: item.panelist === true,
        });
        return undefined;
      });
      out.invitees = invitees;
    }
  }

  if (has('integrationTags')) {
    const v = body.integrationTags;
    if (!Array.isArray(v) || v.length > 3 || v.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 64)) {
      problems.push("'integrationTags' must be an array of at most 3 strings of 1 to 64 characters");
    } else out.integrationTags = v as string[];
  }

  const options = (key: 'meetingOptions' | 'attendeePrivileges' | 'audioConnectionOptions', booleans: string[], enums: Record<string, readonly string[]>) => {
    if (!has(key)) return;
    const v = body[key];
    if (!isPlainObject(v)) return problems.push(`'${key}' must be an object`);
    const kept: Record<string, boolean | string> = {};
    for (const [k, value] of Object.entries(v)) {
      if (booleans.includes(k)) {
        if (typeof value !== 'boolean') problems.push(`'${key}.${k}' must be a boolean`);
        else kept[k] = value;
      } else if (enums[k]) {
        if (typeof value !== 'string' || !enums[k].includes(value)) problems.push(`'${key}.${k}' must be one of ${enums[k].join(', ')}`);
        else kept[k] = value;
      }
    }
    (out as unknown as Record<string, unknown>)[key] = kept;
    return undefined;
  };
  options('meetingOptions', MEETING_OPTION_BOOLEANS, { noteType: ['allowAll', 'allowOne'] });
  options('attendeePrivileges', ATTENDEE_PRIVILEGES, {});
  options('audioConnectionOptions', AUDIO_BOOLEANS, {
    audioConnectionType: ['webexAudio', 'VoIP', 'other', 'none'],
    entryAndExitTone: ['beep', 'announceName', 'noTone'],
  });

  // Times.
  const readTime = (key: 'start' | 'end'): number | undefined => {
    const v = body[key];
    if (v === undefined) {
      if (mode === 'create' && out.adhoc !== true) problems.push(`'${key}' is required`);
      return undefined;
    }
    if (typeof v !== 'string') {
      problems.push(`'${key}' must be an ISO 8601 date-time string`);
      return undefined;
    }
    const ms = parseDateTime(v, zone);
    if (ms === undefined) problems.push(`'${key}' '${v}' is not an ISO 8601 date-time such as 2030-01-01T10:00:00Z`);
    return ms;
  };
  let start = readTime('start');
  let end = readTime('end');
  if (start !== undefined || end !== undefined) {
    start = start === undefined ? current?.start : truncateToMinute(start);
    end = end === undefined ? current?.end : truncateToMinute(end);
    const currentMinute = truncateToMinute(now);
    if (start !== undefined && end !== undefined) {
      // A start inside the current minute is rounded up to the next minute (S1).
      if (start === currentMinute) start += MINUTE;
      if (start < currentMinute || end < currentMinute) problems.push("Parameter 'start' or 'end' is before current time");
      else if (end <= start) problems.push("'end' must be after 'start'");
      else if (end - start < MIN_DURATION_MS) problems.push("The meeting duration ('end' minus 'start') must be at least 10 minutes");
      else if (end - start > MAX_DURATION_MS) problems.push("The meeting duration ('end' minus 'start') must be at most 23 hours 59 minutes");
      else if (start - now >= TEN_YEARS_MS) problems.push("'start' must be less than 10 years in the future");
      else {
        out.start = start;
        out.end = end;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

export function truncateToMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** POST /meetings/join body (docs/webex-contract.md §2). */
export interface JoinFields {
  meetingId?: string;
  meetingNumber?: string;
  webLink?: string;
  joinDirectly: boolean;
  email?: string;
  displayName?: string;
  password?: string;
  expirationMinutes?: number;
  hostEmail?: string;
  createJoinLinkAsWebLink: boolean;
  createStartLinkAsWebLink: boolean;
}

export function parseJoinBody(body: unknown): Parsed<JoinFields> {
  if (!isPlainObject(body)) return { ok: false, problems: ['The request body must be a JSON object'] };
  const problems: string[] = [];
  const out: JoinFields = { joinDirectly: true, createJoinLinkAsWebLink: false, createStartLinkAsWebLink: false };
  for (const key of ['meetingId', 'meetingNumber', 'webLink', 'email', 'displayName', 'password', 'hostEmail', 'registrationId'] as const) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') problems.push(`'${key}' must be a non-empty string`);
    else if (key === 'displayName' && v.length > 128) problems.push("'displayName' must be at most 128 characters");
    else if ((key === 'email' || key === 'hostEmail') && !EMAIL.test(v)) problems.push(`'${key}' must be an e-mail address`);
    else if (key !== 'registrationId') out[key] = v;
  }
  const identifiers = (['meetingId', 'meetingNumber', 'webLink'] as const).filter((k) => body[k] !== undefined);
  if (identifiers.length !== 1) problems.push("Exactly one of 'meetingId', 'meetingNumber' or 'webLink' must be given");
  for (const key of ['joinDirectly', 'createJoinLinkAsWebLink', 'createStartLinkAsWebLink'] as const) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') problems.push(`'${key}' must be a boolean`);
    else out[key] = v;
  }
  if (body.expirationMinutes !== undefined) {
    const v = body.expirationMinutes;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 60) problems.push("'expirationMinutes' must be an integer from 1 to 60");
    else out.expirationMinutes = v;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

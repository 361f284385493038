import type { EmulatorContext } from './context.js';
import type { EmulatorState, Instance, Meeting, Participant, Person } from './state.js';
import { currentOccurrence, occurrenceIndexOf, occurrenceTimes } from './recurrence.js';
import { effectiveMeeting } from './occurrence-overrides.js';
import { formatInZone } from './time-zone.js';

/**
 * Meeting objects as Webex prints them (docs/webex-contract.md §1.1): the series, its scheduled occurrence
 * (`<seriesId>_<YYYYMMDDTHHMMSS>Z`) and its instances (`<seriesId>_I_<digits>`), with the fields the
 * OpenAPI subset marks required.
 */

/** `<seriesId>_<YYYYMMDDTHHMMSS>Z` of the current occurrence, or of the one starting at `start`. */
export function scheduledMeetingId(meeting: Meeting, start?: number): string {
  const at = start ?? currentOccurrence(meeting).key;
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `${meeting.id}_${stamp}Z`;
}

function parseScheduledStamp(stamp: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/** What a meeting id names: the series, its occurrence or an instance. */
export type MeetingRef =
  | { kind: 'series'; meeting: Meeting }
  | { kind: 'scheduled'; meeting: Meeting; occurrenceStart: number }
  | { kind: 'instance'; meeting: Meeting; instance: Instance };

export function resolveMeetingId(state: EmulatorState, id: string): MeetingRef | undefined {
  const direct = state.meetings.get(id);
  if (direct) return { kind: 'series', meeting: direct };
  // A series id is 32 hex characters; what follows the '_' says which occurrence or instance.
  if (id.length > 33 && id[32] === '_') {
    const meeting = state.meetings.get(id.slice(0, 32));
    if (!meeting) return undefined;
    if (id.startsWith('_I_', 32)) {
      const instance = state.instances.get(id);
      return instance ? { kind: 'instance', meeting, instance } : undefined;
    }
    const start = parseScheduledStamp(id.slice(33));
    if (start === undefined) return undefined;
    if (start === currentOccurrence(meeting).key || occurrenceIndexOf(meeting, start) !== undefined) return { kind: 'scheduled', meeting, occurrenceStart: start };
  }
  return undefined;
}

function host(state: EmulatorState, meeting: Meeting): Person | undefined {
  return state.people.get(meeting.hostUserId);
}

// Defaults shown when a meeting set none of these options; shared (never mutated) so views cost no copies.
const DEFAULT_MEETING_OPTIONS: Readonly<Record<string, boolean | string>> = Object.freeze({
  enabledChat: true,
  enabledVideo: true,
  enabledPolling: false,
  enabledNote: true,
  noteType: 'allowAll',
  enabledFileTransfer: false,
  enabledUCFRichMedia: false,
});
const DEFAULT_ATTENDEE_PRIVILEGES: Readonly<Record<string, boolean>> = Object.freeze({
  enabledShareContent: true,
  enabledSaveDocument: false,
  enabledPrintDocument: false,
  enabledAnnotate: false,
  enabledViewParticipantList: true,
  enabledViewThumbnails: false,
  enabledRemoteControl: true,
  enabledViewAnyDocument: false,
  enabledViewAnyPage: false,
  enabledContactOperatorPrivately: false,
  enabledChatHost: true,
  enabledChatPresenter: true,
  enabledChatOtherParticipants: true,
});
const DEFAULT_AUDIO_OPTIONS: Readonly<Record<string, boolean | string>> = Object.freeze({
  audioConnectionType: 'VoIP',
  enabledTollFreeCallIn: false,
  enabledGlobalCallIn: false,
  enabledAudienceCallBack: false,
  entryAndExitTone: 'beep',
  allowHostToUnmuteParticipants: false,
  allowAttendeeToUnmuteSelf: true,
  muteAttendeeUponEntry: true,
});

function withDefaults<T>(defaults: Readonly<Record<string, T>>, set: Record<string, T>): Readonly<Record<string, T>> {
  for (const _key in set) return { ...defaults, ...set };
  return defaults;
}

interface Head {
  id: string;
  meetingSeriesId?: string;
  scheduledMeetingId?: string;
  meetingType: 'meetingSeries' | 'scheduledMeeting' | 'meeting';
  state: string;
}

/** One meeting object, built in the order Webex prints it (id, title, type and state first). */
function buildView(state: EmulatorState, meeting: Meeting, requested: string | undefined, head: Head, start: number, end: number): Record<string, unknown> {
  const person = host(state, meeting);
  // Times are in the `timezone` header's zone when given, else in the meeting's own zone, with the offset (docs/emulator.md).
  const zone = requested ?? meeting.timezone;
  const view: Record<string, unknown> = { id: head.id };
  if (head.meetingSeriesId !== undefined) view.meetingSeriesId = head.meetingSeriesId;
  if (head.scheduledMeetingId !== undefined) view.scheduledMeetingId = head.scheduledMeetingId;
  view.meetingNumber = meeting.meetingNumber;
  view.title = meeting.title;
  if (meeting.agenda !== undefined) view.agenda = meeting.agenda;
  view.password = meeting.password;
  view.phoneAndVideoSystemPassword = meeting.phonePassword;
  view.meetingType = head.meetingType;
  view.state = head.state;
  view.timezone = zone;
  view.start = formatInZone(start, zone);
  view.end = formatInZone(end, zone);
  if (meeting.recurrence !== undefined) view.recurrence = meeting.recurrence;
  view.hostUserId = meeting.hostUserId;
  view.hostDisplayName = person?.displayName ?? 'Unknown host';
  view.hostEmail = person?.emails[0] ?? 'unknown@example.com';
  view.hostKey = meeting.hostKey;
  view.siteUrl = meeting.siteUrl;
  view.webLink = meeting.webLink;
  view.sipAddress = `${meeting.meetingNumber}@${meeting.siteUrl}`;
  view.dialInIpAddress = '173.243.2.68';
  if (meeting.roomId !== undefined) view.roomId = meeting.roomId;
  view.enabledAutoRecordMeeting = meeting.enabledAutoRecordMeeting;
  view.allowAnyUserToBeCoHost = meeting.allowAnyUserToBeCoHost;
  view.enabledJoinBeforeHost = meeting.enabledJoinBeforeHost;
  view.enableConnectAudioBeforeHost = meeting.enableConnectAudioBeforeHost;
  view.joinBeforeHostMinutes = meeting.joinBeforeHostMinutes;
  view.excludePassword = meeting.excludePassword;
  view.publicMeeting = meeting.publicMeeting;
  view.reminderTime = meeting.reminderTime;
  view.unlockedMeetingJoinSecurity = meeting.unlockedMeetingJoinSecurity;
  view.sessionTypeId = 3;
  view.scheduledType = meeting.scheduledType;
  view.enableAutomaticLock = meeting.enableAutomaticLock;
  view.automaticLockMinutes = meeting.automaticLockMinutes;
  view.allowFirstUserToBeCoHost = meeting.allowFirstUserToBeCoHost;
  view.allowAuthenticatedDevices = meeting.allowAuthenticatedDevices;
  view.telephony = {
    accessCode: meeting.accessCode,
    callInNumbers: [{ label: 'US Toll', callInNumber: '+1-415-655-0001', tollType: 'toll' }],
    links: [{ rel: 'globalCallinNumbers', href: `/v1/meetings/${meeting.id}/globalCallinNumbers`, method: 'GET' }],
  };
  view.meetingOptions = withDefaults(DEFAULT_MEETING_OPTIONS, meeting.meetingOptions);
  view.attendeePrivileges = withDefaults(DEFAULT_ATTENDEE_PRIVILEGES, meeting.attendeePrivileges);
  view.enabledBreakoutSessions = false;
  if (meeting.integrationTags.length > 0) view.integrationTags = meeting.integrationTags;
  view.audioConnectionOptions = withDefaults(DEFAULT_AUDIO_OPTIONS, meeting.audioConnectionOptions);
  view.enabledAudioWatermark = false;
  view.enabledVisualWatermark = false;
  view.requireAttendeeLogin = false;
  view.restrictToInvitees = false;
  return view;
}

export function seriesView(state: EmulatorState, meeting: Meeting, zone?: string): Record<string, unknown> {
  // The list and update schemas require meetingSeriesId on every item; for a series it is its own id.
  const view = buildView(state, meeting, zone, { id: meeting.id, meetingSeriesId: meeting.id, meetingType: 'meetingSeries', state: meeting.state }, meeting.start, meeting.end);
  if (meeting.state === 'inProgress') Object.assign(view, { hostDidJoin: meeting.hostDidJoin, attendeeDidJoin: meeting.attendeeDidJoin });
  return view;
}

/** Cached views at most; each is ~3 KB, so the cache stays under ~15 MB however many meetings exist. */
const VIEW_CACHE_SIZE = 5000;

/**
 * The series view as JSON, cached per meeting until anything it shows changes (revision, states, join flags):
 * GET of a meeting is the hottest call a G2G service makes. The key holds the state object's identity through
 * the meeting object, so a reset or import never serves a stale view.
 */
export function seriesJson(ctx: EmulatorContext, meeting: Meeting, zone: string | undefined): string {
  const key = `${meeting.revision ?? 0}|${meeting.state}|${meeting.hostDidJoin}|${meeting.attendeeDidJoin}|${meeting.occurrenceIndex ?? 0}|${zone ?? ''}`;
  const cached = ctx.viewCache.get(meeting.id);
  if (cached?.key === key && cached.meeting === meeting) return cached.json;
  const json = JSON.stringify(seriesView(ctx.state, meeting, zone));
  if (!cached && ctx.viewCache.size >= VIEW_CACHE_SIZE) {
    const oldest = ctx.viewCache.keys().next().value;
    if (oldest !== undefined) ctx.viewCache.delete(oldest);
  }
  ctx.viewCache.set(meeting.id, { key, json, meeting });
  return json;
}

/** The state of the occurrence starting at `start`: the current one's, a past one's, or scheduled (future). */
export function occurrenceStateAt(meeting: Meeting, start: number): Meeting['occurrenceState'] {
  const current = currentOccurrence(meeting).key;
  if (start === current) return meeting.occurrenceState;
  if (start > current) return 'scheduled';
  return meeting.pastOccurrences?.find((p) => p.start === start)?.state ?? 'missed';
}

export function scheduledView(state: EmulatorState, meeting: Meeting, zone: string | undefined, occurrenceStart?: number): Record<string, unknown> {
  const key = occurrenceStart ?? currentOccurrence(meeting).key;
  const occurrenceState = occurrenceStateAt(meeting, key);
  const times = occurrenceTimes(meeting, key);
  const view = buildView(
    state,
    effectiveMeeting(meeting, key),
    zone,
    { id: scheduledMeetingId(meeting, key), meetingSeriesId: meeting.id, meetingType: 'scheduledMeeting', state: occurrenceState },
    times.start,
    times.end,
  );
  view.isModified = meeting.isModified || meeting.modifiedOccurrences?.[String(key)] !== undefined;
  if (occurrenceState === 'ready') Object.assign(view, { hostDidJoin: meeting.hostDidJoin, attendeeDidJoin: meeting.attendeeDidJoin });
  return view;
}

export function instanceView(state: EmulatorState, series: Meeting, instance: Instance, zone?: string): Record<string, unknown> {
  // An instance shows its occurrence's own fields (occurrence-overrides.ts); its times are when it really ran.
  const key = parseScheduledStamp(instance.scheduledMeetingId.slice(33));
  const meeting = key === undefined ? series : effectiveMeeting(series, key);
  const duration = series.end - series.start;
  const start = instance.startedAt ?? currentOccurrence(meeting).start;
  const view = buildView(
    state,
    meeting,
    zone,
    { id: instance.id, meetingSeriesId: meeting.id, scheduledMeetingId: instance.scheduledMeetingId, meetingType: 'meeting', state: instance.state },
    start,
    instance.endedAt ?? start + duration,
  );
  if (instance.state === 'inProgress') Object.assign(view, { hostDidJoin: meeting.hostDidJoin, attendeeDidJoin: meeting.attendeeDidJoin });
  if (instance.state === 'ended') {
    const recorded = meeting.enabledAutoRecordMeeting && instance.startedAt !== undefined;
    Object.assign(view, {
      hasChat: false,
      hasRecording: recorded,
      hasTranscription: recorded,
      hasClosedCaption: false,
      hasPolls: false,
      hasQA: false,
      hasSlido: false,
      hasRegistration: false,
      hasRegistrants: false,
      hasPostEventSurvey: false,
    });
  }
  return view;
}

export function viewOf(state: EmulatorState, ref: MeetingRef, zone?: string): Record<string, unknown> {
  switch (ref.kind) {
    case 'series':
      return seriesView(state, ref.meeting, zone);
    case 'scheduled':
      return scheduledView(state, ref.meeting, zone, ref.occurrenceStart);
    case 'instance':
      return instanceView(state, ref.meeting, ref.instance, zone);
    default: {
      const never: never = ref;
      return never;
    }
  }
}

export function participantView(state: EmulatorState, participant: Participant, zone = 'UTC'): Record<string, unknown> {
  const meeting = state.meetings.get(participant.seriesId);
  const instance = state.instances.get(participant.instanceId);
  const hostPerson = meeting ? state.people.get(meeting.hostUserId) : undefined;
  const view: Record<string, unknown> = {
    id: participant.id,
    orgId: meeting?.orgId,
    host: participant.host,
    coHost: participant.coHost,
    spaceModerator: false,
    email: participant.email,
    displayName: participant.displayName,
    invitee: participant.invitee,
    muted: false,
    ...(instance?.startedAt !== undefined ? { meetingStartTime: formatInZone(instance.startedAt, zone) } : {}),
    video: 'on',
    state: participant.state,
    joinedTime: formatInZone(participant.joinedAt, zone),
    ...(participant.leftAt !== undefined ? { leftTime: formatInZone(participant.leftAt, zone) } : {}),
    siteUrl: meeting?.siteUrl,
    meetingId: participant.instanceId,
    hostEmail: hostPerson?.emails[0],
    devices: [
      {
        correlationId: participant.id.slice(-36),
        deviceType: 'webex_meeting_web_app',
        audioType: participant.state === 'joined' ? 'voip' : 'inactive',
        joinedTime: formatInZone(participant.joinedAt, zone),
        ...(participant.leftAt !== undefined
          ? { leftTime: formatInZone(participant.leftAt, zone), durationSecond: Math.round((participant.leftAt - participant.joinedAt) / 1000) }
          : {}),
      },
    ],
  };
  for (const key of Object.keys(view)) if (view[key] === undefined) delete view[key];
  return view;
}

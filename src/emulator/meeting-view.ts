import type { EmulatorContext } from './context.js';
import type { EmulatorState, Instance, Meeting, Participant, Person } from './state.js';
import { currentOccurrence, occurrenceIndexOf } from './recurrence.js';
import { formatInZone } from './time-zone.js';

/**
 * Meeting objects as Webex prints them (api-notes §1.1): the series, its scheduled occurrence
 * (`<seriesId>_<YYYYMMDDTHHMMSS>Z`) and its instances (`<seriesId>_I_<digits>`), with the fields the
 * OpenAPI subset marks required.
 */

/** `<seriesId>_<YYYYMMDDTHHMMSS>Z` of the current occurrence, or of the one starting at `start`. */
export function scheduledMeetingId(meeting: Pick<Meeting, 'id' | 'start' | 'end' | 'recurrence' | 'occurrenceIndex'>, start?: number): string {
  const at = start ?? currentOccurrence(meeting).start;
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
    if (start === currentOccurrence(meeting).start || occurrenceIndexOf(meeting, start) !== undefined) return { kind: 'scheduled', meeting, occurrenceStart: start };
  }
  return undefined;
}

function host(state: EmulatorState, meeting: Meeting): Person | undefined {
  return state.people.get(meeting.hostUserId);
}

function common(state: EmulatorState, meeting: Meeting, zone: string): Record<string, unknown> {
  const person = host(state, meeting);
  const view: Record<string, unknown> = {
    meetingNumber: meeting.meetingNumber,
    title: meeting.title,
    ...(meeting.agenda !== undefined ? { agenda: meeting.agenda } : {}),
    password: meeting.password,
    phoneAndVideoSystemPassword: meeting.phonePassword,
  };
  Object.assign(view, {
    timezone: zone === 'UTC' ? meeting.timezone : zone,
    start: formatInZone(meeting.start, zone),
    end: formatInZone(meeting.end, zone),
    ...(meeting.recurrence !== undefined ? { recurrence: meeting.recurrence } : {}),
    hostUserId: meeting.hostUserId,
    hostDisplayName: person?.displayName ?? 'Unknown host',
    hostEmail: person?.emails[0] ?? 'unknown@example.com',
    hostKey: meeting.hostKey,
    siteUrl: meeting.siteUrl,
    webLink: meeting.webLink,
    sipAddress: `${meeting.meetingNumber}@${meeting.siteUrl}`,
    dialInIpAddress: '173.243.2.68',
    ...(meeting.roomId !== undefined ? { roomId: meeting.roomId } : {}),
    enabledAutoRecordMeeting: meeting.enabledAutoRecordMeeting,
    allowAnyUserToBeCoHost: meeting.allowAnyUserToBeCoHost,
    enabledJoinBeforeHost: meeting.enabledJoinBeforeHost,
    enableConnectAudioBeforeHost: meeting.enableConnectAudioBeforeHost,
    joinBeforeHostMinutes: meeting.joinBeforeHostMinutes,
    excludePassword: meeting.excludePassword,
    publicMeeting: meeting.publicMeeting,
    reminderTime: meeting.reminderTime,
    unlockedMeetingJoinSecurity: meeting.unlockedMeetingJoinSecurity,
    sessionTypeId: 3,
    scheduledType: meeting.scheduledType,
    enableAutomaticLock: meeting.enableAutomaticLock,
    automaticLockMinutes: meeting.automaticLockMinutes,
    allowFirstUserToBeCoHost: meeting.allowFirstUserToBeCoHost,
    allowAuthenticatedDevices: meeting.allowAuthenticatedDevices,
    telephony: {
      accessCode: meeting.accessCode,
      callInNumbers: [{ label: 'US Toll', callInNumber: '+1-415-655-0001', tollType: 'toll' }],
      links: [{ rel: 'globalCallinNumbers', href: `/v1/meetings/${meeting.id}/globalCallinNumbers`, method: 'GET' }],
    },
    meetingOptions: {
      enabledChat: true,
      enabledVideo: true,
      enabledPolling: false,
      enabledNote: true,
      noteType: 'allowAll',
      enabledFileTransfer: false,
      enabledUCFRichMedia: false,
      ...meeting.meetingOptions,
    },
    attendeePrivileges: {
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
      ...meeting.attendeePrivileges,
    },
    enabledBreakoutSessions: false,
    ...(meeting.integrationTags.length > 0 ? { integrationTags: meeting.integrationTags } : {}),
    audioConnectionOptions: {
      audioConnectionType: 'VoIP',
      enabledTollFreeCallIn: false,
      enabledGlobalCallIn: false,
      enabledAudienceCallBack: false,
      entryAndExitTone: 'beep',
      allowHostToUnmuteParticipants: false,
      allowAttendeeToUnmuteSelf: true,
      muteAttendeeUponEntry: true,
      ...meeting.audioConnectionOptions,
    },
    enabledAudioWatermark: false,
    enabledVisualWatermark: false,
    requireAttendeeLogin: false,
    restrictToInvitees: false,
  });
  return view;
}

export function seriesView(state: EmulatorState, meeting: Meeting, zone = 'UTC'): Record<string, unknown> {
  // The list and update schemas require meetingSeriesId on every item; for a series it is its own id.
  const view: Record<string, unknown> = { id: meeting.id, meetingSeriesId: meeting.id, ...common(state, meeting, zone), meetingType: 'meetingSeries', state: meeting.state };
  if (meeting.state === 'inProgress') Object.assign(view, { hostDidJoin: meeting.hostDidJoin, attendeeDidJoin: meeting.attendeeDidJoin });
  return reorder(view);
}

/**
 * The series view as JSON, cached per meeting until anything it shows changes (revision, states, join flags):
 * GET of a meeting is the hottest call a G2G service makes.
 */
export function seriesJson(ctx: EmulatorContext, meeting: Meeting, zone: string): string {
  const key = `${meeting.revision ?? 0}|${meeting.state}|${meeting.hostDidJoin}|${meeting.attendeeDidJoin}|${meeting.occurrenceIndex ?? 0}|${zone}`;
  const cached = ctx.viewCache.get(meeting);
  if (cached?.key === key) return cached.json;
  const json = JSON.stringify(seriesView(ctx.state, meeting, zone));
  ctx.viewCache.set(meeting, { key, json });
  return json;
}

/** The state of the occurrence starting at `start`: the current one's, a past one's, or scheduled (future). */
export function occurrenceStateAt(meeting: Meeting, start: number): Meeting['occurrenceState'] {
  const current = currentOccurrence(meeting).start;
  if (start === current) return meeting.occurrenceState;
  if (start > current) return 'scheduled';
  return meeting.pastOccurrences?.find((p) => p.start === start)?.state ?? 'missed';
}

export function scheduledView(state: EmulatorState, meeting: Meeting, zone = 'UTC', occurrenceStart?: number): Record<string, unknown> {
  const start = occurrenceStart ?? currentOccurrence(meeting).start;
  const occurrenceState = occurrenceStateAt(meeting, start);
  const view: Record<string, unknown> = {
    id: scheduledMeetingId(meeting, start),
    meetingSeriesId: meeting.id,
    ...common(state, meeting, zone),
    meetingType: 'scheduledMeeting',
    state: occurrenceState,
    isModified: meeting.isModified,
    start: formatInZone(start, zone),
    end: formatInZone(start + (meeting.end - meeting.start), zone),
  };
  if (occurrenceState === 'ready') Object.assign(view, { hostDidJoin: meeting.hostDidJoin, attendeeDidJoin: meeting.attendeeDidJoin });
  return reorder(view);
}

export function instanceView(state: EmulatorState, meeting: Meeting, instance: Instance, zone = 'UTC'): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: instance.id,
    meetingSeriesId: meeting.id,
    scheduledMeetingId: instance.scheduledMeetingId,
    ...common(state, meeting, zone),
    meetingType: 'meeting',
    state: instance.state,
  };
  // An instance's times are when it really ran.
  if (instance.startedAt !== undefined) view.start = formatInZone(instance.startedAt, zone);
  if (instance.endedAt !== undefined) view.end = formatInZone(instance.endedAt, zone);
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
  return reorder(view);
}

export function viewOf(state: EmulatorState, ref: MeetingRef, zone = 'UTC'): Record<string, unknown> {
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

const FIRST_KEYS = ['id', 'meetingSeriesId', 'scheduledMeetingId', 'meetingNumber', 'title', 'agenda', 'password', 'phoneAndVideoSystemPassword', 'meetingType', 'state'];

/** Webex prints id, title and type first; keep that order so the JSON reads like the docs. */
function reorder(view: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIRST_KEYS) if (view[key] !== undefined) out[key] = view[key];
  for (const [key, value] of Object.entries(view)) if (!(key in out)) out[key] = value;
  return out;
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

/**
 * Meeting participants, written from the official contract (`components.schemas.Participant`, Device,
 * BreakoutSessionAttended, AdmitParticipantsObject, and the list/get queries). `id` and `meetingId` are typed
 * required: Webex always answers them.
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const PARTICIPANT_VIDEOS = ["on", "off"] as const;
export type ParticipantVideo = (typeof PARTICIPANT_VIDEOS)[number];

export const PARTICIPANT_STATES = ["lobby", "end", "joined", "breakoutSession"] as const;
export type ParticipantState = (typeof PARTICIPANT_STATES)[number];

export const PARTICIPANT_DEVICE_AUDIO_TYPES = ["pstn", "voip", "inactive"] as const;
export type ParticipantDeviceAudioType = (typeof PARTICIPANT_DEVICE_AUDIO_TYPES)[number];

export const PARTICIPANT_DEVICE_CALL_TYPES = ["callIn", "callBack"] as const;
export type ParticipantDeviceCallType = (typeof PARTICIPANT_DEVICE_CALL_TYPES)[number];

export interface ParticipantDevice {
  /** An internal ID that is associated with each join. */
  correlationId?: string;
  /** The type of the device. */
  deviceType?: string;
  /** The audio type that the participant is using. */
  audioType?: ParticipantDeviceAudioType;
  /** The time the device joined the meeting. */
  joinedTime?: string;
  /** The time the device left the meeting, `leftTime` is the exact moment when a specific devi    ce left the meeting. */
  leftTime?: string;
  /** The duration in seconds the device stayed in the meeting. */
  durationSecond?: number;
  /** The PSTN call type in which the device joined the meeting. */
  callType?: ParticipantDeviceCallType;
  /** The PSTN phone number from which the device joined the meeting. */
  phoneNumber?: string;
}

export interface BreakoutSessionAttended {
  /** Unique identifier for the breakout session the participant attended. */
  id?: string;
  /** Name of the breakout session the participant attended. */
  name?: string;
  /** The time the participant joined the breakout session. */
  joinedTime?: string;
  /** The time the participant left the breakout session. */
  leftTime?: string;
}

export interface Participant {
  /** The ID that identifies the meeting and the participant. */
  id: string;
  /** The ID that identifies the organization. */
  orgId?: string;
  /** Whether or not the participant is the host of the meeting. */
  host?: boolean;
  /** Whether or not the participant has host privilege in the meeting. */
  coHost?: boolean;
  /** Whether or not the participant is the team space moderator. */
  spaceModerator?: boolean;
  /** The email address of the participant. */
  email?: string;
  /** The name of the participant. */
  displayName?: string;
  /** Whether or not the participant is invited to the meeting. */
  invitee?: boolean;
  /** Whether or not the participant's audio is muted. */
  muted?: boolean;
  /** The time the meeting started. */
  meetingStartTime?: string;
  /** The status of the participant's video. */
  video?: ParticipantVideo;
  /** The status of the participant in the meeting. */
  state?: ParticipantState;
  /** The ID of the breakout session including the participant. */
  breakoutSessionId?: string;
  /** The time the participant joined the meeting. */
  joinedTime?: string;
  /** The time the participant left the meeting. */
  leftTime?: string;
  /** The site URL. */
  siteUrl?: string;
  /** A unique identifier for the meeting which the participant belongs to. */
  meetingId: string;
  /** The email address of the host. */
  hostEmail?: string;
  devices?: ParticipantDevice[];
  /** The breakout sessions attended by the participant. */
  breakoutSessionsAttended?: BreakoutSessionAttended[];
  /** The source ID of the participant. */
  sourceId?: string;
}

export interface AdmitParticipant {
  /** The ID that identifies the meeting participant. */
  participantId?: string;
  /** The breakout session ID that identifies which breakout session to admit the participant into. */
  breakoutSessionId?: string;
}

export interface AdmitParticipantsBody {
  items?: AdmitParticipant[];
}

export interface ListParticipantsQuery {
  /** Limit the maximum number of participants in the response, up to 100. */
  max?: number;
  /** The unique identifier for the meeting. */
  meetingId: string;
  /** The unique identifier for a breakout session which happened during an ended meeting instance. */
  breakoutSessionId?: string;
  /** Meetings start from the specified date and time(exclusive) in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  meetingStartTimeFrom?: string;
  /** Meetings start before the specified date and time(exclusive) in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  meetingStartTimeTo?: string;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** The time participants join a meeting starts from the specified date and time (inclusive) in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  joinTimeFrom?: string;
  /** The time participants join a meeting before the specified date and time (exclusive) in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  joinTimeTo?: string;
}

export interface GetParticipantQuery {
  /** Email address for the meeting host. */
  hostEmail?: string;
}

// Shapes (see shape.ts)

export const participantDeviceShape: Shape<ParticipantDevice> = {
  correlationId: 'string',
  deviceType: 'string',
  audioType: PARTICIPANT_DEVICE_AUDIO_TYPES,
  joinedTime: 'string',
  leftTime: 'string',
  durationSecond: 'number',
  callType: PARTICIPANT_DEVICE_CALL_TYPES,
  phoneNumber: 'string',
};

export const breakoutSessionAttendedShape: Shape<BreakoutSessionAttended> = {
  id: 'string',
  name: 'string',
  joinedTime: 'string',
  leftTime: 'string',
};

export const participantShape: Shape<Participant> = {
  id: 'string',
  orgId: 'string',
  host: 'boolean',
  coHost: 'boolean',
  spaceModerator: 'boolean',
  email: 'string',
  displayName: 'string',
  invitee: 'boolean',
  muted: 'boolean',
  meetingStartTime: 'string',
  video: PARTICIPANT_VIDEOS,
  state: PARTICIPANT_STATES,
  breakoutSessionId: 'string',
  joinedTime: 'string',
  leftTime: 'string',
  siteUrl: 'string',
  meetingId: 'string',
  hostEmail: 'string',
  devices: { array: participantDeviceShape },
  breakoutSessionsAttended: { array: breakoutSessionAttendedShape },
  sourceId: 'string',
};

export const admitParticipantShape: Shape<AdmitParticipant> = {
  participantId: 'string',
  breakoutSessionId: 'string',
};

export const admitParticipantsBodyShape: Shape<AdmitParticipantsBody> = {
  items: { array: admitParticipantShape },
};

export interface MeetingParticipantsApi {
  /** Participants of a meeting (`meetingId` required; an in-progress instance gives the live roster). */
  list(query: ListParticipantsQuery, opts?: CallOptions): AsyncIterable<Participant>;
  listPage(query: ListParticipantsQuery, opts?: PageOptions): Promise<Page<Participant>>;
  /** May answer 404 right after a `joined` webhook: the REST view lags webhooks (docs/webex-contract.md §5.2). */
  get(participantId: string, query?: GetParticipantQuery, opts?: CallOptions): Promise<Participant>;
  /** Lets lobby participants in (up to 100, all of one meeting). Safe to repeat: admitting twice changes nothing. */
  admit(body: AdmitParticipantsBody, opts?: CallOptions): Promise<void>;
}

export function createMeetingParticipantsApi(transport: Transport): MeetingParticipantsApi {
  return {
    list: (query, opts) => paginate<Participant>(transport, { path: '/meetingParticipants', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Participant>(transport, { path: '/meetingParticipants', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    get: async (id, query, opts) =>
      (await transport.request<Participant>({ method: 'GET', path: `/meetingParticipants/${encodeURIComponent(id)}`, query: { ...query }, signal: opts?.signal })).data,
    admit: async (body, opts) => {
      await transport.request({ method: 'POST', path: '/meetingParticipants/admit', json: body, responseType: 'none', safeToRepeat: true, signal: opts?.signal });
    },
  };
}

/**
 * Recordings, written from the official contract (`components.schemas.RecordingObject` and
 * RecordingObjectWithDirectDownloadLinks = `Recording`, and the listRecordings / getRecordByRecordId queries).
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const RECORDING_FORMATS = ["MP4", "ARF", "UPLOADED"] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

export const RECORDING_SERVICE_TYPES = ["MeetingCenter", "EventCenter", "TrainingCenter", "SupportCenter"] as const;
export type RecordingServiceType = (typeof RECORDING_SERVICE_TYPES)[number];

export const RECORDING_STATUSES = ["available", "deleted", "purged"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export const LIST_RECORDINGS_QUERY_FORMATS = ["MP4", "ARF"] as const;
export type ListRecordingsQueryFormat = (typeof LIST_RECORDINGS_QUERY_FORMATS)[number];

export const LIST_RECORDINGS_QUERY_SERVICE_TYPES = ["MeetingCenter", "EventCenter", "SupportCenter", "TrainingCenter"] as const;
export type ListRecordingsQueryServiceType = (typeof LIST_RECORDINGS_QUERY_SERVICE_TYPES)[number];

export interface RecordingTemporaryDirectDownloadLinks {
  /** The download link for recording MP4/ARF file without HTML page rendering in browser or HTTP redirect. */
  recordingDownloadLink?: string;
  /** The download link for recording audio file without HTML page rendering in browser or HTTP redirect. */
  audioDownloadLink?: string;
  /** The download link for recording transcript file without HTML page rendering in browser or HTTP redirect. */
  transcriptDownloadLink?: string;
  /** The date and time when `recordingDownloadLink`, `audioDownloadLink`, and `transcriptDownloadLink` expire in [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  expiration?: string;
}

export interface Recording {
  /** A unique identifier for recording. */
  id: string;
  /** Unique identifier for the recording's ended meeting instance. */
  meetingId: string;
  /** Unique identifier for the recording's scheduled meeting instance. */
  scheduledMeetingId?: string;
  /** Unique identifier for the recording's meeting series. */
  meetingSeriesId?: string;
  /** The recording's topic. */
  topic: string;
  /** The date and time recording was created in [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  createTime: string;
  /** The date and time recording started in [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  timeRecorded: string;
  /** Site URL for the recording. */
  siteUrl: string;
  /** The download link for the recording. */
  downloadUrl: string;
  /** The playback link for recording. */
  playbackUrl: string;
  /** The recording's password. */
  password: string;
  /** `MP4` - Recording file format is MP4. */
  format: RecordingFormat;
  /** `MeetingCenter` - The service type for the recording is meeting. */
  serviceType: RecordingServiceType;
  /** The duration of the recording in seconds. */
  durationSeconds: number;
  /** The size of the recording file in bytes. */
  sizeBytes: number;
  /** Whether or not the recording has been shared to the current user. */
  shareToMe: boolean;
  /** The download links for MP4/ARF, audio, and transcript of the recording without HTML page rendering in browser or HTTP redirect. */
  temporaryDirectDownloadLinks?: RecordingTemporaryDirectDownloadLinks;
  /** External keys of the parent meeting created by an integration application. */
  integrationTags?: string[];
  /** `available` - Recording is available. */
  status: RecordingStatus;
}

export interface ListRecordingsQuery {
  /** Maximum number of recordings to return in a single page. */
  max?: number;
  /** Starting date and time (inclusive) for recordings to return, in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  from?: string;
  /** Ending date and time (exclusive) for List recordings to return, in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  to?: string;
  /** Unique identifier for the parent meeting series, scheduled meeting, or meeting instance for which recordings are being requested. */
  meetingId?: string;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** URL of the Webex site from which the API lists recordings. */
  siteUrl?: string;
  /** External key of the parent meeting created by an integration application. */
  integrationTag?: string;
  /** Recording's topic. */
  topic?: string;
  /** Recording's file format. */
  format?: ListRecordingsQueryFormat;
  /** The service type for recordings. */
  serviceType?: ListRecordingsQueryServiceType;
  /** Recording's status. */
  status?: RecordingStatus;
}

export interface GetRecordingQuery {
  /** Email address for the meeting host. */
  hostEmail?: string;
}

// Shapes (see shape.ts)

export const recordingTemporaryDirectDownloadLinksShape: Shape<RecordingTemporaryDirectDownloadLinks> = {
  recordingDownloadLink: 'string',
  audioDownloadLink: 'string',
  transcriptDownloadLink: 'string',
  expiration: 'string',
};

export const recordingShape: Shape<Recording> = {
  id: 'string',
  meetingId: 'string',
  scheduledMeetingId: 'string',
  meetingSeriesId: 'string',
  topic: 'string',
  createTime: 'string',
  timeRecorded: 'string',
  siteUrl: 'string',
  downloadUrl: 'string',
  playbackUrl: 'string',
  password: 'string',
  format: RECORDING_FORMATS,
  serviceType: RECORDING_SERVICE_TYPES,
  durationSeconds: 'number',
  sizeBytes: 'number',
  shareToMe: 'boolean',
  temporaryDirectDownloadLinks: recordingTemporaryDirectDownloadLinksShape,
  integrationTags: { array: 'string' },
  status: RECORDING_STATUSES,
};

export interface RecordingsApi {
  list(query?: ListRecordingsQuery, opts?: CallOptions): AsyncIterable<Recording>;
  listPage(query?: ListRecordingsQuery, opts?: PageOptions): Promise<Page<Recording>>;
  get(recordingId: string, query?: GetRecordingQuery, opts?: CallOptions): Promise<Recording>;
}

export function createRecordingsApi(transport: Transport): RecordingsApi {
  return {
    list: (query, opts) => paginate<Recording>(transport, { path: '/recordings', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Recording>(transport, { path: '/recordings', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    get: async (id, query, opts) =>
      (await transport.request<Recording>({ method: 'GET', path: `/recordings/${encodeURIComponent(id)}`, query: { ...query }, signal: opts?.signal })).data,
  };
}

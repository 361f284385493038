/**
 * Meeting transcripts, written from the official contract (`components.schemas.TranscriptObject` and the list and
 * download queries). `download` answers text (`text/vtt`, or plain text with `format: 'txt'`).
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const TRANSCRIPT_STATUSES = ["available", "deleted"] as const;
export type TranscriptStatus = (typeof TRANSCRIPT_STATUSES)[number];

export const DOWNLOAD_TRANSCRIPT_QUERY_FORMATS = ["vtt", "txt"] as const;
export type DownloadTranscriptQueryFormat = (typeof DOWNLOAD_TRANSCRIPT_QUERY_FORMATS)[number];

export interface Transcript {
  /** A unique identifier for the transcript. */
  id: string;
  /** URL of the Webex site from which the API lists meeting transcripts. */
  siteUrl: string;
  /** Start time for the meeting transcript in [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  startTime: string;
  /** The meeting's topic. */
  meetingTopic: string;
  /** Unique identifier for the [meeting instance](/docs/meetings#meeting-series-scheduled-meetings-and-meeting-instances) to which the transcripts belong. */
  meetingId: string;
  /** Unique identifier for scheduled meeting with which the current meeting is associated. */
  scheduledMeetingId: string;
  /** Unique identifier for the parent meeting series to which the recording belongs. */
  meetingSeriesId?: string;
  /** Unique identifier for the meeting host. */
  hostUserId: string;
  /** The download link for the transcript vtt file. */
  vttDownloadLink: string;
  /** The download link for the transcript txt file. */
  txtDownloadLink: string;
  /** `available` - Transcript is available. */
  status: TranscriptStatus;
}

export interface ListTranscriptsQuery {
  /** Maximum number of transcripts to return in a single page. */
  max?: number;
  /** Starting date and time (inclusive) for transcripts to return, in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  from?: string;
  /** Ending date and time (exclusive) for List transcripts to return, in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  to?: string;
  /** Unique identifier for the [meeting instance](/docs/meetings#meeting-series-scheduled-meetings-and-meeting-instances) to which the transcript belongs. */
  meetingId?: string;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** URL of the Webex site from which the API lists transcripts. */
  siteUrl?: string;
}

export interface DownloadTranscriptQuery {
  /** Format for the downloaded meeting transcript. */
  format?: DownloadTranscriptQueryFormat;
  /** Email address for the meeting host. */
  hostEmail?: string;
}

// Shapes (see shape.ts)

export const transcriptShape: Shape<Transcript> = {
  id: 'string',
  siteUrl: 'string',
  startTime: 'string',
  meetingTopic: 'string',
  meetingId: 'string',
  scheduledMeetingId: 'string',
  meetingSeriesId: 'string',
  hostUserId: 'string',
  vttDownloadLink: 'string',
  txtDownloadLink: 'string',
  status: TRANSCRIPT_STATUSES,
};

export interface MeetingTranscriptsApi {
  list(query?: ListTranscriptsQuery, opts?: CallOptions): AsyncIterable<Transcript>;
  listPage(query?: ListTranscriptsQuery, opts?: PageOptions): Promise<Page<Transcript>>;
  /** The transcript's text: WebVTT by default, plain text with `{ format: 'txt' }`. */
  download(transcriptId: string, query?: DownloadTranscriptQuery, opts?: CallOptions): Promise<string>;
}

export function createMeetingTranscriptsApi(transport: Transport): MeetingTranscriptsApi {
  return {
    list: (query, opts) => paginate<Transcript>(transport, { path: '/meetingTranscripts', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Transcript>(transport, { path: '/meetingTranscripts', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    download: async (id, query, opts) =>
      (
        await transport.request<string>({
          method: 'GET',
          path: `/meetingTranscripts/${encodeURIComponent(id)}/download`,
          query: { ...query },
          responseType: 'text',
          signal: opts?.signal,
        })
      ).data,
  };
}

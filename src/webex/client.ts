import { createApplicationsApi, type ApplicationsApi } from './applications.js';
import { createGuestsApi, type GuestsApi } from './guests.js';
import { createMeetingParticipantsApi, type MeetingParticipantsApi } from './meeting-participants.js';
import { createMeetingPreferencesApi, type MeetingPreferencesApi } from './meeting-preferences.js';
import { createMeetingTranscriptsApi, type MeetingTranscriptsApi } from './meeting-transcripts.js';
import { createMeetingsApi, type MeetingsApi } from './meetings.js';
import { createMembershipsApi, type MembershipsApi } from './memberships.js';
import { createOAuthApi, type OAuthApi } from './oauth.js';
import { createPeopleApi, type PeopleApi } from './people.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRecordingsApi, type RecordingsApi } from './recordings.js';
import { createRoomsApi, type RoomsApi } from './rooms.js';
import { toTokenSource, type TokenSource } from './token-source.js';
import { createTransport, type Transport, type WebexRequestLog, type WebexResponseLog } from './transport.js';
import { systemTimers, type WebexTimers } from './webex-timers.js';
import { createWebhooksApi, type WebhooksApi } from './webhooks.js';

export const DEFAULT_WEBEX_BASE_URL = 'https://webexapis.com/v1';

export interface WebexClientOptions {
  /** Default `https://webexapis.com/v1`; point it at the emulator's `baseUrl` in tests. */
  baseUrl?: string;
  /** Bearer for authenticated calls: a TokenSource (refresh after a 401) or a function returning the token. */
  token?: TokenSource | (() => Promise<string>);
  /** Per attempt, including reading the body. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (429/423, and for safe requests 502/503/504, timeouts, lost connections). Default 3. */
  maxRetries?: number;
  /** Backoff base: attempt n waits a random time in [0, base * 2^n], capped by `maxRetryDelayMs`. Default 250. */
  retryBaseDelayMs?: number;
  /** Cap of one backoff delay. Default 8 000. */
  maxRetryDelayMs?: number;
  /** Longest `Retry-After` the client waits for; a longer one fails at once with `retryAfterMs` set. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Client-side token bucket per bearer token (Webex allows about 300 requests/minute per user). */
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** Called before each attempt; tokens, secrets and join links are already redacted. */
  onRequest?: (e: WebexRequestLog) => void;
  /** Called after each attempt (or its failure); already redacted. */
  onResponse?: (e: WebexResponseLog) => void;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Time seam for tests (sleep without waiting). */
  timers?: WebexTimers;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  userAgent?: string;
}

export interface WebexClient {
  readonly baseUrl: string;
  readonly meetings: MeetingsApi;
  readonly meetingPreferences: MeetingPreferencesApi;
  readonly meetingParticipants: MeetingParticipantsApi;
  readonly recordings: RecordingsApi;
  readonly meetingTranscripts: MeetingTranscriptsApi;
  readonly webhooks: WebhooksApi;
  readonly rooms: RoomsApi;
  readonly memberships: MembershipsApi;
  readonly people: PeopleApi;
  readonly guests: GuestsApi;
  readonly applications: ApplicationsApi;
  readonly oauth: OAuthApi;
  /** The underlying transport, for a call this client has no method for yet. */
  readonly transport: Transport;
}

/**
 * A typed Webex REST client. One instance per credential: give each org's token source its own client (cheap).
 *
 * @example
 * const webex = createWebexClient({ baseUrl: emulator.baseUrl, token: vault.tokenSourceFor(orgId) });
 * const meeting = await webex.meetings.create({ title: 'Visit', start, end, enabledJoinBeforeHost: true });
 * const { joinLink } = await webex.meetings.join({ meetingId: meeting.id, email, displayName });
 */
export function createWebexClient(options: WebexClientOptions = {}): WebexClient {
  checkOptions(options);
  const timers = options.timers ?? systemTimers;
  const transport = createTransport({
    baseUrl: options.baseUrl ?? DEFAULT_WEBEX_BASE_URL,
    token: options.token === undefined ? undefined : toTokenSource(options.token),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    rateLimiter: options.rateLimit
      ? createRateLimiter({
          requestsPerSecond: options.rateLimit.requestsPerSecond,
          ...(options.rateLimit.burst !== undefined ? { burst: options.rateLimit.burst } : {}),
          timers,
        })
      : undefined,
    onRequest: options.onRequest,
    onResponse: options.onResponse,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timers,
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? 'g2g-webex-client',
  });
  return {
    baseUrl: transport.baseUrl,
    meetings: createMeetingsApi(transport),
    meetingPreferences: createMeetingPreferencesApi(transport),
    meetingParticipants: createMeetingParticipantsApi(transport),
    recordings: createRecordingsApi(transport),
    meetingTranscripts: createMeetingTranscriptsApi(transport),
    webhooks: createWebhooksApi(transport),
    rooms: createRoomsApi(transport),
    memberships: createMembershipsApi(transport),
    people: createPeopleApi(transport),
    guests: createGuestsApi(transport),
    applications: createApplicationsApi(transport),
    oauth: createOAuthApi(transport),
    transport,
  };
}

/** Bad configuration fails at construction, naming the option and what is allowed (not at the first call). */
function checkOptions(options: WebexClientOptions): void {
  if (options.baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new TypeError(`createWebexClient: baseUrl must be an absolute http(s) URL such as https://webexapis.com/v1, got ${JSON.stringify(options.baseUrl)}`);
    }
  }
  const numbers: [keyof WebexClientOptions, number | undefined, number, boolean][] = [
    ['timeoutMs', options.timeoutMs, 1, false],
    ['maxRetries', options.maxRetries, 0, true],
    ['retryBaseDelayMs', options.retryBaseDelayMs, 0, false],
    ['maxRetryDelayMs', options.maxRetryDelayMs, 0, false],
    ['maxRetryAfterMs', options.maxRetryAfterMs, 0, false],
  ];
  for (const [name, value, min, integer] of numbers) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new RangeError(`createWebexClient: ${name} must be a${integer ? 'n integer' : ' number'} >= ${min}, got ${String(value)}`);
    }
  }
  if (options.rateLimit !== undefined && !(Number.isFinite(options.rateLimit.requestsPerSecond) && options.rateLimit.requestsPerSecond > 0)) {
    throw new RangeError(`createWebexClient: rateLimit.requestsPerSecond must be a number > 0, got ${String(options.rateLimit.requestsPerSecond)}`);
  }
}

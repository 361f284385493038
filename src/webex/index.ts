/**
 * The typed Webex REST client: the one door to `src/webex/`. See `createWebexClient` and docs/webex-client.md.
 * Values are only what callers outside webex/ use (the client factory and its error); everything else is types.
 * Resource modules are re-exported as types only: their runtime shapes and value lists exist for contract tests,
 * which import them from their own module.
 */
export { createWebexClient, type WebexClient, type WebexClientOptions } from './client.js';
export type { TokenSource } from './token-source.js';
export { WebexApiError, isWebexApiError, type WebexErrorCode } from './errors.js';
export type { CallOptions, PageOptions, Transport, TransportRequest, TransportResponse, WebexRequestLog, WebexResponseLog } from './transport.js';
export type { Page } from './pagination.js';
export type { WebexTimers } from './webex-timers.js';

export type { MeetingsApi, JoinMeetingInput } from './meetings.js';
export type * from './meeting-types.js';
// g2g's configuration offers the windows a meeting accepts (hostless visits are meetings).
export { MEETING_JOIN_BEFORE_HOST_MINUTES } from './meeting-types.js';
export type { MeetingPreferencesApi } from './meeting-preferences.js';
export type * from './meeting-preference-types.js';
export type * from './meeting-participants.js';
export type * from './recordings.js';
export type * from './meeting-transcripts.js';
export type * from './webhooks.js';
export type * from './rooms.js';
export type * from './memberships.js';
export type * from './people.js';
export type * from './guests.js';
export type * from './applications.js';
export type { OAuthApi, RefreshTokenInput } from './oauth.js';

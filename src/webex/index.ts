/**
 * The typed Webex REST client: the one door to `src/webex/`. See `createWebexClient` and the README's "Webex client".
 */
export { createWebexClient, DEFAULT_WEBEX_BASE_URL, type WebexClient, type WebexClientOptions } from './client.js';
export { staticTokenSource, toTokenSource, type TokenSource } from './token-source.js';
export { WebexApiError, WEBEX_ERROR_CODES, isWebexApiError, type WebexErrorCode } from './errors.js';
export type { CallOptions, PageOptions, Transport, TransportRequest, TransportResponse, WebexRequestLog, WebexResponseLog } from './transport.js';
export type { Page } from './pagination.js';
export { parseLinkHeader, findNextLink, type WebLink } from './link-header.js';
export { redactText, redactValue, REDACTED } from './redact.js';
export { systemTimers, type WebexTimers } from './webex-timers.js';

export type { MeetingsApi, JoinMeetingInput } from './meetings.js';
export * from './meeting-types.js';
export type { MeetingPreferencesApi } from './meeting-preferences.js';
export * from './meeting-preference-types.js';
export * from './meeting-participants.js';
export * from './recordings.js';
export * from './meeting-transcripts.js';
export * from './webhooks.js';
export * from './rooms.js';
export * from './memberships.js';
export * from './people.js';
export * from './guests.js';
export * from './applications.js';
export type { OAuthApi, RefreshTokenInput } from './oauth.js';

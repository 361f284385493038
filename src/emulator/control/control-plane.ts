/**
 * The emulator's control plane, under `/_emulator` (not part of Webex; no auth; JSON in and out).
 * Tests, the join pages and the debug page drive the emulator through these endpoints only.
 * Errors use the Webex error body `{message, errors:[{description}], trackingId}` plus a `code` string.
 *
 * Orgs, sites, apps, authorization
 *   POST /orgs {name?, siteUrl?, concurrentMeetings?, participantsPerMeeting?, attendeesCanJoinWithoutHost?}
 *        -> 200 {orgId, name, siteUrl, admin: {personId, email, accessToken}}   a new org with its own guest site
 *        409 code 'site_exists'
 *   POST /orgs/{orgId}/sites {siteUrl?, concurrentMeetings?, participantsPerMeeting?, guestToGuest?}
 *        -> 200 {siteUrl, orgId, concurrentMeetings, participantsPerMeeting}
 *   PATCH /sites/{siteUrl} {concurrentMeetings?, participantsPerMeeting?, attendeesCanJoinWithoutHost?}
 *        -> 200 site                                    Control Hub settings / license of a site
 *   POST /service-apps {name?, scopes?, developerOrgId?} -> 200 {applicationId, clientId, clientSecret, name, scopes}
 *   POST /integrations {name?, scopes?, orgId?} -> 200 {clientId, clientSecret, accessToken, refreshToken, personId, scopes}
 *   POST /service-apps/{applicationId}/authorize {orgId, siteUrl?, scopes?}
 *        -> 200 {applicationId, orgId, siteUrls, scopes}  and sends signed `serviceApp:authorized`
 *        409 code 'site_taken' | 'app_bound' (1:1 Service App <-> guest site), 404 unknown app/org/site
 *   POST /service-apps/{applicationId}/deauthorize {orgId}
 *        -> 200 {applicationId, orgId}  revokes that org's Service App tokens, sends `serviceApp:deauthorized`
 *   POST /tokens/revoke {orgId, kind: 'access'|'refresh'|'all', applicationId?} -> 200 {revoked: number}
 *
 * People in meetings (what a browser join page does)
 *   GET  /links/inspect?url=<join or start link>
 *        -> 200 {meetingId, title, role: 'host'|'attendee', displayName, email, state, expired: boolean, expiration,
 *                start, end, siteUrl}
 *           meetingId is the series id; state is the meeting's state as a person would see it
 *        -> 404 code 'link_unknown'
 *   POST /links/open {url, displayName?}
 *        -> 200 {participantId, meetingId (instance id), role: 'host'|'attendee', state: 'joined'}
 *        -> 4xx {code, message, ...}: 'link_unknown' 404, 'link_expired' 410, 'meeting_not_found' 404,
 *           'meeting_ended' 410, 'license_exhausted' 403 (site already has N meetings in progress; nothing changes),
 *           'meeting_full' 403 (participant cap), 'blocked' 403 (unlockedMeetingJoinSecurity blockFromJoin),
 *           'lobby' 409 {participantId, meetingId, reason: 'waiting_for_host'|'locked'} (put in the lobby)
 *   POST /participants/{participantId}/leave -> 200 {participantId, meetingId, state: 'end', meetingState}
 *   POST /participants/{participantId}/admit -> 200 participant (lobby -> joined)
 *   POST /meetings/{meetingId}/end -> 200 {meetingId (instance), state: 'ended'}   (series or instance id)
 *        409 code 'not_in_progress'
 *
 * Time, faults, limits
 *   GET  /clock -> {now (ISO), nowMs, offsetMs}
 *   POST /clock/advance {ms} -> {now, nowMs, offsetMs}    tokens expire, meetings become ready/missed, links expire
 *   POST /faults {method?, path (glob, e.g. '/v1/meetings*'), status?, count?, probability?, latencyMs?,
 *                 retryAfterSeconds?, message?, when?: 'before'|'after', lose?: 'reset'|'timeout'} -> 200 {id}
 *        `when: 'after'` runs the handler (the change is made) and then loses the answer: `status` instead of the
 *        real one, or the connection reset / left hanging (`latencyMs`, default 120 s); needs exactly one of the two
 *   GET  /faults -> {items}      DELETE /faults -> 204     DELETE /faults/{id} -> 204
 *   PUT  /rate-limit {requestsPerMinute: number | null} -> {requestsPerMinute}   per token, 429 + Retry-After
 *   GET  /rate-limit -> {requestsPerMinute}
 *   PUT  /webhook-delay {ms} -> {ms}   holds every new webhook delivery back ms (real time; 0 = off)
 *   PUT  /read-lag {ms} -> {ms}        REST reads trail writes by ms of emulator time: new meetings are missing from
 *                                      GET /meetings lists, new participants 404 on GET /meetingParticipants/{id}
 *   GET  /read-lag -> {ms}
 *
 * Journal and state
 *   GET  /requests?method=&path=&limit= -> {items: [{method, path, query, status, lost?, at}]}  /v1 requests, newest last
 *                                           (`lost`: what an `after` fault did to the answer; `status` stays the real one)
 *                                           (`path` filter: exact path or a glob with `*`)   DELETE /requests -> 204
 *   GET  /deliveries?webhookId=&resource=&event= -> {items: [{id, webhookId, resource, event, targetUrl,
 *                                           status: 'pending'|'delivered'|'failed', attempts, lastStatusCode, at, body}]}
 *   POST /deliveries/flush -> {pending: 0}   waits until no delivery is in flight or waiting for a retry
 *   GET  /overview -> {orgs: [{orgId, name, sites: [{siteUrl, concurrentMeetings, inProgress}]}],
 *                      meetings: [{id, meetingType, title, state, siteUrl, participants: [{id, displayName, role, state}]}],
 *                      deliveries: [...recent], clock: {now}}
 *   GET  /recordings/{recordingId}/{recording.mp4|audio.mp3|transcript.vtt} -> placeholder media (direct links)
 *   GET  /seed -> the seed object printed at start
 *   POST /reset -> 200 seed (state back to the freshly seeded sandbox, same seed credentials)
 *   GET  /state -> the whole state as JSON          PUT /state <that JSON> -> 204
 *   GET  / (text/html) -> the debug page
 *
 * Time rules run on every clock advance: occurrences become ready or missed, a lobby nobody opened is cleared,
 * tokens and links expired for more than a week are forgotten.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { registerJournalAndStateRoutes } from './journal-and-state-routes.js';
import { registerMeetingActionRoutes } from './meeting-action-routes.js';
import { registerTimeAndFaultRoutes } from './time-and-fault-routes.js';

export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerDirectoryRoutes(app, ctx);
  registerMeetingActionRoutes(app, ctx);
  registerTimeAndFaultRoutes(app, ctx);
  registerJournalAndStateRoutes(app, ctx);
}

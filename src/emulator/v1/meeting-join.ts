import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, conflict, forbidden, invalidItems, notFound } from '../errors.js';
import { createLinkToken } from '../ids.js';
import { settleMeeting } from '../lifecycle.js';
import { parseJoinBody } from '../meeting-rules.js';
import { resolveMeetingId } from '../meeting-view.js';
import { sendJson } from '../reply.js';
import type { JoinLink, Meeting } from '../state.js';
import { canChangeMeeting, canSeeMeeting, meetingNotFound } from './meeting-access.js';

/** Lifetime of a join link when `expirationMinutes` is not given (Webex's default is undocumented, docs/webex-contract.md §2). */
const DEFAULT_LINK_MINUTES = 60;

/**
 * POST /v1/meetings/join (docs/webex-contract.md §2): join and start links that open the emulator's join pages
 * (`${pagesUrl}/join/<token>`); 302 to the join link unless `joinDirectly` is false.
 */
export function registerMeetingJoinRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/v1/meetings/join', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsJoin);
    const parsed = parseJoinBody(request.body);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    const body = parsed.value;
    const meeting = findJoinTarget(ctx, body);
    const now = ctx.clock.now();
    settleMeeting(ctx, meeting, now);
    // A Service App's own guests (from /guests/token) get links as it would: Cisco's G2G verification collection
    // has each guest mint its own start and join link for the Service App's meeting.
    const isHost = canChangeMeeting(who, meeting) || (who.person.guestOf !== undefined && who.person.guestOf === meeting.hostUserId);
    if (!isHost && !canSeeMeeting(who, meeting) && body.password !== meeting.password) {
      throw forbidden('The meeting password is missing or wrong');
    }
    if (meeting.state === 'expired' && meeting.liveInstanceId === undefined) throw conflict('The meeting has ended');
    const email = body.email ?? who.person.emails[0] ?? 'guest@example.com';
    const displayName = body.displayName ?? (body.email ?? who.person.displayName);
    const expiresAt = now + (body.expirationMinutes ?? DEFAULT_LINK_MINUTES) * 60_000;
    const mint = (role: JoinLink['role']): string => {
      const link: JoinLink = { token: createLinkToken(), seriesId: meeting.id, role, email, displayName, expiresAt, created: now };
      ctx.state.links.set(link.token, link);
      return `${ctx.urls.pagesUrl}/join/${link.token}`;
    };
    const joinLink = body.createJoinLinkAsWebLink ? meeting.webLink : mint('attendee');
    const result: Record<string, unknown> = {};
    if (isHost) result.startLink = body.createStartLinkAsWebLink ? meeting.webLink : mint('host');
    result.joinLink = joinLink;
    if (!(body.createJoinLinkAsWebLink && body.createStartLinkAsWebLink)) result.expiration = new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx.onChange();
    if (body.joinDirectly) return reply.code(302).header('location', joinLink).send();
    return sendJson(reply, result);
  });
}

function findJoinTarget(ctx: EmulatorContext, body: { meetingId?: string; meetingNumber?: string; webLink?: string }): Meeting {
  let id: string | undefined;
  if (body.meetingId !== undefined) {
    const ref = resolveMeetingId(ctx.state, body.meetingId);
    if (ref?.kind === 'instance') throw badRequest(`Meeting ID '${body.meetingId}' is not allowed for this API.`);
    if (ref) return ref.meeting;
    throw meetingNotFound(body.meetingId);
  }
  if (body.meetingNumber !== undefined) id = ctx.state.meetingsByNumber.get(body.meetingNumber.replace(/\s/g, ''));
  if (body.webLink !== undefined) id = ctx.state.meetingsByWebLink.get(body.webLink);
  const meeting = id === undefined ? undefined : ctx.state.meetings.get(id);
  if (!meeting) throw notFound('Meeting not found');
  return meeting;
}

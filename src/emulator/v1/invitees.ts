import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { conflict, invalidItems, notFound } from '../errors.js';
import { createHexId } from '../ids.js';
import { isPlainObject } from '../meeting-rules.js';
import { resolveMeetingId } from '../meeting-view.js';
import { parseMax } from '../pagination.js';
import { queryOf, sendJson } from '../reply.js';
import type { Invitee, Meeting } from '../state.js';
import { canChangeMeeting, canSeeMeeting } from './meeting-access.js';

/** /v1/meetingInvitees: invitees skip the unlocked-meeting security (they are "on the invite"). */
export function registerInviteeRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/v1/meetingInvitees', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsRead);
    const query = queryOf(request);
    if (query.meetingId === undefined || query.meetingId === '') throw invalidItems("'meetingId' is required");
    const max = parseMax(query.max, 100, 100);
    const ref = resolveMeetingId(ctx.state, query.meetingId);
    if (!ref || !canSeeMeeting(who, ref.meeting)) throw notFound(`Meeting '${query.meetingId}' not found`);
    const items = ref.meeting.invitees
      .filter((i) => query.panelist === undefined || String(i.panelist) === query.panelist)
      .slice(0, max)
      .map((i) => inviteeView(ref.meeting, i, query.meetingId ?? ref.meeting.id));
    return sendJson(reply, { items });
  });

  app.post('/v1/meetingInvitees', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsWrite);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.meetingId !== 'string' || body.meetingId === '') problems.push("'meetingId' is required");
    if (typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) problems.push("'email' is required and must be an e-mail address");
    if (body.displayName !== undefined && (typeof body.displayName !== 'string' || body.displayName.length > 128)) problems.push("'displayName' must be a string of at most 128 characters");
    for (const key of ['coHost', 'panelist', 'sendEmail'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') problems.push(`'${key}' must be a boolean`);
    }
    if (problems.length > 0) throw invalidItems(...problems);
    const ref = resolveMeetingId(ctx.state, body.meetingId as string);
    if (!ref || !canChangeMeeting(who, ref.meeting)) throw notFound(`Meeting '${String(body.meetingId)}' not found`);
    if (ref.kind === 'instance') throw invalidItems(`Meeting ID '${String(body.meetingId)}' is not allowed for this API.`);
    const email = body.email as string;
    if (ref.meeting.invitees.some((i) => i.email.toLowerCase() === email.toLowerCase())) throw conflict('Some users in the list have been invited.');
    if (ref.meeting.invitees.length >= 1000) throw invalidItems('A meeting may have at most 1000 invitees');
    const invitee: Invitee = {
      id: `${ref.meeting.id}_${createHexId().slice(0, 8)}`,
      email,
      displayName: typeof body.displayName === 'string' ? body.displayName : email,
      coHost: body.coHost === true,
      panelist: body.panelist === true,
    };
    ref.meeting.invitees.push(invitee);
    ctx.onChange();
    return sendJson(reply, inviteeView(ref.meeting, invitee, body.meetingId as string));
  });
}

function inviteeView(_meeting: Meeting, invitee: Invitee, meetingId: string): Record<string, unknown> {
  return { id: invitee.id, email: invitee.email, displayName: invitee.displayName, coHost: invitee.coHost, meetingId, panelist: invitee.panelist };
}

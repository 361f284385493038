import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { invalidItems, notFound } from '../errors.js';
import { admitParticipant } from '../lifecycle.js';
import { isPlainObject } from '../meeting-rules.js';
import { participantView, resolveMeetingId } from '../meeting-view.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, queryOf, responseZone, sendJson, sendNoContent } from '../reply.js';
import { isLagging } from '../read-lag.js';
import { parseDateTime } from '../time-zone.js';
import { canChangeMeeting, canSeeMeeting } from './meeting-access.js';

/** /v1/meetingParticipants (docs/webex-contract.md §9): the host or an admin lists an instance's people and admits the lobby. */
function timeQuery(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = parseDateTime(raw, 'UTC');
  if (ms === undefined) throw invalidItems(`'${name}' '${raw}' is not an ISO 8601 date-time`);
  return ms;
}

export function registerParticipantRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/v1/meetingParticipants', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.participantsRead);
    const query = queryOf(request);
    if (query.meetingId === undefined || query.meetingId === '') throw invalidItems("'meetingId' is required");
    const max = parseMax(query.max, 10, 100);
    const cursor = parseCursor(query.cursor);
    const zone = responseZone(request);
    const ref = resolveMeetingId(ctx.state, query.meetingId);
    if (!ref || !canSeeMeeting(who, ref.meeting)) throw notFound(`Meeting '${query.meetingId}' not found`);
    // A series or scheduled id means its last instance (docs/webex-contract.md §9).
    const instanceId = ref.kind === 'instance' ? ref.instance.id : ref.meeting.instanceIds[ref.meeting.instanceIds.length - 1];
    const instance = instanceId === undefined ? undefined : ctx.state.instances.get(instanceId);
    if (!instance) return sendJson(reply, { items: [] });
    const joinFrom = timeQuery(query.joinTimeFrom, 'joinTimeFrom');
    const joinTo = timeQuery(query.joinTimeTo, 'joinTimeTo');
    const startFrom = timeQuery(query.meetingStartTimeFrom, 'meetingStartTimeFrom');
    const startTo = timeQuery(query.meetingStartTimeTo, 'meetingStartTimeTo');
    const started = instance.startedAt ?? instance.created;
    if ((startFrom !== undefined && started < startFrom) || (startTo !== undefined && started >= startTo)) return sendJson(reply, { items: [] });
    const page = pageThrough(instance.participantIds, cursor, max, (id) => {
      const participant = ctx.state.participants.get(id);
      if (!participant || isLagging(ctx, participant.joinedAt)) return undefined;
      if (query.email !== undefined && participant.email.toLowerCase() !== query.email.toLowerCase()) return undefined;
      if (joinFrom !== undefined && participant.joinedAt < joinFrom) return undefined;
      if (joinTo !== undefined && participant.joinedAt >= joinTo) return undefined;
      return participantView(ctx.state, participant, zone);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/meetingParticipants/:participantId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.participantsRead);
    const id = paramOf(request, 'participantId');
    const participant = ctx.state.participants.get(id);
    const meeting = participant ? ctx.state.meetings.get(participant.seriesId) : undefined;
    if (!participant || !meeting || !canSeeMeeting(who, meeting) || isLagging(ctx, participant.joinedAt)) throw notFound(`Participant '${id}' not found`);
    return sendJson(reply, participantView(ctx.state, participant, responseZone(request)));
  });

  app.post('/v1/meetingParticipants/admit', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.participantsWrite);
    const body = request.body;
    if (!isPlainObject(body) || !Array.isArray(body.items) || body.items.length === 0) throw invalidItems("'items' is required: an array of {participantId}");
    if (body.items.length > 100) throw invalidItems("'items' may hold at most 100 participants");
    const participants = body.items.map((item: unknown, i: number) => {
      if (!isPlainObject(item) || typeof item.participantId !== 'string') throw invalidItems(`'items[${i}].participantId' is required`);
      const participant = ctx.state.participants.get(item.participantId);
      const meeting = participant ? ctx.state.meetings.get(participant.seriesId) : undefined;
      if (!participant || !meeting || !canChangeMeeting(who, meeting)) throw notFound(`Participant '${item.participantId}' not found`);
      return participant;
    });
    const instanceIds = new Set(participants.map((p) => p.instanceId));
    if (instanceIds.size > 1) throw invalidItems('All participants must be in the same meeting');
    const first = participants[0];
    const instance = first ? ctx.state.instances.get(first.instanceId) : undefined;
    const meeting = first ? ctx.state.meetings.get(first.seriesId) : undefined;
    if (!instance || !meeting || instance.state !== 'inProgress') throw invalidItems('The meeting is not in progress');
    for (const participant of participants) {
      if (participant.state === 'lobby') admitParticipant(ctx, meeting, instance, participant);
    }
    ctx.onChange();
    return sendNoContent(reply);
  });
}

import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { refusal } from '../errors.js';
import { currentOccurrence } from '../recurrence.js';
import { admitParticipant, endInstance, findLinkByUrl, leaveParticipant, openLink, settleMeeting, visibleState } from '../lifecycle.js';
import { participantView, resolveMeetingId } from '../meeting-view.js';
import { paramOf, queryOf, sendJson } from '../reply.js';
import type { JoinLink } from '../state.js';
import { controlBody, optionalString, requiredString } from './control-body.js';

/** What people do in meetings (the join pages' Join, Leave and End buttons), available to tests too. */
export function registerMeetingActionRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const linkFor = (url: string): JoinLink => {
    const link = findLinkByUrl(ctx, url);
    if (link) return link;
    // A meeting's webLink opens as an attendee link that never expires (the login flow, docs/webex-contract.md §2).
    const seriesId = ctx.state.meetingsByWebLink.get(url);
    if (seriesId !== undefined) {
      return { token: '', seriesId, role: 'attendee', email: 'guest@example.com', displayName: 'Guest', expiresAt: Number.MAX_SAFE_INTEGER, created: 0 };
    }
    throw refusal(404, 'link_unknown', 'This is not a link the emulator made (or the state was reset).');
  };

  app.get('/_emulator/links/inspect', async (request, reply) => {
    const url = queryOf(request).url;
    if (url === undefined || url === '') throw refusal(400, 'invalid_request', "'url' query parameter is required");
    const link = linkFor(url);
    const meeting = ctx.state.meetings.get(link.seriesId);
    if (!meeting) throw refusal(404, 'meeting_not_found', 'This meeting no longer exists (it was deleted).');
    const now = ctx.clock.now();
    settleMeeting(ctx, meeting, now);
    return sendJson(reply, {
      meetingId: meeting.id,
      title: meeting.title,
      role: link.role,
      displayName: link.displayName,
      email: link.email,
      state: visibleState(ctx, meeting),
      expired: now >= link.expiresAt,
      expiration: link.expiresAt === Number.MAX_SAFE_INTEGER ? null : new Date(link.expiresAt).toISOString(),
      start: new Date(currentOccurrence(meeting).start).toISOString(),
      end: new Date(currentOccurrence(meeting).end).toISOString(),
      siteUrl: meeting.siteUrl,
    });
  });

  app.post('/_emulator/links/open', async (request, reply) => {
    const body = controlBody(request);
    const url = requiredString(body, 'url', 4096);
    const displayName = optionalString(body, 'displayName', 128);
    return sendJson(reply, openLink(ctx, linkFor(url), displayName));
  });

  app.post('/_emulator/participants/:participantId/leave', async (request, reply) => {
    const participant = ctx.state.participants.get(paramOf(request, 'participantId'));
    if (!participant) throw refusal(404, 'participant_not_found', 'No such participant');
    leaveParticipant(ctx, participant, ctx.clock.now());
    const instance = ctx.state.instances.get(participant.instanceId);
    return sendJson(reply, { participantId: participant.id, meetingId: participant.instanceId, state: participant.state, meetingState: instance?.state ?? 'ended' });
  });

  app.post('/_emulator/participants/:participantId/admit', async (request, reply) => {
    const participant = ctx.state.participants.get(paramOf(request, 'participantId'));
    if (!participant) throw refusal(404, 'participant_not_found', 'No such participant');
    const meeting = ctx.state.meetings.get(participant.seriesId);
    const instance = ctx.state.instances.get(participant.instanceId);
    if (!meeting || !instance) throw refusal(404, 'meeting_not_found', 'The meeting is gone');
    if (participant.state !== 'lobby') throw refusal(409, 'not_in_lobby', 'The participant is not in the lobby');
    if (instance.state !== 'inProgress') throw refusal(409, 'meeting_not_started', 'Nobody can be admitted before the meeting starts');
    admitParticipant(ctx, meeting, instance, participant);
    ctx.onChange();
    return sendJson(reply, participantView(ctx.state, participant));
  });

  app.post('/_emulator/meetings/:meetingId/end', async (request, reply) => {
    const ref = resolveMeetingId(ctx.state, paramOf(request, 'meetingId'));
    if (!ref) throw refusal(404, 'meeting_not_found', 'No such meeting');
    const instanceId = ref.kind === 'instance' ? ref.instance.id : ref.meeting.liveInstanceId;
    const instance = instanceId === undefined ? undefined : ctx.state.instances.get(instanceId);
    if (!instance || instance.state === 'ended') throw refusal(409, 'not_in_progress', 'The meeting is not in progress');
    endInstance(ctx, ref.meeting, instance, ctx.clock.now());
    return sendJson(reply, { meetingId: instance.id, state: ctx.state.instances.has(instance.id) ? instance.state : 'ended' });
  });
}

import type { EmulatorContext } from './context.js';
import { participantView } from './meeting-view.js';
import type { Meeting, Participant } from './state.js';

/** Builders of webhook events for meetings and what happens in them (docs/webex-contract.md §5.2). */

/** `data` may be a function so nothing is built when no webhook listens. */
export function emitMeetingEvent(
  ctx: EmulatorContext,
  event: string,
  meeting: Meeting,
  dataOrBuild: Record<string, unknown> | (() => Record<string, unknown>),
  actorId: string,
): void {
  if (!ctx.webhooks.wants('meetings', event)) return;
  const data = typeof dataOrBuild === 'function' ? dataOrBuild() : dataOrBuild;
  ctx.webhooks.emit({
    resource: 'meetings',
    event,
    orgId: meeting.orgId,
    actorId,
    data,
    filterFields: {
      id: data.id as string,
      meetingNumber: meeting.meetingNumber,
      meetingType: data.meetingType as string,
      state: data.state as string,
      hostEmail: data.hostEmail as string,
      hostUserId: meeting.hostUserId,
      siteUrl: meeting.siteUrl,
    },
    ownerPersonIds: [meeting.hostUserId, meeting.createdBy],
  });
}

export function emitParticipantEvent(ctx: EmulatorContext, event: 'joined' | 'left', meeting: Meeting, participant: Participant): void {
  if (!ctx.webhooks.wants('meetingParticipants', event)) return;
  const data: Record<string, unknown> = { ...participantView(ctx.state, participant), meetingSeriesId: meeting.id };
  ctx.webhooks.emit({
    resource: 'meetingParticipants',
    event,
    orgId: meeting.orgId,
    actorId: meeting.hostUserId,
    data,
    filterFields: {
      id: participant.id,
      meetingId: participant.instanceId,
      meetingSeriesId: meeting.id,
      state: participant.state,
      hostEmail: data.hostEmail as string | undefined,
      hostPersonId: meeting.hostUserId,
      siteUrl: meeting.siteUrl,
    },
    ownerPersonIds: [meeting.hostUserId, meeting.createdBy],
  });
}

export function emitMeetingArtifactEvent(
  ctx: EmulatorContext,
  resource: 'recordings' | 'meetingTranscripts',
  meeting: Meeting,
  data: Record<string, unknown>,
): void {
  ctx.webhooks.emit({
    resource,
    event: 'created',
    orgId: meeting.orgId,
    actorId: meeting.hostUserId,
    data,
    filterFields: {
      id: data.id as string,
      meetingId: data.meetingId as string,
      scheduledMeetingId: data.scheduledMeetingId as string,
      meetingSeriesId: meeting.id,
      hostEmail: ctx.state.people.get(meeting.hostUserId)?.emails[0],
      hostUserId: meeting.hostUserId,
      siteUrl: meeting.siteUrl,
    },
    ownerPersonIds: [meeting.hostUserId, meeting.createdBy],
  });
}

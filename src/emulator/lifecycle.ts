import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context.js';
import { refusal } from './errors.js';
import { emitMeetingArtifactEvent, emitMeetingEvent, emitParticipantEvent } from './events.js';
import { createHexId } from './ids.js';
import { decideJoin } from './join-decision.js';
import { instanceView, scheduledMeetingId } from './meeting-view.js';
import { effectiveMeeting } from './occurrence-overrides.js';
import { currentOccurrence, occurrenceAt } from './recurrence.js';
import type { Instance, JoinLink, Meeting, Participant, Recording, Transcript } from './state.js';
import { formatInZone } from './time-zone.js';

/**
 * Meetings come alive: opening a link joins, starts, waits in the lobby or is refused (join-decision.ts);
 * leaving and ending close the instance; a meeting with auto-record on leaves a recording and a transcript;
 * moving time makes scheduled meetings ready or missed. Every change sends its webhooks.
 */

export interface OpenedLink {
  participantId: string;
  meetingId: string;
  role: 'host' | 'attendee';
  state: 'joined';
}

/** Join links are `${pagesUrl}/join/<token>`; any URL whose last `/join/` segment is a known token works. */
export function findLinkByUrl(ctx: EmulatorContext, url: string): JoinLink | undefined {
  const match = /\/join\/([A-Za-z0-9_-]{8,200})(?:[/?#].*)?$/.exec(url);
  if (match?.[1]) return ctx.state.links.get(match[1]);
  return undefined;
}

export function openLink(ctx: EmulatorContext, link: JoinLink, displayNameOverride: string | undefined): OpenedLink {
  const { state } = ctx;
  const now = ctx.clock.now();
  const meeting = state.meetings.get(link.seriesId);
  if (!meeting) throw refusal(404, 'meeting_not_found', 'This meeting no longer exists (it was deleted).');
  settleMeeting(ctx, meeting, now);
  const site = state.sites.get(meeting.siteUrl);
  if (!site) throw refusal(404, 'meeting_not_found', 'The site of this meeting no longer exists.');
  const live = meeting.liveInstanceId ? state.instances.get(meeting.liveInstanceId) : undefined;
  const email = link.email;
  // The occurrence's own settings (an occurrence may differ from its series: occurrence-overrides.ts).
  const occurrence = effectiveMeeting(meeting, currentOccurrence(meeting).key);
  const decision = decideJoin({
    role: link.role,
    now,
    linkExpiresAt: link.expiresAt,
    invited: meeting.invitees.some((i) => i.email.toLowerCase() === email.toLowerCase()),
    meeting: {
      start: currentOccurrence(meeting).start,
      seriesState: meeting.state,
      occurrenceState: meeting.occurrenceState,
      enabledJoinBeforeHost: occurrence.enabledJoinBeforeHost,
      joinBeforeHostMinutes: occurrence.joinBeforeHostMinutes,
      unlockedMeetingJoinSecurity: occurrence.unlockedMeetingJoinSecurity,
    },
    site: {
      concurrentMeetings: site.concurrentMeetings,
      participantsPerMeeting: site.participantsPerMeeting,
      attendeesCanJoinWithoutHost: site.attendeesCanJoinWithoutHost,
      inProgress: state.inProgressCount(site.siteUrl),
    },
    ...(live && live.state !== 'ended' ? { instance: { state: live.state, hostJoined: live.hostJoined, people: live.joinedCount + live.lobbyCount } } : {}),
  });
  if (decision.kind === 'refuse') throw refusal(decision.status, decision.code, decision.message);

  const instance = live && live.state !== 'ended' ? live : createInstance(ctx, meeting, now);
  const participant: Participant = {
    id: `${instance.id}_${randomUUID()}`,
    instanceId: instance.id,
    seriesId: meeting.id,
    email,
    displayName: displayNameOverride ?? link.displayName,
    host: link.role === 'host',
    // Cohosts: an invitee marked coHost, anyone when allowAnyUserToBeCoHost, the first one in with allowFirstUserToBeCoHost.
    coHost:
      link.role !== 'host' &&
      (meeting.allowAnyUserToBeCoHost ||
        (meeting.allowFirstUserToBeCoHost && instance.joinedCount === 0) ||
        meeting.invitees.some((i) => i.coHost && i.email.toLowerCase() === email.toLowerCase())),
    invitee: meeting.invitees.some((i) => i.email.toLowerCase() === email.toLowerCase()),
    state: decision.kind === 'join' ? 'joined' : 'lobby',
    joinedAt: now,
  };
  state.participants.set(participant.id, participant);
  instance.participantIds.push(participant.id);

  if (decision.kind === 'lobby') {
    participant.lobbyReason = decision.reason;
    instance.lobbyCount += 1;
    // A series is inProgress also when someone waits in the lobby before the host (docs/webex-contract.md §1.1).
    meeting.state = 'inProgress';
    ctx.onChange();
    throw refusal(
      409,
      'lobby',
      decision.reason === 'waiting_for_host'
        ? 'You are in the lobby: the meeting starts when the host joins.'
        : 'You are in the lobby: the host will let you in.',
      { participantId: participant.id, meetingId: instance.id, reason: decision.reason },
    );
  }

  if (decision.startsMeeting) startInstance(ctx, meeting, instance, now);
  instance.joinedCount += 1;
  if (participant.host) {
    instance.hostJoined = true;
    meeting.hostDidJoin = true;
  } else {
    meeting.attendeeDidJoin = true;
  }
  emitParticipantEvent(ctx, 'joined', meeting, participant);
  admitWaiting(ctx, meeting, instance, now, participant.host);
  ctx.onChange();
  return { participantId: participant.id, meetingId: instance.id, role: link.role, state: 'joined' };
}

function createInstance(ctx: EmulatorContext, meeting: Meeting, now: number): Instance {
  const instance: Instance = {
    id: `${meeting.id}_I_${now}${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`,
    seriesId: meeting.id,
    scheduledMeetingId: scheduledMeetingId(meeting),
    orgId: meeting.orgId,
    siteUrl: meeting.siteUrl,
    state: 'lobby',
    created: now,
    participantIds: [],
    joinedCount: 0,
    lobbyCount: 0,
    hostJoined: false,
  };
  ctx.state.instances.set(instance.id, instance);
  meeting.liveInstanceId = instance.id;
  meeting.instanceIds.push(instance.id);
  return instance;
}

function startInstance(ctx: EmulatorContext, meeting: Meeting, instance: Instance, now: number): void {
  instance.state = 'inProgress';
  instance.startedAt = now;
  ctx.state.markInProgress(instance, true);
  meeting.state = 'inProgress';
  meeting.occurrenceState = 'ready';
  emitMeetingEvent(ctx, 'started', meeting, instanceView(ctx.state, meeting, instance, 'UTC'), meeting.hostUserId);
}

/** Once the meeting runs, people waiting for it to start come in; once the host is in, nobody waits for the host. */
function admitWaiting(ctx: EmulatorContext, meeting: Meeting, instance: Instance, now: number, _hostArrived: boolean): void {
  if (instance.state !== 'inProgress' || instance.lobbyCount === 0) return;
  for (const id of instance.participantIds) {
    const waiting = ctx.state.participants.get(id);
    if (!waiting || waiting.state !== 'lobby' || waiting.lobbyReason !== 'waiting_for_host') continue;
    // Someone who waited for the host but is not on the invite list still meets the unlocked-meeting rules.
    if (!waiting.invitee && meeting.unlockedMeetingJoinSecurity === 'allowJoinWithLobby') {
      waiting.lobbyReason = 'locked';
      continue;
    }
    if (!waiting.invitee && meeting.unlockedMeetingJoinSecurity === 'blockFromJoin') {
      leaveParticipant(ctx, waiting, now, false);
      continue;
    }
    admitParticipant(ctx, meeting, instance, waiting);
  }
}

export function admitParticipant(ctx: EmulatorContext, meeting: Meeting, instance: Instance, participant: Participant): void {
  if (participant.state !== 'lobby') return;
  participant.state = 'joined';
  delete participant.lobbyReason;
  instance.lobbyCount -= 1;
  instance.joinedCount += 1;
  if (!participant.host) meeting.attendeeDidJoin = true;
  emitParticipantEvent(ctx, 'joined', meeting, participant);
}

/** A person leaves; when nobody joined remains, the meeting ends (or, never started, disappears). */
export function leaveParticipant(ctx: EmulatorContext, participant: Participant, now: number, endWhenEmpty = true): void {
  if (participant.state === 'end') return;
  const meeting = ctx.state.meetings.get(participant.seriesId);
  const instance = ctx.state.instances.get(participant.instanceId);
  const wasJoined = participant.state === 'joined';
  participant.state = 'end';
  participant.leftAt = now;
  delete participant.lobbyReason;
  if (instance) {
    if (wasJoined) instance.joinedCount -= 1;
    else instance.lobbyCount -= 1;
  }
  if (meeting && wasJoined) emitParticipantEvent(ctx, 'left', meeting, participant);
  if (meeting && instance && endWhenEmpty && instance.state !== 'ended' && instance.joinedCount === 0) {
    if (instance.state === 'inProgress') endInstance(ctx, meeting, instance, now);
    else if (instance.lobbyCount === 0) discardInstance(ctx, meeting, instance);
  }
  ctx.onChange();
}

/** A lobby that never started and emptied leaves no trace, as if nobody had come. */
function discardInstance(ctx: EmulatorContext, meeting: Meeting, instance: Instance): void {
  for (const id of instance.participantIds) ctx.state.participants.delete(id);
  ctx.state.instances.delete(instance.id);
  meeting.instanceIds = meeting.instanceIds.filter((id) => id !== instance.id);
  if (meeting.liveInstanceId === instance.id) delete meeting.liveInstanceId;
  if (meeting.state === 'inProgress') meeting.state = 'active';
}

export function endInstance(ctx: EmulatorContext, meeting: Meeting, instance: Instance, now: number): void {
  if (instance.state === 'ended') return;
  if (instance.state === 'lobby') {
    for (const id of [...instance.participantIds]) {
      const p = ctx.state.participants.get(id);
      if (p) leaveParticipant(ctx, p, now, false);
    }
    discardInstance(ctx, meeting, instance);
    ctx.onChange();
    return;
  }
  for (const id of instance.participantIds) {
    const p = ctx.state.participants.get(id);
    if (p && p.state !== 'end') leaveParticipant(ctx, p, now, false);
  }
  instance.state = 'ended';
  instance.endedAt = now;
  ctx.state.markInProgress(instance, false);
  if (meeting.liveInstanceId === instance.id) delete meeting.liveInstanceId;
  const endedView = instanceView(ctx.state, meeting, instance, 'UTC');
  const autoRecord = effectiveMeeting(meeting, currentOccurrence(meeting).key).enabledAutoRecordMeeting;
  meeting.occurrenceState = 'ended';
  moveToNextOccurrence(ctx, meeting, 'ended');
  emitMeetingEvent(ctx, 'ended', meeting, endedView, meeting.hostUserId);
  if (autoRecord && instance.startedAt !== undefined) recordInstance(ctx, meeting, instance, now);
  settleMeeting(ctx, meeting, now);
  ctx.onChange();
}

function recordInstance(ctx: EmulatorContext, meeting: Meeting, instance: Instance, now: number): void {
  const startedAt = instance.startedAt ?? now;
  const durationSeconds = Math.max(1, Math.round((now - startedAt) / 1000));
  const recording: Recording = {
    id: createHexId(),
    instanceId: instance.id,
    seriesId: meeting.id,
    scheduledMeetingId: instance.scheduledMeetingId,
    orgId: meeting.orgId,
    hostUserId: meeting.hostUserId,
    siteUrl: meeting.siteUrl,
    topic: meeting.title,
    createTime: now,
    timeRecorded: startedAt,
    durationSeconds,
    sizeBytes: durationSeconds * 25_000,
    password: meeting.password,
    integrationTags: meeting.integrationTags,
  };
  ctx.state.recordings.set(recording.id, recording);
  const speakers = instance.participantIds
    .map((id) => ctx.state.participants.get(id))
    .filter((p): p is Participant => p !== undefined && p.joinedAt >= startedAt - 60_000);
  const transcript: Transcript = {
    id: createHexId(),
    instanceId: instance.id,
    seriesId: meeting.id,
    scheduledMeetingId: instance.scheduledMeetingId,
    orgId: meeting.orgId,
    hostUserId: meeting.hostUserId,
    siteUrl: meeting.siteUrl,
    meetingTopic: meeting.title,
    startTime: startedAt,
    lines: speakers.map((p, i) => ({ at: Math.max(0, p.joinedAt - startedAt) + i * 1000, speaker: p.displayName, text: `Hello, this is ${p.displayName}.` })),
  };
  ctx.state.transcripts.set(transcript.id, transcript);
  emitMeetingArtifactEvent(ctx, 'recordings', meeting, recordingView(ctx, recording));
  emitMeetingArtifactEvent(ctx, 'meetingTranscripts', meeting, transcriptView(ctx, transcript));
}

export function recordingView(ctx: EmulatorContext, recording: Recording, zone = 'UTC'): Record<string, unknown> {
  const site = recording.siteUrl;
  return {
    id: recording.id,
    meetingId: recording.instanceId,
    scheduledMeetingId: recording.scheduledMeetingId,
    meetingSeriesId: recording.seriesId,
    topic: recording.topic,
    createTime: formatInZone(recording.createTime, zone),
    timeRecorded: formatInZone(recording.timeRecorded, zone),
    siteUrl: site,
    downloadUrl: `https://${site}/recordingservice/sites/${site.split('.')[0]}/recording/download/${recording.id}`,
    playbackUrl: `https://${site}/recordingservice/sites/${site.split('.')[0]}/recording/playback/${recording.id}`,
    password: recording.password,
    format: 'MP4',
    serviceType: 'MeetingCenter',
    durationSeconds: recording.durationSeconds,
    sizeBytes: recording.sizeBytes,
    shareToMe: false,
    ...(recording.integrationTags.length > 0 ? { integrationTags: recording.integrationTags } : {}),
    status: 'available',
  };
}

export function transcriptView(ctx: EmulatorContext, transcript: Transcript, zone = 'UTC'): Record<string, unknown> {
  const base = `${ctx.urls.baseUrl}/meetingTranscripts/${transcript.id}/download`;
  return {
    id: transcript.id,
    siteUrl: transcript.siteUrl,
    startTime: formatInZone(transcript.startTime, zone),
    meetingTopic: transcript.meetingTopic,
    meetingId: transcript.instanceId,
    scheduledMeetingId: transcript.scheduledMeetingId,
    meetingSeriesId: transcript.seriesId,
    hostUserId: transcript.hostUserId,
    vttDownloadLink: `${base}?format=vtt`,
    txtDownloadLink: `${base}?format=txt`,
    status: 'available',
  };
}

/**
 * Time-driven states: a scheduled occurrence is `ready` from its join-before-host window (or its start), and
 * `missed` once its end passes without a start; the series then `expired`. Cheap enough to run on every read.
 */
export function settleMeeting(ctx: EmulatorContext, meeting: Meeting, now: number): void {
  // Bounded: a recurring series has at most 1000 occurrences.
  for (let guard = 0; guard <= 1000; guard += 1) {
    if (meeting.occurrenceState !== 'scheduled' && meeting.occurrenceState !== 'ready') return;
    const occurrence = currentOccurrence(meeting);
    const live = meeting.liveInstanceId === undefined ? undefined : ctx.state.instances.get(meeting.liveInstanceId);
    if (live?.state === 'lobby' && now >= occurrence.end) {
      // Nobody ever started it: the people still waiting are sent away and the occurrence is missed.
      endInstance(ctx, meeting, live, now);
    } else if (meeting.liveInstanceId !== undefined) {
      return;
    }
    if (now < occurrence.end) {
      const readyAt = occurrence.start - (meeting.enabledJoinBeforeHost ? meeting.joinBeforeHostMinutes : 0) * 60_000;
      if (meeting.occurrenceState === 'scheduled' && now >= readyAt) meeting.occurrenceState = 'ready';
      return;
    }
    meeting.occurrenceState = 'missed';
    moveToNextOccurrence(ctx, meeting, 'missed');
    ctx.onChange();
  }
}

/**
 * After an occurrence ended or was missed: a recurring series moves on to its next occurrence (series `active`
 * again); the last one leaves the series `expired`.
 */
function moveToNextOccurrence(ctx: EmulatorContext, meeting: Meeting, outcome: 'ended' | 'missed'): void {
  const index = meeting.occurrenceIndex ?? 0;
  const next = meeting.recurrence === undefined ? undefined : occurrenceAt(meeting, index + 1);
  if (!next) {
    meeting.state = 'expired';
    ctx.state.pendingSeries.delete(meeting.id);
    return;
  }
  (meeting.pastOccurrences ??= []).push({ start: currentOccurrence(meeting).key, state: outcome });
  meeting.occurrenceIndex = index + 1;
  meeting.occurrenceState = 'scheduled';
  meeting.state = 'active';
  meeting.hostDidJoin = false;
  meeting.attendeeDidJoin = false;
  ctx.state.pendingSeries.add(meeting.id);
}

/** Runs the time rules over every series still waiting for its occurrence (after a clock advance, and periodically). */
export function settleAll(ctx: EmulatorContext): void {
  const now = ctx.clock.now();
  for (const id of [...ctx.state.pendingSeries]) {
    const meeting = ctx.state.meetings.get(id);
    if (meeting) settleMeeting(ctx, meeting, now);
    else ctx.state.pendingSeries.delete(id);
  }
}

/**
 * Drops tokens and join links that expired more than a week ago (emulator time), so a long-running emulator does
 * not grow without bound; until then they answer 401 or `link_expired`, after that 401 or `link_unknown`.
 */
export function pruneExpired(ctx: EmulatorContext): void {
  const cutoff = ctx.clock.now() - 7 * 24 * 3600_000;
  let pruned = false;
  for (const [value, token] of ctx.state.tokens) {
    if (token.expiresAt < cutoff) {
      ctx.state.tokens.delete(value);
      pruned = true;
    }
  }
  for (const [key, link] of ctx.state.links) {
    if (link.expiresAt < cutoff) {
      ctx.state.links.delete(key);
      pruned = true;
    }
  }
  if (pruned) ctx.onChange();
}

/** For the debug overview and link inspection: the state a person would see for the meeting behind a link. */
export function visibleState(ctx: EmulatorContext, meeting: Meeting): string {
  const live = meeting.liveInstanceId ? ctx.state.instances.get(meeting.liveInstanceId) : undefined;
  if (live) return live.state;
  return meeting.occurrenceState;
}


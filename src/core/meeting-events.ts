import { z } from 'zod';
import type { Logger } from '../logger.js';
import { pendingEvents } from './events-out/pending-event.js';
import type { Participant } from './visits/participant.js';
import type { InboundWebhook } from './webhooks/webhook-envelope.js';
import type { Visit, VisitChanges } from './visits/visit.js';
import type { VisitDeps } from './visits/visit-deps.js';
import type { G2GEvents } from './visits/visit-events.js';

/** The part of a Webex webhook delivery (docs/webex-contract.md §5.2) these handlers read, as the inbox parsed it. */
export type MeetingEventEnvelope = Pick<InboundWebhook, 'resource' | 'event' | 'orgId' | 'data'>;

// Untrusted until parsed: only the fields we use, everything optional (the data set is UNCONFIRMED, docs/webex-contract.md §5.2).
const meetingData = z.looseObject({
  id: z.string(),
  meetingSeriesId: z.string().optional(),
  scheduledMeetingId: z.string().optional(),
  meetingType: z.string().optional(),
  state: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  roomId: z.string().optional(),
});

const participantData = z.looseObject({
  id: z.string(),
  meetingId: z.string().optional(),
  meetingSeriesId: z.string().optional(),
  displayName: z.string().optional(),
  email: z.string().optional(),
  joinedTime: z.string().optional(),
  leftTime: z.string().optional(),
});

export interface MeetingEvents {
  /** `meetings` created/updated/deleted/started/ended. */
  onMeeting(envelope: MeetingEventEnvelope): Promise<void>;
  /** `meetingParticipants` joined/left. */
  onParticipant(envelope: MeetingEventEnvelope): Promise<void>;
  /** Scheduled visits whose end passed without a start become `missed`. Returns how many moved. */
  sweepMissed(): Promise<number>;
}

type EventDeps = Pick<VisitDeps, 'visitStore' | 'meetingVisitStore' | 'seatStore' | 'clock' | 'events' | 'outbox'> & { log: Logger };

/** Webex's own grace after the scheduled end before g2g calls a visit missed (late starts still count). */
export const MISSED_GRACE_MS = 15 * 60_000;

type MoveEvent =
  | { type: 'visit.started'; payload: G2GEvents['visit.started'] }
  | { type: 'visit.ended'; payload: G2GEvents['visit.ended'] }
  | { type: 'visit.cancelled'; payload: G2GEvents['visit.cancelled'] }
  | { type: 'visit.missed'; payload: G2GEvents['visit.missed'] };

/** What a move of a visit to `to` tells the company's app, if anything. */
function moveEvent(visit: Visit, to: Visit['status'], at: number): MoveEvent | undefined {
  const base = { visitId: visit.id, tenantId: visit.tenantId, orgId: visit.orgId, externalId: visit.externalId, at };
  if (to === 'in_progress') return { type: 'visit.started', payload: { ...base, meetingId: visit.meetingId } };
  if (to === 'ended') return { type: 'visit.ended', payload: { ...base, meetingId: visit.meetingId } };
  if (to === 'cancelled') return { type: 'visit.cancelled', payload: { ...base, by: 'webex' } };
  if (to === 'missed') return { type: 'visit.missed', payload: base };
  return undefined;
}

/**
 * Moves visits through their lifecycle from Webex meeting and participant events, and records who joined
 * and left. Every move is a compare-and-set on the status, so a redelivered or out-of-order event is a no-op.
 */
export function createMeetingEvents(deps: EventDeps): MeetingEvents {
  const log = deps.log.child({ module: 'meeting-events' });

  async function move(visit: Visit, from: readonly string[], to: Visit['status'], set: VisitChanges, at: number): Promise<boolean> {
    // The event is built first: it is stored in the move's own transaction (docs/events.md §Delivery).
    const event = moveEvent(visit, to, at);
    const stored = event === undefined ? [] : pendingEvents(deps.outbox, event.type, event.payload);
    const moved = await deps.visitStore.update(visit.id, { ...set, status: to, updatedAt: deps.clock.now() }, from, stored);
    if (!moved) return false;
    if (event !== undefined) deps.events.emit(event.type, event.payload);
    log.info({ visitId: visit.id, status: to }, 'visit moved');
    return true;
  }

  return {
    async onMeeting(envelope) {
      const parsed = meetingData.safeParse(envelope.data);
      if (!parsed.success) {
        log.warn({ event: envelope.event }, 'meetings event without a meeting id ignored');
        return;
      }
      const data = parsed.data;
      const visit =
        (await findVisit(deps, [data.id, data.meetingSeriesId, seriesIdOf(data.id), data.scheduledMeetingId && seriesIdOf(data.scheduledMeetingId)])) ??
        (data.roomId !== undefined ? await deps.meetingVisitStore.findAdhocByRoom(data.roomId) : undefined);
      if (visit === undefined) return; // not a g2g meeting
      const now = deps.clock.now();
      const isInstance = data.meetingType === 'meeting' || data.id.includes('_I_');
      switch (envelope.event) {
        case 'started':
          // A restart (a new instance) reopens an ended visit; a late `started` of the instance that already ended
          // must not, or the meeting would count against the license until the sweep noticed.
          if (visit.status === 'ended' && isInstance && visit.meetingInstanceId === data.id) {
            log.info({ visitId: visit.id }, 'late meetings:started of an ended meeting ignored');
            return;
          }
          await move(visit, ['scheduled', 'missed', 'ended'], 'in_progress', {
            startedAt: now,
            endedAt: null,
            meetingState: 'inProgress',
            ...(isInstance ? { meetingInstanceId: data.id } : {}),
          }, now);
          return;
        case 'ended':
          // The `ended` of an earlier instance, delivered after a restart, must not end the running one.
          if (visit.status === 'in_progress' && isInstance && visit.meetingInstanceId !== null && visit.meetingInstanceId !== data.id) {
            log.info({ visitId: visit.id }, 'late meetings:ended of an earlier meeting instance ignored');
            return;
          }
          // Keeping the instance id lets a `started` of this same instance, delivered after it, be recognized as late.
          await move(visit, ['in_progress', 'scheduled'], 'ended', { endedAt: now, meetingState: 'ended', ...(isInstance ? { meetingInstanceId: data.id } : {}) }, now);
          return;
        case 'deleted':
          await move(visit, ['scheduled', 'missed'], 'cancelled', { meetingState: 'deleted' }, now);
          return;
        case 'updated':
        case 'created':
          if (data.state === 'missed') {
            await move(visit, ['scheduled'], 'missed', { meetingState: 'missed' }, now);
          } else if (!isInstance) {
            // Rescheduled in Webex itself (or by another g2g instance): keep the visit's times in step.
            const startAt = data.start === undefined ? Number.NaN : Date.parse(data.start);
            const endAt = data.end === undefined ? Number.NaN : Date.parse(data.end);
            const moved = visit.status === 'scheduled' && !Number.isNaN(startAt) && !Number.isNaN(endAt) && (startAt !== visit.startAt || endAt !== visit.endAt);
            const times = moved ? { startAt, endAt, durationMinutes: Math.round((endAt - startAt) / 60_000) } : {};
            if (!moved && (data.state === undefined || data.state === visit.meetingState)) return; // nothing new (e.g. our own create)
            await deps.visitStore.update(visit.id, { ...times, ...(data.state !== undefined ? { meetingState: data.state } : {}), updatedAt: now });
          }
          return;
        default:
          log.debug({ event: envelope.event }, 'meetings event ignored');
      }
    },

    async onParticipant(envelope) {
      const parsed = participantData.safeParse(envelope.data);
      if (!parsed.success) {
        log.warn({ event: envelope.event }, 'meetingParticipants event without an id ignored');
        return;
      }
      const data = parsed.data;
      const visit = await findVisit(deps, [data.meetingSeriesId, data.meetingId, data.meetingId && seriesIdOf(data.meetingId), seriesIdOf(data.id)]);
      if (visit === undefined) return;
      const seats = await deps.seatStore.list([visit.id]);
      const seat = matchSeat(seats, data);
      const now = deps.clock.now();
      if (envelope.event === 'joined') {
        // A join means the meeting runs, even if `meetings:started` is late or lost.
        await move(visit, ['scheduled', 'missed'], 'in_progress', {
          startedAt: now,
          meetingState: 'inProgress',
          ...(data.meetingId !== undefined ? { meetingInstanceId: data.meetingId } : {}),
        }, now);
      }
      if (seat === undefined) {
        log.info({ visitId: visit.id, event: envelope.event }, 'participant not matched to a seat');
        return;
      }
      const base = { visitId: visit.id, tenantId: visit.tenantId, orgId: visit.orgId, externalId: visit.externalId, participantId: seat.id, displayName: seat.displayName, role: seat.role };
      if (envelope.event === 'joined') {
        const at = parseTime(data.joinedTime) ?? now;
        await deps.seatStore.update(seat.id, { joinedAt: at, leftAt: null, webexParticipantId: data.id }, pendingEvents(deps.outbox, 'participant.joined', { ...base, at }));
        deps.events.emit('participant.joined', { ...base, at });
      } else if (envelope.event === 'left') {
        const at = parseTime(data.leftTime) ?? now;
        await deps.seatStore.update(seat.id, { leftAt: at, webexParticipantId: data.id }, pendingEvents(deps.outbox, 'participant.left', { ...base, at }));
        deps.events.emit('participant.left', { ...base, at });
      }
    },

    async sweepMissed() {
      const now = deps.clock.now();
      const overdue = await deps.meetingVisitStore.listOverdueScheduled(now - MISSED_GRACE_MS);
      let moved = 0;
      for (const visit of overdue) if (await move(visit, ['scheduled'], 'missed', { meetingState: 'missed' }, now)) moved += 1;
      return moved;
    },
  };
}

async function findVisit(deps: Pick<EventDeps, 'meetingVisitStore'>, ids: (string | undefined)[]): Promise<Visit | undefined> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const [visit] = await deps.meetingVisitStore.findByMeetingIds(wanted);
  return visit;
}

/** Instance `<series>_I_<n>`, scheduled `<series>_<date>`, participant `<meeting>_<uuid>`: all start with the series id. */
function seriesIdOf(id: string): string {
  const cut = id.indexOf('_');
  return cut < 0 ? id : id.slice(0, cut);
}

/** By Webex participant id (a rejoin), then e-mail (each seat has its own), then display name. */
function matchSeat(seats: Participant[], data: { id: string; email?: string | undefined; displayName?: string | undefined }): Participant | undefined {
  const byId = seats.find((s) => s.webexParticipantId === data.id);
  if (byId !== undefined) return byId;
  const email = data.email?.toLowerCase();
  if (email !== undefined) {
    const byEmail = seats.find((s) => s.joinEmail.toLowerCase() === email || s.email?.toLowerCase() === email);
    if (byEmail !== undefined) return byEmail;
  }
  if (data.displayName !== undefined) {
    const named = seats.filter((s) => s.displayName === data.displayName);
    return named.find((s) => s.joinedAt === null) ?? named[0];
  }
  return undefined;
}

function parseTime(value: string | undefined): number | undefined {
  if (value === undefined || value.startsWith('1970-')) return undefined; // Webex sends epoch 0 while a meeting runs
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

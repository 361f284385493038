import type { CreateMeetingBody, JoinBeforeHostMinutes } from '../../webex/index.js';
import { G2GError, type FieldProblem } from '../errors.js';
import type { SeatRole, VisitRequest } from './visit-request.js';

/** The create-meeting body g2g sends. */
export type PlannedMeetingBody = CreateMeetingBody & { start: string; end: string; integrationTags: string[] };

export interface PlannedSeat {
  id: string;
  position: number;
  displayName: string;
  email: string | undefined;
  /** The e-mail Webex sees: the given one or a synthetic, unique one (persistent guests replace it later). */
  joinEmail: string;
  role: SeatRole;
  externalId: string | undefined;
}

export interface VisitPlan {
  visitId: string;
  orgId: string;
  title: string;
  startAt: number;
  endAt: number;
  durationMinutes: number;
  hostless: boolean;
  space: boolean;
  adhoc: boolean;
  persistentGuests: boolean;
  externalId: string | undefined;
  seats: PlannedSeat[];
  /** Without `roomId`: scheduleVisit adds it once the space exists. */
  meeting: PlannedMeetingBody;
}

export interface PlanContext {
  visitId: string;
  orgId: string;
  siteUrl: string;
  now: number;
  joinBeforeHostMinutes: JoinBeforeHostMinutes;
  newSeatId: () => string;
}

export const DEFAULT_DURATION_MINUTES = 30;
/** A start this far in the past is taken as "now" (clock skew, a request typed a minute ago); older is refused. */
const PAST_START_TOLERANCE_MS = 120_000;

/**
 * Pure decision: what g2g will ask Webex for and which seats it will store. No I/O, so every rule is tested
 * without Webex or a database. Throws `validation_failed` naming each field that breaks a rule zod cannot see.
 */
export function planVisit(request: VisitRequest, ctx: PlanContext): VisitPlan {
  const problems: FieldProblem[] = [];
  const parsedStart = request.start === undefined ? ctx.now : Date.parse(request.start);
  if (parsedStart < ctx.now - PAST_START_TOLERANCE_MS) {
    problems.push({ field: 'start', message: 'must not be in the past (Webex refuses past meetings)' });
  }
  const adhoc = request.adhoc ?? false;
  const space = (request.space ?? false) || adhoc;
  const hasHost = request.participants.some((p) => p.role === 'host');
  const hostless = request.hostless ?? !hasHost;
  if (!hostless && !hasHost) {
    problems.push({ field: 'participants', message: 'a visit that is not hostless needs a participant with role host' });
  }
  const seenEmails = new Map<string, number>();
  request.participants.forEach((p, i) => {
    if (p.email === undefined) return;
    const key = p.email.toLowerCase();
    const first = seenEmails.get(key);
    if (first !== undefined) {
      problems.push({ field: `participants.${i}.email`, message: `same e-mail as participants.${first}: each seat needs its own` });
    } else {
      seenEmails.set(key, i);
    }
  });
  if (problems.length > 0) {
    throw new G2GError({ code: 'validation_failed', status: 400, message: 'the visit request is invalid', fields: problems });
  }

  // Webex truncates times to the minute and rounds a start inside the current minute up to the next one:
  // do the same first, so the duration the caller asked for is the one Webex schedules.
  const startAt = alignToWebexMinute(Math.max(parsedStart, ctx.now), ctx.now);
  const durationMinutes = request.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const endAt = startAt + durationMinutes * 60_000;
  const seats: PlannedSeat[] = request.participants.map((p, position) => {
    const id = ctx.newSeatId();
    return {
      id,
      position,
      displayName: p.displayName,
      email: p.email,
      joinEmail: p.email ?? syntheticEmail(id),
      role: p.role ?? 'guest',
      externalId: p.externalId,
    };
  });

  // integrationTags are only visible to our own client and filterable: our way back from an unknown outcome.
  const meeting: PlannedMeetingBody = adhoc
    ? // Webex forces an ad-hoc meeting's times (now + 5 .. + 20 min); start and end are sent only because the body needs them.
      { title: request.title, adhoc: true, start: new Date(startAt).toISOString(), end: new Date(endAt).toISOString(), sendEmail: false, integrationTags: [ctx.visitId] }
    : {
        title: request.title,
        start: new Date(startAt).toISOString(),
        end: new Date(endAt).toISOString(),
        timezone: 'UTC',
        siteUrl: ctx.siteUrl,
        // Guests have synthetic or borrowed e-mails: Webex must never mail them.
        sendEmail: false,
        integrationTags: [ctx.visitId],
        // Guests are not invitees: without allowJoin an unlocked meeting parks or blocks them.
        unlockedMeetingJoinSecurity: 'allowJoin',
        ...(hostless
          ? { enabledJoinBeforeHost: true, joinBeforeHostMinutes: ctx.joinBeforeHostMinutes, enableConnectAudioBeforeHost: true }
          : { enabledJoinBeforeHost: false }),
      };
  // Webex records from the start and makes a recording and a transcript when the meeting ends (docs/webex-contract.md §8).
  if (request.record === true) meeting.enabledAutoRecordMeeting = true;
  // Cohosts must be invitees with coHost: Webex keys invitees by e-mail, so each needs its own (synthetic if absent).
  const cohosts = seats.filter((s) => s.role === 'cohost');
  if (cohosts.length > 0 && !adhoc) {
    meeting.invitees = cohosts.map((s) => ({ email: s.joinEmail, displayName: s.displayName, coHost: true }));
  }

  return {
    visitId: ctx.visitId,
    orgId: ctx.orgId,
    title: request.title,
    startAt,
    endAt,
    durationMinutes,
    hostless,
    space,
    adhoc,
    persistentGuests: request.persistentGuests ?? false,
    externalId: request.externalId,
    seats,
    meeting,
  };
}

/**
 * A unique, undeliverable address (RFC 2606 `.invalid`): Webex needs an e-mail to put a name on a join link and to
 * make an invitee a cohost, and a per-seat address lets g2g match participant events back to the seat.
 */
export function syntheticEmail(seatId: string): string {
  return `${seatId.toLowerCase()}@guests.g2g.invalid`;
}

/** Webex's minute rules for a start: inside the current minute -> the next minute; later -> truncated. */
export function alignToWebexMinute(startAt: number, now: number): number {
  const minute = 60_000;
  const floor = Math.floor(startAt / minute) * minute;
  // A start inside the current minute moves to the next minute; later starts are truncated.
  return floor <= Math.floor(now / minute) * minute ? floor + minute : floor;
}

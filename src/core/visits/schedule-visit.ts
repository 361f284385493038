import pLimit from 'p-limit';
import { createJoinNonce, deriveJoinCode, hashJoinCode } from '../broker/join-code.js';
import { capacityWarning } from '../capacity.js';
import { G2GError } from '../errors.js';
import { planVisit, type PlannedSeat, type VisitPlan } from './plan-visit.js';
import { guestSubject } from './guest-subject.js';
import { requestHash } from './request-hash.js';
import { resolveOrgId } from './resolve-org.js';
import type { VisitDeps, VisitTenant, VisitWebex, WebexMeetingLike } from './visit-deps.js';
import { newSeatId, newVisitId } from './visit-ids.js';
import type { NewParticipant } from './participant.js';
import type { Visit, VisitChanges } from './visit.js';
import type { NewVisitLink } from './visit-link.js';
import type { VisitRequest } from './visit-request.js';
import { isWebexApiError } from '../../webex/index.js';
import { isOutcomeUnknown, webexStatus } from './webex-error-code.js';
import { findTaggedMeeting, settleReservation } from './settle-reservation.js';
import { loadVisitView } from './load-visit-view.js';
import { toVisitView, type VisitView } from './visit-view.js';
import { describeError } from '../describe-error.js';
import { pendingEvents } from '../events-out/pending-event.js';
import type { G2GEvents } from './visit-events.js';

export interface ScheduleVisitOptions {
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface ScheduleVisitResult {
  visit: VisitView;
  /** False when an earlier request with the same key or externalId already made this visit. */
  created: boolean;
}

/** A reservation older than this belongs to a request that has finished one way or another (Webex calls time out). */
export const RETRY_SETTLES_AFTER_MS = 2 * 60_000;

/** What a retry of a request Webex could not settle is told to wait (the sweep or Webex may settle it meanwhile). */
const RETRY_UNSETTLED_AFTER_MS = 30_000;

/**
 * What a retry of a request still `creating` is told to wait: a moment while that request may well be running (a
 * create takes a second or two), then until a retry may settle it (RETRY_SETTLES_AFTER_MS: its request died with an
 * instance), at most 30 s at a time, so a client that honours Retry-After neither hammers nor waits needlessly.
 */
export function retryCreatingAfterMs(ageMs: number): number {
  if (ageMs < 15_000) return 1000;
  return Math.min(30_000, Math.max(1000, RETRY_SETTLES_AFTER_MS - ageMs + 1000));
}

/** Webex calls fanned out per seat (guests, space memberships) run at most this many at once. */
const SEAT_CONCURRENCY = 8;

/**
 * Schedules a visit: reserve (unique key) -> Webex -> finish in one transaction. Exactly one Webex call in the
 * plain case (create meeting); join links are minted at click time. Any failure removes what was made in Webex
 * and the reservation, so there is never an orphan meeting nor a half visit.
 */
export async function scheduleVisit(deps: VisitDeps, tenant: VisitTenant, request: VisitRequest, opts: ScheduleVisitOptions = {}): Promise<ScheduleVisitResult> {
  const orgId = resolveOrgId(tenant, request.orgId);
  const hash = requestHash({ ...request, orgId });
  const keys = { idempotencyKey: opts.idempotencyKey, externalId: request.externalId };

  let earlier = await deps.reservationStore.findByKey(tenant.id, keys);
  if (earlier !== undefined && earlier.status === 'creating' && earlier.requestHash === hash && deps.clock.now() - earlier.createdAt > RETRY_SETTLES_AFTER_MS) {
    // A retry of a request whose outcome stayed unknown: its own call is long over, so settle it now
    // (delete any meeting it made) and schedule afresh, instead of making the caller wait for the sweep.
    // While Webex cannot be asked, the outcome stays unknown: the caller waits, as for a request still running.
    try {
      await settleReservation(deps, earlier);
    } catch (error) {
      deps.log.warn({ visitId: earlier.id, err: describeError(error) }, 'retry of an unknown outcome: Webex cannot be asked yet');
      throw new G2GError({ code: 'conflict', status: 409, message: 'the outcome of an earlier request with this key is not known yet; retry later', retryAfterMs: RETRY_UNSETTLED_AFTER_MS, cause: error });
    }
    earlier = await deps.reservationStore.findByKey(tenant.id, keys);
  }
  if (earlier !== undefined) return replay(deps, earlier, hash, keys);

  const org = await deps.orgs.requireReady(orgId);
  if (!org.siteUrl) {
    throw new G2GError({ code: 'org_not_ready', status: 409, message: `org ${orgId} has no guest-to-guest site yet: re-authorize the Service App for its site` });
  }
  const now = deps.clock.now();
  const visitId = newVisitId();
  const plan = planVisit(request, {
    visitId,
    orgId,
    siteUrl: org.siteUrl,
    now,
    joinBeforeHostMinutes: deps.joinBeforeHostMinutes,
    newSeatId,
  });
  const { licensed, warning: capacityWarning } = await forecastCapacity(deps, plan);

  const reservation: Visit = {
    id: visitId,
    tenantId: tenant.id,
    orgId,
    status: 'creating',
    title: plan.title,
    startAt: plan.startAt,
    endAt: plan.endAt,
    durationMinutes: plan.durationMinutes,
    hostless: plan.hostless,
    space: plan.space,
    adhoc: plan.adhoc,
    persistentGuests: plan.persistentGuests,
    externalId: plan.externalId ?? null,
    idempotencyKey: opts.idempotencyKey ?? null,
    requestHash: hash,
    siteUrl: org.siteUrl,
    capacityWarning,
    createdAt: now,
    updatedAt: now,
    meetingId: null,
    meetingInstanceId: null,
    meetingNumber: null,
    webLink: null,
    meetingState: null,
    roomId: null,
    startedAt: null,
    endedAt: null,
    startHoldUntil: null,
  };
  const reserved = await deps.reservationStore.reserve(reservation);
  if (!reserved) {
    // Lost a race with the same key: answer as a replay of the winner.
    const winner = await deps.reservationStore.findByKey(tenant.id, keys);
    if (winner !== undefined) return replay(deps, winner, hash, keys);
    throw new G2GError({ code: 'conflict', status: 409, message: 'the visit could not be reserved; retry the request' });
  }

  const webex = deps.webexForOrg(orgId);
  const made: MadeInWebex = {};
  const guestTokens = new Map<string, { accessToken: string; expiresIn: number }>();
  // Webex guest id per seat id, when persistentGuests made one.
  const guestIds = new Map<string, string>();
  let meeting: WebexMeetingLike;
  let finished: { visit: Visit; seats: NewParticipant[]; links: NewVisitLink[] };
  let finishedEvent: G2GEvents['visit.scheduled'] | undefined;
  try {
    if (plan.persistentGuests) await createGuests(deps, webex, tenant, plan, { tokens: guestTokens, ids: guestIds }, opts.signal);
    if (plan.space) {
      const room = await webex.rooms.create({ title: plan.title }, signalOpt(opts.signal));
      made.roomId = room.id;
      // On the reservation at once: a rollback that fails, or a crash, leaves the space for the sweep to delete.
      await deps.visitStore.update(visitId, { roomId: room.id, updatedAt: deps.clock.now() });
      await addMembers(webex, room.id, plan.seats, guestIds, opts.signal);
    }
    const body = made.roomId === undefined ? plan.meeting : { ...plan.meeting, roomId: made.roomId };
    meeting = await createMeetingOnce(webex, body, plan, made, opts.signal);
    if (!plan.adhoc) made.meetingId = meeting.id;

    const finishedAt = deps.clock.now();
    const seats: NewParticipant[] = plan.seats.map((s) => ({
      id: s.id,
      visitId,
      position: s.position,
      displayName: s.displayName,
      email: s.email ?? null,
      joinEmail: s.joinEmail,
      role: s.role,
      externalId: s.externalId ?? null,
      guestId: guestIds.get(s.id) ?? null,
      createdAt: finishedAt,
    }));
    const links = plan.seats.map((s) => newLink(deps, visitId, s.id, finishedAt));
    const completion = {
      status: 'scheduled',
      // Webex truncates to the minute and rounds a start inside the current minute up: keep its times.
      startAt: parseTime(meeting.start) ?? plan.startAt,
      endAt: parseTime(meeting.end) ?? plan.endAt,
      // Ad-hoc meeting ids must not be persisted (docs/webex-contract.md §1.1): the room is the handle.
      meetingId: plan.adhoc ? null : meeting.id,
      meetingNumber: plan.adhoc ? null : (meeting.meetingNumber ?? null),
      webLink: plan.adhoc ? null : (meeting.webLink ?? null),
      siteUrl: meeting.siteUrl ?? org.siteUrl,
      meetingState: meeting.state ?? null,
      roomId: made.roomId ?? null,
      updatedAt: finishedAt,
    } satisfies VisitChanges;
    // Before the write: Webex may deliver the meetings:created echo of this meeting before it completes.
    if (completion.meetingId !== null) deps.ownMeetingEchoes?.remember({ meetingId: completion.meetingId, startAt: completion.startAt, endAt: completion.endAt, state: completion.meetingState });
    const scheduledEvent = {
      visitId,
      tenantId: tenant.id,
      orgId,
      externalId: reservation.externalId,
      at: finishedAt,
      start: new Date(completion.startAt).toISOString(),
      end: new Date(completion.endAt).toISOString(),
      meetingId: completion.meetingId,
    };
    const completed = await deps.reservationStore.complete(visitId, completion, seats, links, pendingEvents(deps.outbox, 'visit.scheduled', scheduledEvent));
    finishedEvent = scheduledEvent;
    finished = { visit: { ...reservation, ...completion }, seats, links };
    if (!completed) throw new G2GError({ code: 'conflict', status: 409, message: 'the visit reservation expired while Webex answered; retry the request' });
  } catch (error) {
    await compensate(deps, webex, visitId, made, error);
    throw error;
  }

  // The answer is built from what was just written (no read-back): the hot path stays one Webex call and a few writes.
  const view = toVisitView(
    finished.visit,
    finished.seats.map((p) => ({ ...p, joinedAt: null, leftAt: null })),
    finished.links.map((l) => ({ ...l, revokedAt: null })),
    deps,
  );
  const inProgress = await deps.capacityStore.countInProgress(orgId);
  view.capacity = licensed === undefined ? { inProgress } : { licensed, inProgress };
  if (finishedEvent !== undefined) deps.events.emit('visit.scheduled', finishedEvent);
  deps.log.info({ visitId, orgId, meetingId: view.meeting.id, seats: plan.seats.length }, 'visit scheduled');
  if (plan.adhoc) view.meeting = { ...view.meeting, id: meeting.id, meetingNumber: meeting.meetingNumber ?? null, webLink: meeting.webLink ?? null };
  for (const p of view.participants) {
    const token = guestTokens.get(p.id);
    if (token !== undefined) p.guestToken = token;
  }
  return { visit: view, created: true };
}

async function replay(
  deps: VisitDeps,
  earlier: Visit,
  hash: string,
  keys: { idempotencyKey?: string | undefined; externalId?: string | undefined },
): Promise<ScheduleVisitResult> {
  if (earlier.requestHash !== hash) {
    const which = keys.idempotencyKey !== undefined && earlier.idempotencyKey === keys.idempotencyKey ? 'Idempotency-Key' : 'externalId';
    throw new G2GError({
      code: 'idempotency_conflict',
      status: 409,
      message: `a visit with this ${which} already exists with a different request body; use a new ${which} for a new visit`,
    });
  }
  if (earlier.status === 'creating') {
    throw new G2GError({ code: 'conflict', status: 409, message: 'a request with this key is still being processed; retry in a moment', retryAfterMs: retryCreatingAfterMs(deps.clock.now() - earlier.createdAt) });
  }
  return { visit: await loadVisitView(deps, earlier.tenantId, earlier.id), created: false };
}

/**
 * Creates the meeting. When the outcome is unknown (timeout after sending), the integrationTag tells us
 * whether Webex made it: adopt it instead of creating a second one.
 */
async function createMeetingOnce(webex: VisitWebex, body: VisitPlan['meeting'], plan: VisitPlan, made: MadeInWebex, signal: AbortSignal | undefined): Promise<WebexMeetingLike> {
  try {
    return await webex.meetings.create(body, signalOpt(signal));
  } catch (error) {
    if (!isOutcomeUnknown(error) || plan.adhoc) throw error;
    let found: WebexMeetingLike | undefined;
    try {
      found = await findTaggedMeeting(webex, plan.visitId, plan.startAt, plan.endAt);
    } catch (lookupError) {
      // Webex may hold the meeting and cannot say which: the outcome stays unknown until the sweep (or a retry) settles it.
      made.meetingOutcomeUnknown = true;
      throw new G2GError({
        code: 'webex_outcome_unknown',
        status: 502,
        message: "Webex's answer to creating the meeting was lost and Webex could not be asked whether it made it: retry with the same Idempotency-Key later",
        ...(isWebexApiError(error) && error.trackingId !== undefined ? { trackingId: error.trackingId } : {}),
        cause: lookupError,
      });
    }
    if (found !== undefined) return found;
    // No answer at all: Webex may still be working on it, so a miss proves nothing yet. An answered 5xx is
    // different: Webex finished, and the look-up showed that no meeting exists.
    if (webexStatus(error) === 0) made.meetingOutcomeUnknown = true;
    throw error;
  }
}

/** What this request made in Webex so far, for the rollback. */
interface MadeInWebex {
  meetingId?: string;
  roomId?: string;
  /** The create's answer was lost and the look-up by tag could not settle it: the sweep must. */
  meetingOutcomeUnknown?: boolean;
}

async function compensate(deps: VisitDeps, webex: VisitWebex, visitId: string, made: MadeInWebex, cause: unknown): Promise<void> {
  const log = deps.log.child({ visitId });
  let orphanLeft = false;
  if (made.meetingId !== undefined) {
    try {
      await webex.meetings.delete(made.meetingId, { sendEmail: false });
      log.warn({ meetingId: made.meetingId, err: cause }, 'visit failed part way: Webex meeting deleted');
    } catch (error) {
      orphanLeft = true;
      log.error({ meetingId: made.meetingId, err: describeError(error) }, 'visit failed part way and its Webex meeting could not be deleted: the reservation stays for the sweep');
    }
  } else if (made.meetingOutcomeUnknown === true) {
    // Keep the (invisible) reservation, outcome unknown; the sweep looks the meeting up by tag later and deletes it.
    orphanLeft = true;
    log.warn({ err: describeError(cause) }, 'meeting creation outcome unknown: reservation kept for the sweep');
  }
  if (made.roomId !== undefined) {
    try {
      await webex.rooms.delete(made.roomId);
    } catch (error) {
      // The reservation holds the room id: the sweep deletes the space later.
      orphanLeft = true;
      log.warn({ roomId: made.roomId, err: describeError(error) }, 'visit failed part way and its space could not be deleted: the reservation stays for the sweep');
    }
  }
  if (!orphanLeft) await deps.reservationStore.remove(visitId);
}

async function createGuests(
  deps: VisitDeps,
  webex: VisitWebex,
  tenant: VisitTenant,
  plan: VisitPlan,
  found: { tokens: Map<string, { accessToken: string; expiresIn: number }>; ids: Map<string, string> },
  signal: AbortSignal | undefined,
): Promise<void> {
  const limit = pLimit(SEAT_CONCURRENCY);
  await Promise.all(
    plan.seats.map((seat) =>
      limit(async () => {
        // A seat that names no person still gets a guest, under a one-off subject.
        const subject = guestSubject(tenant.id, seat) ?? `g2g-seat-${seat.id}`;
        const guest = await webex.guests.createToken({ subject, displayName: seat.displayName }, signalOpt(signal));
        seat.joinEmail = guest.email;
        found.ids.set(seat.id, guest.id);
        found.tokens.set(seat.id, { accessToken: guest.accessToken, expiresIn: guest.expiresIn });
        await deps.guestStore.save({ orgId: plan.orgId, subject, guestId: guest.id, email: guest.email, displayName: seat.displayName }, deps.clock.now());
      }),
    ),
  );
}

async function addMembers(webex: VisitWebex, roomId: string, seats: PlannedSeat[], guestIds: Map<string, string>, signal: AbortSignal | undefined): Promise<void> {
  const limit = pLimit(SEAT_CONCURRENCY);
  await Promise.all(
    seats.map((seat) =>
      limit(async () => {
        const guestId = guestIds.get(seat.id);
        // Synthetic addresses are not people: only guests and real e-mails become members.
        if (guestId !== undefined) await webex.memberships.create({ roomId, personId: guestId }, signalOpt(signal));
        else if (seat.email !== undefined) await webex.memberships.create({ roomId, personEmail: seat.email }, signalOpt(signal));
      }),
    ),
  );
}

/** A fresh link (new nonce under the current key). The code never touches the database. */
export function newLink(deps: Pick<VisitDeps, 'joinCodeKeys'>, visitId: string, participantId: string, now: number): NewVisitLink {
  const key = deps.joinCodeKeys[0];
  if (key === undefined) throw new G2GError({ code: 'config_invalid', status: 500, message: 'no encryption key configured for join codes' });
  const nonce = createJoinNonce();
  return { codeHash: hashJoinCode(deriveJoinCode(key, nonce)), participantId, visitId, nonce, keyId: key.id, createdAt: now };
}

/** Licenses count meetings in progress at once; a schedule may exceed it (not all start), so it only warns. */
async function forecastCapacity(deps: VisitDeps, plan: VisitPlan): Promise<{ licensed: number | undefined; warning: string | null }> {
  const licensed = await deps.capacityStore.findLicensed(plan.orgId);
  if (licensed === undefined) return { licensed, warning: null };
  return { licensed, warning: capacityWarning(licensed, await deps.capacityStore.countOverlapping(plan.orgId, plan.startAt, plan.endAt, plan.visitId)) };
}

function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function signalOpt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

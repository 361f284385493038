import { pendingEvents } from '../events-out/pending-event.js';
import { G2GError } from '../errors.js';
import { guestSubject } from './guest-subject.js';
import { loadVisitView } from './load-visit-view.js';
import { alignToWebexMinute, syntheticEmail } from './plan-visit.js';
import { newLink, scheduleVisit, type ScheduleVisitOptions, type ScheduleVisitResult } from './schedule-visit.js';
import type { Visit } from './visit.js';
import type { VisitDeps, VisitTenant } from './visit-deps.js';
import { newSeatId } from './visit-ids.js';
import { MAX_PARTICIPANTS, type ParticipantRequest, type VisitPatch, type VisitRequest, type VisitStatus } from './visit-request.js';
import { downloadVisitTranscript, listVisitRecordings, type RecordingView, type TranscriptFormat } from './visit-media.js';
import { toVisitView, type ParticipantView, type VisitView } from './visit-view.js';
import { webexErrorCode } from './webex-error-code.js';

export interface VisitListQuery {
  status?: VisitStatus | undefined;
  externalId?: string | undefined;
  orgId?: string | undefined;
  /** ISO 8601: visits starting at or after. */
  from?: string | undefined;
  /** ISO 8601: visits starting before. */
  to?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface VisitPage {
  items: VisitView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface OrgCapacity {
  orgId: string;
  /** The org's concurrent-meeting license as g2g was told; null when unknown (then nobody is held back). */
  licensed: number | null;
  /** Meetings of the org in progress, counted by meeting from Webex events. */
  inProgress: number;
  /** Clicks the governor let through to start a meeting in the last minute, whose start is not seen yet. */
  starting: number;
  /** Licenses free for a new start (`licensed - inProgress - starting`, at least 0); null when the license is unknown. */
  available: number | null;
}

/** Every visit operation, for the HTTP routes and for in-process use through createG2G. */
export interface Visits {
  schedule(tenant: VisitTenant, request: VisitRequest, opts?: ScheduleVisitOptions): Promise<ScheduleVisitResult>;
  get(tenant: VisitTenant, visitId: string): Promise<VisitView>;
  list(tenant: VisitTenant, query?: VisitListQuery): Promise<VisitPage>;
  reschedule(tenant: VisitTenant, visitId: string, patch: VisitPatch): Promise<VisitView>;
  cancel(tenant: VisitTenant, visitId: string): Promise<VisitView>;
  addParticipant(tenant: VisitTenant, visitId: string, participant: ParticipantRequest): Promise<ParticipantView>;
  /** A new code for the seat; the old one stops working at once. */
  reissueLink(tenant: VisitTenant, visitId: string, participantId: string): Promise<ParticipantView>;
  revokeLink(tenant: VisitTenant, visitId: string, participantId: string): Promise<ParticipantView>;
  capacity(tenant: VisitTenant, orgId: string): Promise<OrgCapacity>;
  /** Records the org's concurrent-meeting license (Webex has no API for it); used for capacity warnings. 404 unless the tenant holds the org. */
  setLicensedCapacity(tenant: VisitTenant, orgId: string, licensed: number): Promise<void>;
  /** The visit's recordings with current links, read from Webex at call time (links are never stored). */
  recordings(tenant: VisitTenant, visitId: string): Promise<RecordingView[]>;
  /** The visit's latest transcript text from Webex; 404 when there is none yet. */
  transcript(tenant: VisitTenant, visitId: string, format: TranscriptFormat): Promise<string>;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
const EDITABLE: readonly string[] = ['scheduled', 'missed'];

export function createVisits(deps: VisitDeps): Visits {
  const log = deps.log.child({ module: 'visits' });

  async function requireVisit(tenant: VisitTenant, visitId: string): Promise<Visit> {
    const visit = await deps.visitStore.find(tenant.id, visitId);
    if (visit === undefined || visit.status === 'creating') throw new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} not found` });
    return visit;
  }

  /** Changes need a usable org: a deauthorized one refuses them all alike (409 `org_*`), not only those calling Webex. */
  async function requireChangeable(tenant: VisitTenant, visitId: string): Promise<Visit> {
    const visit = await requireVisit(tenant, visitId);
    await deps.orgs.requireReady(visit.orgId);
    return visit;
  }

  async function seatView(tenant: VisitTenant, visitId: string, participantId: string): Promise<ParticipantView> {
    const view = await loadVisitView(deps, tenant.id, visitId);
    const seat = view.participants.find((p) => p.id === participantId);
    if (seat === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `participant ${participantId} not found in visit ${visitId}` });
    return seat;
  }

  async function requireSeat(tenant: VisitTenant, visitId: string, participantId: string, opts: { allowUnusableOrg?: boolean } = {}): Promise<Visit> {
    const visit = opts.allowUnusableOrg === true ? await requireVisit(tenant, visitId) : await requireChangeable(tenant, visitId);
    const seats = await deps.seatStore.list([visitId]);
    if (!seats.some((s) => s.id === participantId)) throw new G2GError({ code: 'not_found', status: 404, message: `participant ${participantId} not found in visit ${visitId}` });
    return visit;
  }

  return {
    schedule: (tenant, request, opts) => scheduleVisit(deps, tenant, request, opts),

    get: (tenant, visitId) => loadVisitView(deps, tenant.id, visitId),

    recordings: (tenant, visitId) => listVisitRecordings(deps, tenant, visitId),

    transcript: (tenant, visitId, format) => downloadVisitTranscript(deps, tenant, visitId, format),

    async list(tenant, query = {}) {
      if (query.orgId !== undefined && !tenant.orgIds.includes(query.orgId)) return { items: [], nextCursor: null };
      return listVisitPage(deps, tenant.id, query);
    },

    async reschedule(tenant, visitId, patch) {
      const visit = await requireChangeable(tenant, visitId);
      if (visit.adhoc) throw new G2GError({ code: 'conflict', status: 409, message: 'ad-hoc visits cannot be rescheduled (Webex refuses updates of ad-hoc meetings)' });
      if (!EDITABLE.includes(visit.status)) {
        throw new G2GError({ code: 'conflict', status: 409, message: `visit is ${visit.status}: only a scheduled visit can be rescheduled` });
      }
      const now = deps.clock.now();
      const startAt = patch.start === undefined ? visit.startAt : Date.parse(patch.start);
      if (patch.start !== undefined && startAt < now - 120_000) {
        throw new G2GError({ code: 'validation_failed', status: 400, message: 'the change is invalid', fields: [{ field: 'start', message: 'must not be in the past' }] });
      }
      const minutes = patch.durationMinutes ?? visit.durationMinutes;
      const effectiveStart = patch.start === undefined && visit.startAt > now ? visit.startAt : alignToWebexMinute(Math.max(startAt, now), now);
      const body: { title?: string; start?: string; end?: string } = {};
      if (patch.title !== undefined) body.title = patch.title;
      if (patch.start !== undefined || patch.durationMinutes !== undefined) {
        body.start = new Date(effectiveStart).toISOString();
        body.end = new Date(effectiveStart + minutes * 60_000).toISOString();
      }
      const meetingId = visit.meetingId;
      if (meetingId === null) throw new G2GError({ code: 'conflict', status: 409, message: 'visit has no Webex meeting to reschedule' });
      // Webex answers 409 "Meeting is in progress" if it started meanwhile: the error handler passes that on.
      const meeting = await deps.webexForOrg(visit.orgId).meetings.patch(meetingId, body);
      const startMs = meeting.start === undefined ? Number.NaN : Date.parse(meeting.start);
      const endMs = meeting.end === undefined ? Number.NaN : Date.parse(meeting.end);
      await deps.visitStore.update(visitId, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(body.start !== undefined
          ? {
              startAt: Number.isNaN(startMs) ? effectiveStart : startMs,
              endAt: Number.isNaN(endMs) ? effectiveStart + minutes * 60_000 : endMs,
              durationMinutes: minutes,
              status: 'scheduled',
            }
          : {}),
        meetingState: meeting.state ?? visit.meetingState,
        updatedAt: deps.clock.now(),
      });
      log.info({ visitId, meetingId }, 'visit rescheduled');
      return loadVisitView(deps, tenant.id, visitId);
    },

    async cancel(tenant, visitId) {
      const visit = await requireVisit(tenant, visitId);
      if (visit.status === 'cancelled') return loadVisitView(deps, tenant.id, visitId);
      if (!EDITABLE.includes(visit.status)) {
        throw new G2GError({ code: 'conflict', status: 409, message: `visit is ${visit.status}: only a scheduled visit can be cancelled` });
      }
      await deps.orgs.requireReady(visit.orgId);
      const webex = deps.webexForOrg(visit.orgId);
      if (visit.meetingId !== null) {
        try {
          await webex.meetings.delete(visit.meetingId, { sendEmail: false });
        } catch (error) {
          // Already gone in Webex (deleted elsewhere): the visit is cancelled all the same.
          if (webexErrorCode(error) !== 'webex_not_found') throw error;
        }
      }
      const event = { visitId, tenantId: tenant.id, orgId: visit.orgId, externalId: visit.externalId, at: deps.clock.now(), by: 'api' as const };
      const moved = await deps.visitStore.update(visitId, { status: 'cancelled', meetingState: 'deleted', updatedAt: deps.clock.now() }, EDITABLE, pendingEvents(deps.outbox, 'visit.cancelled', event));
      if (moved) {
        deps.events.emit('visit.cancelled', event);
        log.info({ visitId, meetingId: visit.meetingId }, 'visit cancelled');
      }
      return loadVisitView(deps, tenant.id, visitId);
    },

    async addParticipant(tenant, visitId, participant) {
      const visit = await requireChangeable(tenant, visitId);
      if (!['scheduled', 'in_progress', 'missed'].includes(visit.status)) {
        throw new G2GError({ code: 'conflict', status: 409, message: `visit is ${visit.status}: seats can only be added to a scheduled or running visit` });
      }
      if (participant.role === 'cohost') {
        // Webex takes cohosts only as invitees at creation (PATCH has no invitees): be honest instead of half-doing it.
        throw new G2GError({
          code: 'validation_failed',
          status: 400,
          message: 'the participant is invalid',
          fields: [{ field: 'role', message: 'cohost seats can only be set when the visit is created; add this person as host or guest' }],
        });
      }
      const existing = await deps.seatStore.list([visitId]);
      const { next, count } = await deps.seatStore.nextPosition(visitId);
      if (count >= MAX_PARTICIPANTS) {
        throw new G2GError({ code: 'validation_failed', status: 400, message: 'the visit is full', fields: [{ field: 'participants', message: `at most ${MAX_PARTICIPANTS} participants per meeting (Webex limit)` }] });
      }
      const email = participant.email;
      if (email !== undefined && existing.some((p) => p.email?.toLowerCase() === email.toLowerCase())) {
        throw new G2GError({ code: 'validation_failed', status: 400, message: 'the participant is invalid', fields: [{ field: 'email', message: 'another seat of this visit has this e-mail' }] });
      }
      const id = newSeatId();
      let joinEmail = email ?? syntheticEmail(id);
      let guestId: string | null = null;
      let guestToken: { accessToken: string; expiresIn: number } | undefined;
      const webex = deps.webexForOrg(visit.orgId);
      if (visit.persistentGuests) {
        const subject = guestSubject(tenant.id, participant) ?? `g2g-seat-${id}`;
        const guest = await webex.guests.createToken({ subject, displayName: participant.displayName });
        joinEmail = guest.email;
        guestId = guest.id;
        guestToken = { accessToken: guest.accessToken, expiresIn: guest.expiresIn };
        await deps.guestStore.save({ orgId: visit.orgId, subject, guestId: guest.id, email: guest.email, displayName: participant.displayName }, deps.clock.now());
      }
      if (visit.roomId !== null && (guestId !== null || email !== undefined)) {
        await webex.memberships.create(guestId !== null ? { roomId: visit.roomId, personId: guestId } : { roomId: visit.roomId, personEmail: joinEmail });
      }
      const now = deps.clock.now();
      await deps.seatStore.add(
        {
          id,
          visitId,
          position: next,
          displayName: participant.displayName,
          email: email ?? null,
          joinEmail,
          role: participant.role ?? 'guest',
          externalId: participant.externalId ?? null,
          guestId,
          createdAt: now,
        },
        newLink(deps, visitId, id, now),
      );
      const seat = await seatView(tenant, visitId, id);
      return guestToken === undefined ? seat : { ...seat, guestToken };
    },

    async reissueLink(tenant, visitId, participantId) {
      await requireSeat(tenant, visitId, participantId);
      const now = deps.clock.now();
      await deps.linkStore.replace(participantId, now, 'replaced', newLink(deps, visitId, participantId, now));
      log.info({ visitId, participantId }, 'join link re-issued');
      return seatView(tenant, visitId, participantId);
    },

    async revokeLink(tenant, visitId, participantId) {
      // Revoking only takes access away: allowed on a deauthorized org too (a leaked link can always be shut).
      await requireSeat(tenant, visitId, participantId, { allowUnusableOrg: true });
      await deps.linkStore.replace(participantId, deps.clock.now(), 'revoked');
      log.info({ visitId, participantId }, 'join link revoked');
      return seatView(tenant, visitId, participantId);
    },

    async capacity(tenant, orgId) {
      requireOwnOrg(tenant, orgId);
      return readCapacity(deps, orgId);
    },

    async setLicensedCapacity(tenant, orgId, licensed) {
      requireOwnOrg(tenant, orgId);
      await deps.capacityStore.setLicensed(orgId, licensed, deps.clock.now());
    },
  };
}

/**
 * One page of visits, of one tenant or (tenantId null, operators) of all: the tenant API and the admin API read
 * through this same function.
 */
export async function listVisitPage<T = VisitView>(
  deps: VisitDeps,
  tenantId: string | null,
  query: VisitListQuery & { tenantId?: string | undefined },
  shape: (view: VisitView, visit: Visit) => T = (view) => view as T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const rows = await deps.visitStore.list({
    tenantId: tenantId ?? query.tenantId ?? null,
    status: query.status,
    externalId: query.externalId,
    orgId: query.orgId,
    fromMs: query.from === undefined ? undefined : Date.parse(query.from),
    toMs: query.to === undefined ? undefined : Date.parse(query.to),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const ids = page.map((v) => v.id);
  const [participants, links] = await Promise.all([deps.seatStore.list(ids), deps.linkStore.listActive(ids)]);
  const last = page.at(-1);
  return {
    items: page.map((v) => shape(toVisitView(v, participants, links, deps), v)),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** 404, not 403: a key must not learn which orgs exist outside its tenant. */
function requireOwnOrg(tenant: VisitTenant, orgId: string): void {
  if (!tenant.orgIds.includes(orgId)) throw new G2GError({ code: 'not_found', status: 404, message: `org ${orgId} not found` });
}

export async function readCapacity(deps: Pick<VisitDeps, 'capacityStore' | 'clock'>, orgId: string): Promise<OrgCapacity> {
  const [licensed, inProgress, starting] = await Promise.all([
    deps.capacityStore.findLicensed(orgId),
    deps.capacityStore.countInProgress(orgId),
    deps.capacityStore.countStarting(orgId, deps.clock.now()),
  ]);
  if (licensed === undefined) return { orgId, licensed: null, inProgress, starting, available: null };
  return { orgId, licensed, inProgress, starting, available: Math.max(0, licensed - inProgress - starting) };
}

function encodeCursor(v: Visit): string {
  return Buffer.from(JSON.stringify([v.startAt, v.id])).toString('base64url');
}

function decodeCursor(cursor: string): { startAt: number; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'number' && typeof parsed[1] === 'string') return { startAt: parsed[0], id: parsed[1] };
  } catch {
    // fall through to the 400 below
  }
  throw new G2GError({ code: 'validation_failed', status: 400, message: 'the query is invalid', fields: [{ field: 'cursor', message: 'must be a nextCursor value from a previous page' }] });
}

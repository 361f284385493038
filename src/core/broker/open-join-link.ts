import type { Logger } from '../../logger.js';
import { isG2GError } from '../errors.js';
import type { Admission, AdmissionGate } from '../governor/admission-gate.js';
import { DEFAULT_BRAND, type TenantBrand } from '../tenants/brand.js';
import type { Participant } from '../visits/participant.js';
import type { Visit } from '../visits/visit.js';
import type { VisitDeps, VisitWebex } from '../visits/visit-deps.js';
import { hashJoinCode, isWellFormedJoinCode } from './join-code.js';
import { describeError } from '../describe-error.js';
import type { DeferralStore } from '../usage/usage-store.js';

/** Why a join link shows a page instead of going to Webex. */
export const JOIN_PAGE_REASONS = ['unknown', 'revoked', 'replaced', 'cancelled', 'ended', 'unavailable', 'org_unavailable', 'capacity'] as const;
export type JoinPageReason = (typeof JOIN_PAGE_REASONS)[number];

/** A page carries the brand of the visit's tenant once the link led to a visit (an unknown link has none). */
export type JoinOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'page'; status: 404 | 410 | 503 | 502; reason: JoinPageReason; title?: string; brand?: TenantBrand }
  /** Every license of the org is in use: a waiting page that asks again after `retryAfterSeconds`. */
  | { kind: 'wait'; status: 503; reason: 'capacity'; retryAfterSeconds: number; title: string; brand?: TenantBrand };

export type JoinBrokerDeps = Pick<VisitDeps, 'linkStore' | 'visitStore' | 'seatStore' | 'clock' | 'orgs' | 'webexForOrg' | 'linkTtlMinutes'> & {
  log: Logger;
  admission: AdmissionGate;
  /** The tenant's brand for the page, when the link cannot go to Webex. */
  brandOf(tenantId: string): Promise<TenantBrand>;
  /** Keeps each held-back click for usage reports (deferred clicks, waits). */
  deferrals?: DeferralStore;
};

/**
 * Opens a g2g join link: finds the seat by the sha256 of the code, then mints a fresh Webex link at this
 * moment (Webex join links expire within 60 minutes, so links sent days ahead must be minted late).
 * Host seats get the start link, everyone else the join link. The code itself is never logged.
 */
export async function openJoinLink(deps: JoinBrokerDeps, code: string): Promise<JoinOutcome> {
  if (!isWellFormedJoinCode(code)) return { kind: 'page', status: 404, reason: 'unknown' };
  const link = await deps.linkStore.findByHash(hashJoinCode(code));
  if (link === undefined) return { kind: 'page', status: 404, reason: 'unknown' };
  const log = deps.log.child({ visitId: link.visitId, participantId: link.participantId });
  const [visit, seat] = await Promise.all([deps.visitStore.findById(link.visitId), deps.seatStore.find(link.visitId, link.participantId)]);
  if (visit === undefined || seat === undefined) return { kind: 'page', status: 404, reason: 'unknown' };
  const outcome: JoinOutcome =
    link.revokedAt !== null ? { kind: 'page', status: 410, reason: link.revokedReason === 'replaced' ? 'replaced' : 'revoked' } : await joinVisit(deps, visit, seat, log);
  if (outcome.kind === 'redirect') return outcome;
  const brand = await deps.brandOf(visit.tenantId).catch((error: unknown) => {
    // The page matters more than its colours.
    log.warn({ err: describeError(error) }, 'tenant brand could not be read; the page shows the default');
    return DEFAULT_BRAND;
  });
  return { ...outcome, brand };
}

/** A live seat of a known visit: a Webex link minted now, or the page saying why not. */
async function joinVisit(deps: JoinBrokerDeps, visit: Visit, seat: Participant, log: Logger): Promise<JoinOutcome> {
  if (visit.status === 'cancelled') return { kind: 'page', status: 410, reason: 'cancelled', title: visit.title };
  if (visit.status === 'ended') return { kind: 'page', status: 410, reason: 'ended', title: visit.title };

  let admission: Admission | undefined;
  try {
    await deps.orgs.requireReady(visit.orgId);
    // Before any Webex call: a start beyond the license would only show the guest Webex's license error.
    admission = await deps.admission.admit(visit);
    if (!admission.admit) {
      // Only a full license counts as a deferral in reports; a contended decision is a retry within a second.
      if (admission.why === 'license_exhausted') {
        await deps.deferrals
          ?.record({ orgId: visit.orgId, visitId: visit.id, participantId: seat.id }, deps.clock.now())
          .catch((e: unknown) => log.warn({ err: describeError(e) }, 'held-back click not recorded for usage reports'));
      }
      return { kind: 'wait', status: 503, reason: 'capacity', retryAfterSeconds: admission.retryAfterSeconds, title: visit.title };
    }
    const outcome = await mintLink(deps, visit, seat, log);
    if (outcome.kind !== 'redirect') await deps.admission.release(visit, admission);
    return outcome;
  } catch (error) {
    if (admission !== undefined) await deps.admission.release(visit, admission).catch((e: unknown) => log.warn({ err: describeError(e) }, 'license hold could not be given back; it lapses by itself'));
    if (isG2GError(error)) {
      log.warn({ code: error.code }, 'join link opened but the org cannot be used');
      // Deauthorized or waiting for its admin: no retry helps the guest, so the page says the visit cannot take place.
      const orgGone = error.code === 'org_deauthorized' || error.code === 'org_needs_reauth';
      return { kind: 'page', status: 503, reason: orgGone ? 'org_unavailable' : 'unavailable', title: visit.title };
    }
    log.error({ err: describeError(error) }, 'join link opened but Webex did not give a link');
    return { kind: 'page', status: 502, reason: 'unavailable', title: visit.title };
  }
}

/** Host seats get the start link, everyone else the join link, minted now. */
async function mintLink(deps: JoinBrokerDeps, visit: Visit, seat: Participant, log: Logger): Promise<JoinOutcome> {
  const webex = deps.webexForOrg(visit.orgId);
  const meetingId = visit.meetingId ?? (await currentAdhocMeetingId(webex, visit.title, visit.roomId, deps.clock.now()));
  if (meetingId === undefined) return { kind: 'page', status: 404, reason: 'unknown' };
  const links = await webex.meetings.join({
    meetingId,
    email: seat.joinEmail,
    displayName: seat.displayName,
    expirationMinutes: deps.linkTtlMinutes,
  });
  const url = seat.role === 'host' ? (links.startLink ?? links.joinLink) : links.joinLink;
  if (url === undefined) {
    log.error('Webex answered a join request without a link');
    return { kind: 'page', status: 502, reason: 'unavailable', title: visit.title };
  }
  log.info({ role: seat.role }, 'join link opened');
  return { kind: 'redirect', url };
}

/**
 * Ad-hoc visits store the room, not the meeting (docs/webex-contract.md §1.1). Asking for the room's ad-hoc meeting returns
 * the ongoing one or starts a new one, which is exactly "join the room's meeting now".
 */
async function currentAdhocMeetingId(webex: VisitWebex, title: string, roomId: string | null, nowMs: number): Promise<string | undefined> {
  if (roomId === null) return undefined;
  const now = new Date(nowMs);
  const meeting = await webex.meetings.create({
    title,
    adhoc: true,
    roomId,
    // Webex sets an ad-hoc meeting's own times; these satisfy the body's shape only.
    start: now.toISOString(),
    end: new Date(now.getTime() + 20 * 60_000).toISOString(),
    sendEmail: false,
  });
  return meeting.id;
}

import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import { findLicensedCapacity, listAdmissionRows } from '../../store/visit-capacity-store.js';
import type { Database } from '../../store/schema.js';
import type { Clock } from '../clock.js';
import type { VisitEventHub } from '../visits/visit-events.js';
import { decideAdmission, type AdmissionDecision } from './decide-admission.js';
import type { PendingStarts } from './pending-starts.js';

/** How long a click that may start a meeting holds a license before its `meetings:started` is seen. */
export const START_HOLD_MS = 60_000;
/** A guest waiting on the page asks every few seconds: the company hears of it once a minute per visit. */
export const EXHAUSTED_EVENT_EVERY_MS = 60_000;
/** At most one check of an org's running meetings against Webex per this interval, however many guests wait. */
export const RECONCILE_EVERY_MS = 30_000;

export interface AdmissionVisit {
  id: string;
  org_id: string;
  tenant_id: string;
  external_id: string | null;
  status: string;
}

export interface AdmissionGate {
  /** May a click on one of this visit's links go to Webex now? Reads the store only; never calls Webex. */
  admit(visit: AdmissionVisit): Promise<AdmissionDecision>;
  /** The click let through got no Webex link (Webex failed): give back the license its decision held. */
  release(visit: AdmissionVisit, decision: AdmissionDecision): void;
}

export interface AdmissionGateDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  events: VisitEventHub;
  pending: PendingStarts;
  /**
   * Starts (in the background) a check of the org's in-progress meetings against Webex, so a lost `meetings:ended`
   * webhook cannot hold guests back: the waiting page's next ask sees the freed license.
   */
  reconcile(orgId: string): void;
  holdMs?: number;
  /** How soon the waiting page asks again, in seconds (default 5). */
  retryAfterSeconds?: number;
}

/**
 * The effect around `decideAdmission`: gathers the org's numbers, holds a license for a click that may start a
 * meeting, and on a deferral logs, tells the company (`capacity.exhausted`) and asks for a reconcile.
 * Decisions for one org run one at a time on this instance (a few database reads, never a Webex call), so two
 * simultaneous clicks cannot both take the last license.
 */
export function createAdmissionGate(deps: AdmissionGateDeps): AdmissionGate {
  const log = deps.log.child({ module: 'governor' });
  const holdMs = deps.holdMs ?? START_HOLD_MS;
  const serialize = createKeyedQueue();
  const lastEvent = new Map<string, number>();
  const lastReconcile = new Map<string, number>();

  async function decide(visit: AdmissionVisit): Promise<AdmissionDecision> {
    const now = deps.clock.now();
    const held = deps.pending.held(visit.org_id, now);
    const [licensed, rows] = await Promise.all([findLicensedCapacity(deps.db, visit.org_id), listAdmissionRows(deps.db, visit.org_id, [...held, visit.id])]);
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const running = new Set(rows.filter((r) => r.status === 'in_progress').map((r) => r.meetingKey));
    // A held visit whose start was seen is counted as running; one that ended or was cancelled holds nothing.
    const stillStarting = (id: string) => ['scheduled', 'missed'].includes(status.get(id) ?? '');
    const decision = decideAdmission({
      meetingRunning: (status.get(visit.id) ?? visit.status) === 'in_progress',
      startPending: held.includes(visit.id) && stillStarting(visit.id),
      licensed: licensed ?? null,
      inProgress: running.size,
      starting: held.filter((id) => id !== visit.id && stillStarting(id)).length,
      ...(deps.retryAfterSeconds !== undefined ? { retryAfterSeconds: deps.retryAfterSeconds } : {}),
    });
    if (decision.admit && decision.holdsLicense) deps.pending.hold(visit.org_id, visit.id, now + holdMs);
    return decision;
  }

  function deferred(visit: AdmissionVisit, d: Extract<AdmissionDecision, { admit: false }>): void {
    const now = deps.clock.now();
    const counts = { inProgress: d.inProgress, starting: d.starting, licensed: d.licensed };
    log.info({ orgId: visit.org_id, visitId: visit.id, ...counts }, 'join deferred: every license is in use');
    for (const [id, at] of lastEvent) if (now - at >= EXHAUSTED_EVENT_EVERY_MS) lastEvent.delete(id);
    if (!lastEvent.has(visit.id)) {
      lastEvent.set(visit.id, now);
      deps.events.emit('capacity.exhausted', { visitId: visit.id, tenantId: visit.tenant_id, orgId: visit.org_id, externalId: visit.external_id, at: now, ...counts });
    }
    const last = lastReconcile.get(visit.org_id);
    if (last === undefined || now - last >= RECONCILE_EVERY_MS) {
      lastReconcile.set(visit.org_id, now);
      deps.reconcile(visit.org_id);
    }
  }

  return {
    async admit(visit) {
      const decision = await serialize(visit.org_id, () => decide(visit));
      if (!decision.admit) deferred(visit, decision);
      return decision;
    },
    release(visit, decision) {
      // A hold this decision only extended (another seat's start) is not this click's to give back.
      if (decision.admit && (decision.why === 'license_free' || decision.why === 'license_unknown')) deps.pending.release(visit.org_id, visit.id);
    },
  };
}

/** Runs tasks of one key one after another (tasks of other keys run freely); a failed task does not block the next. */
function createKeyedQueue(): <T>(key: string, run: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return (key, run) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

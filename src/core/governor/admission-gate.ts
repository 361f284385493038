import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { pendingEvents, type EventRecorder } from '../events-out/pending-event.js';
import { createPerKeyQueue } from '../per-key-queue.js';
import type { Visit } from '../visits/visit.js';
import type { G2GEvents, VisitEventHub } from '../visits/visit-events.js';
import type { AdmissionStore } from './admission-store.js';
import { decideAdmission, type AdmissionDecision } from './decide-admission.js';

/**
 * How long a click that may start a meeting holds a license before its start is seen: the guest needs a moment to
 * press Join, and `meetings:started` trails the start. Long enough for that, short enough that an abandoned click
 * keeps nobody waiting for long.
 */
export const START_HOLD_MS = 60_000;
/** A guest waiting on the page asks every few seconds: the company hears of it once a minute per visit. */
export const EXHAUSTED_EVENT_EVERY_MS = 60_000;
/** At most one check of an org's running meetings against Webex per this interval, however many guests wait. */
export const RECONCILE_EVERY_MS = 30_000;
/** Decisions lost to another instance's (compare-and-set) are retried this often before the guest is asked to wait. */
const MAX_ATTEMPTS = 5;

export type AdmissionVisit = Pick<Visit, 'id' | 'orgId' | 'tenantId' | 'externalId' | 'status'>;

/** The decision, or a deferral because other decisions for the org kept winning the compare-and-set. */
export type Admission = AdmissionDecision | { admit: false; why: 'contended'; retryAfterSeconds: number };

export interface AdmissionGate {
  /** May a click on one of this visit's links go to Webex now? Reads and writes the store only; never calls Webex. */
  admit(visit: AdmissionVisit): Promise<Admission>;
  /** The click let through got no Webex link (Webex failed): give back the license its decision held. */
  release(visit: AdmissionVisit, admission: Admission): Promise<void>;
}

export interface AdmissionGateDeps {
  store: AdmissionStore;
  clock: Clock;
  log: Logger;
  events: VisitEventHub;
  /** Prepares `capacity.exhausted`, stored in the deferral's transaction (none without G2G_EVENTS_URL). */
  outbox?: EventRecorder | undefined;
  /**
   * Starts (in the background) a check of the org's in-progress meetings against Webex, so a lost `meetings:ended`
   * webhook cannot hold guests back: the waiting page's next ask sees the freed license.
   */
  reconcile(orgId: string): void;
  holdMs?: number;
  /** How soon the waiting page asks again, in seconds (default 5). */
  retryAfterSeconds?: number;
}

type Deferral = Extract<AdmissionDecision, { admit: false }>;
type ExhaustedNews = G2GEvents['capacity.exhausted'];
/** A decision, and the `capacity.exhausted` news its transaction stored (at most once a minute per visit). */
type Decided = { decision: Admission; told?: ExhaustedNews };

/**
 * The effect around `decideAdmission`: reads the org's numbers and holds a license for a click that may start a
 * meeting, in one transaction guarded by a compare-and-set on the org's admission version, so two simultaneous
 * clicks (on one instance or two) cannot both take the last license. On a deferral: an info log, the
 * `capacity.exhausted` event (stored in the decision's transaction), and a reconcile. No lock is held across a Webex call: the gate makes none.
 */
export function createAdmissionGate(deps: AdmissionGateDeps): AdmissionGate {
  const log = deps.log.child({ module: 'governor' });
  const holdMs = deps.holdMs ?? START_HOLD_MS;
  // On one instance, decisions for one org take turns here, so they rarely lose the compare-and-set.
  const serialize = createPerKeyQueue();
  const lastEvent = new Map<string, number>();
  const lastReconcile = new Map<string, number>();

  function tellsExhaustion(visitId: string, now: number): boolean {
    const last = lastEvent.get(visitId);
    return last === undefined || now - last >= EXHAUSTED_EVENT_EVERY_MS;
  }

  function decideOnce(visit: AdmissionVisit): Promise<Decided | 'lost'> {
    const now = deps.clock.now();
    return deps.store.transaction(async (tx) => {
      const snapshot = await tx.readSnapshot(visit.orgId, visit.id, now);
      const self = snapshot.entries.find((r) => r.id === visit.id);
      const starting = (r: { status: string; holdUntil: number | null }) => r.holdUntil !== null && (r.status === 'scheduled' || r.status === 'missed');
      const decision = decideAdmission({
        meetingRunning: (self?.status ?? visit.status) === 'in_progress',
        startPending: self !== undefined && starting(self),
        licensed: snapshot.licensed,
        inProgress: new Set(snapshot.entries.filter((r) => r.status === 'in_progress').map((r) => r.meetingKey)).size,
        starting: snapshot.entries.filter((r) => r.id !== visit.id && starting(r)).length,
        ...(deps.retryAfterSeconds !== undefined ? { retryAfterSeconds: deps.retryAfterSeconds } : {}),
      });
      if (decision.why === 'license_exhausted' && tellsExhaustion(visit.id, now)) {
        // Stored with the decision, so the company hears of the wait even if g2g dies before it answers the guest.
        const told: ExhaustedNews = { visitId: visit.id, tenantId: visit.tenantId, orgId: visit.orgId, externalId: visit.externalId, at: now, inProgress: decision.inProgress, starting: decision.starting, licensed: decision.licensed };
        await tx.recordEvents(pendingEvents(deps.outbox, 'capacity.exhausted', told));
        return { decision, told };
      }
      if (!decision.admit || !decision.holdsLicense) return { decision };
      if (snapshot.version !== null && !(await tx.bumpVersion(visit.orgId, snapshot.version))) return 'lost';
      await tx.holdStart(visit.id, now + holdMs);
      return { decision };
    });
  }

  async function decide(visit: AdmissionVisit): Promise<Decided> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const decided = await decideOnce(visit);
      if (decided !== 'lost') return decided;
    }
    // Busy with other instances' decisions: asking the guest to wait a moment is always safe.
    log.info({ orgId: visit.orgId, visitId: visit.id }, 'join deferred: admission contended');
    return { decision: { admit: false, why: 'contended', retryAfterSeconds: 1 } };
  }

  function deferred(visit: AdmissionVisit, d: Deferral, told: ExhaustedNews | undefined): void {
    const now = deps.clock.now();
    const counts = { inProgress: d.inProgress, starting: d.starting, licensed: d.licensed };
    log.info({ orgId: visit.orgId, visitId: visit.id, ...counts }, 'join deferred: every license is in use');
    for (const [id, at] of lastEvent) if (now - at >= EXHAUSTED_EVENT_EVERY_MS) lastEvent.delete(id);
    if (told !== undefined) {
      lastEvent.set(visit.id, told.at);
      deps.events.emit('capacity.exhausted', told);
    }
    const last = lastReconcile.get(visit.orgId);
    if (last === undefined || now - last >= RECONCILE_EVERY_MS) {
      lastReconcile.set(visit.orgId, now);
      deps.reconcile(visit.orgId);
    }
  }

  return {
    async admit(visit) {
      const { decision, told } = await serialize(visit.orgId, () => decide(visit));
      if (decision.why === 'license_exhausted') deferred(visit, decision, told);
      return decision;
    },
    async release(visit, admission) {
      // A hold this decision only extended (another seat's start) is not this click's to give back.
      if (admission.admit && (admission.why === 'license_free' || admission.why === 'license_unknown')) await deps.store.releaseStart(visit.id);
    },
  };
}

import { endIfNotRunning } from './end-if-not-running.js';
import type { VisitDeps } from './visit-deps.js';

/** A visit still `in_progress` this long after its scheduled end is checked against Webex. */
export const STALE_PROGRESS_MS = 60 * 60_000;
/**
 * A meeting seen starting this recently is not questioned: Webex may still be catching up, and ending the visit by
 * mistake would let the governor admit one start too many (the license error it exists to prevent).
 */
export const RECONCILE_GRACE_MS = 2 * 60_000;

type ProgressDeps = Pick<VisitDeps, 'visitStore' | 'meetingVisitStore' | 'clock' | 'log' | 'webexForOrg' | 'events'>;

/**
 * Webex may drop a webhook (or disable ours after failures): a lost `meetings:ended` would leave a visit
 * `in_progress` forever and inflate the org's capacity count. For visits long past their end, ask Webex for the
 * meeting; if it no longer runs, the visit ended. Returns how many were moved.
 */
export async function sweepStaleProgress(deps: ProgressDeps): Promise<number> {
  const stale = await deps.meetingVisitStore.listStaleInProgress(deps.clock.now() - STALE_PROGRESS_MS);
  let moved = 0;
  for (const visit of stale) {
    if ((await endIfNotRunning(deps, visit, 'visit ended by the sweep: its meetings:ended event never came')) === 'ended') moved += 1;
  }
  return moved;
}

/**
 * The governor's self-healing: when a guest is held back because every license is in use, check each of the org's
 * in-progress meetings against Webex at once (not only those long past their end), so a lost `meetings:ended`
 * frees its license for the waiting page's next ask. Returns how many visits were found ended.
 */
export async function reconcileOrgProgress(deps: ProgressDeps, orgId: string): Promise<number> {
  const visits = await deps.meetingVisitStore.listInProgressForOrg(orgId, deps.clock.now() - RECONCILE_GRACE_MS);
  let moved = 0;
  for (const visit of visits) {
    if ((await endIfNotRunning(deps, visit, 'visit ended by the capacity check: its meetings:ended event never came')) === 'ended') moved += 1;
  }
  return moved;
}

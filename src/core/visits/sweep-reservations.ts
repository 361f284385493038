import { settleReservation } from './settle-reservation.js';
import type { VisitDeps } from './visit-deps.js';
import { describeError } from '../describe-error.js';

/** A reservation this old is abandoned: its request crashed, or Webex's answer never came. */
export const STALE_RESERVATION_MS = 10 * 60_000;

/**
 * Finishes what a crash or an unknown Webex outcome left behind: finds any meeting tagged with the
 * reservation's visit id, deletes it, then removes the reservation. Failures keep the row for the next sweep,
 * so an orphan meeting is never forgotten. Returns how many reservations were cleared.
 */
export async function sweepStaleReservations(deps: Pick<VisitDeps, 'reservationStore' | 'clock' | 'log' | 'webexForOrg'>): Promise<number> {
  const stale = await deps.reservationStore.listStaleReservations(deps.clock.now() - STALE_RESERVATION_MS);
  let cleared = 0;
  for (const visit of stale) {
    try {
      await settleReservation(deps, visit);
      cleared += 1;
    } catch (error) {
      deps.log.error({ visitId: visit.id, err: describeError(error) }, 'abandoned reservation could not be cleared; will retry');
    }
  }
  return cleared;
}

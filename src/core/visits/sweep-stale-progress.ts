import { listStaleInProgress, updateVisit } from '../../store/visit-store.js';
import type { VisitDeps } from './visit-deps.js';

/** A visit still `in_progress` this long after its scheduled end is checked against Webex. */
export const STALE_PROGRESS_MS = 60 * 60_000;

/**
 * Webex may drop a webhook (or disable ours after failures): a lost `meetings:ended` would leave a visit
 * `in_progress` forever and inflate the org's capacity count. For visits long past their end, ask Webex for the
 * meeting; if it no longer runs, the visit ended. Returns how many were moved.
 */
export async function sweepStaleProgress(deps: Pick<VisitDeps, 'db' | 'clock' | 'log' | 'webexForOrg' | 'events'>): Promise<number> {
  const now = deps.clock.now();
  const stale = await listStaleInProgress(deps.db, now - STALE_PROGRESS_MS);
  let moved = 0;
  for (const visit of stale) {
    if (visit.meeting_id === null) continue;
    try {
      const meeting = await deps.webexForOrg(visit.org_id).meetings.get(visit.meeting_id);
      if (meeting.state === 'inProgress') continue;
      const ok = await updateVisit(deps.db, visit.id, { status: 'ended', ended_at: now, meeting_state: meeting.state ?? 'ended', updated_at: now }, ['in_progress']);
      if (!ok) continue;
      moved += 1;
      deps.events.emit('visit.ended', { visitId: visit.id, tenantId: visit.tenant_id, orgId: visit.org_id, externalId: visit.external_id, at: now, meetingId: visit.meeting_id });
      deps.log.warn({ visitId: visit.id, meetingId: visit.meeting_id }, 'visit ended by the sweep: its meetings:ended event never came');
    } catch (error) {
      deps.log.warn({ visitId: visit.id, err: error }, 'stale in-progress visit could not be checked; will retry');
    }
  }
  return moved;
}

import { updateVisit, type VisitRow } from '../../store/visit-store.js';
import type { VisitDeps } from './visit-deps.js';
import { webexErrorCode } from './webex-error-code.js';
import { describeError } from '../describe-error.js';

/** Meeting states that hold (or wait for) a license: a series is `inProgress` also while someone waits in its lobby. */
const RUNNING_STATES: ReadonlySet<string> = new Set(['inProgress', 'lobby']);

export type ProgressCheck = 'running' | 'ended' | 'unknown';

/**
 * Asks Webex whether an `in_progress` visit's meeting still runs; if not (or it is gone), the visit ended:
 * moved with a compare-and-set, so a `meetings:ended` arriving meanwhile makes it a no-op. Ad-hoc visits keep no
 * meeting id (api-notes 1.1), so they are checked by the instance id their `started` or `joined` event carried.
 */
export async function endIfNotRunning(deps: Pick<VisitDeps, 'db' | 'clock' | 'log' | 'webexForOrg' | 'events'>, visit: VisitRow, why: string): Promise<ProgressCheck> {
  const meetingId = visit.meeting_id ?? visit.meeting_instance_id;
  if (meetingId === null) return 'unknown';
  let state: string;
  try {
    state = (await deps.webexForOrg(visit.org_id).meetings.get(meetingId)).state ?? 'ended';
  } catch (error) {
    if (webexErrorCode(error) !== 'webex_not_found') {
      deps.log.warn({ visitId: visit.id, err: describeError(error) }, 'in-progress visit could not be checked in Webex; will retry');
      return 'unknown';
    }
    state = 'deleted'; // gone in Webex: it runs no more
  }
  if (RUNNING_STATES.has(state)) return 'running';
  const now = deps.clock.now();
  const moved = await updateVisit(deps.db, visit.id, { status: 'ended', ended_at: now, meeting_state: state, updated_at: now }, ['in_progress']);
  if (!moved) return 'unknown';
  deps.events.emit('visit.ended', { visitId: visit.id, tenantId: visit.tenant_id, orgId: visit.org_id, externalId: visit.external_id, at: now, meetingId: visit.meeting_id });
  deps.log.warn({ visitId: visit.id, meetingId: visit.meeting_id, orgId: visit.org_id }, why);
  return 'ended';
}

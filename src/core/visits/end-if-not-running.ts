import type { Visit } from './visit.js';
import type { VisitDeps } from './visit-deps.js';
import { webexErrorCode } from './webex-error-code.js';
import { describeError } from '../describe-error.js';
import { pendingEvents } from '../events-out/pending-event.js';

/** Meeting states that hold (or wait for) a license: a series is `inProgress` also while someone waits in its lobby. */
const RUNNING_STATES: ReadonlySet<string> = new Set(['inProgress', 'lobby']);

export type ProgressCheck = 'running' | 'ended' | 'unknown';

/**
 * Asks Webex whether an `in_progress` visit's meeting still runs; if not (or it is gone), the visit ended:
 * moved with a compare-and-set, so a `meetings:ended` arriving meanwhile makes it a no-op. Ad-hoc visits keep no
 * meeting id (docs/webex-contract.md §1.1), so they are checked by the instance id their `started` or `joined` event carried.
 */
export async function endIfNotRunning(deps: Pick<VisitDeps, 'visitStore' | 'clock' | 'log' | 'webexForOrg' | 'events' | 'outbox'>, visit: Visit, why: string): Promise<ProgressCheck> {
  const meetingId = visit.meetingId ?? visit.meetingInstanceId;
  if (meetingId === null) return 'unknown';
  let state: string;
  try {
    state = (await deps.webexForOrg(visit.orgId).meetings.get(meetingId)).state ?? 'ended';
  } catch (error) {
    if (webexErrorCode(error) !== 'webex_not_found') {
      deps.log.warn({ visitId: visit.id, err: describeError(error) }, 'in-progress visit could not be checked in Webex; will retry');
      return 'unknown';
    }
    state = 'deleted'; // gone in Webex: it runs no more
  }
  if (RUNNING_STATES.has(state)) return 'running';
  const now = deps.clock.now();
  const event = { visitId: visit.id, tenantId: visit.tenantId, orgId: visit.orgId, externalId: visit.externalId, at: now, meetingId: visit.meetingId };
  const moved = await deps.visitStore.update(visit.id, { status: 'ended', endedAt: now, meetingState: state, updatedAt: now }, ['in_progress'], pendingEvents(deps.outbox, 'visit.ended', event));
  if (!moved) return 'unknown';
  deps.events.emit('visit.ended', event);
  deps.log.warn({ visitId: visit.id, meetingId: visit.meetingId, orgId: visit.orgId }, why);
  return 'ended';
}

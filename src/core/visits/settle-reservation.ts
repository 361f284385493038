import type { Visit } from './visit.js';
import { webexErrorCode } from './webex-error-code.js';
import type { VisitDeps, VisitWebex, WebexMeetingLike } from './visit-deps.js';

/** Lists meetings carrying the visit's integrationTag around its time (the list defaults to the next 7 days). */
export async function findTaggedMeeting(webex: VisitWebex, visitId: string, startAt: number, endAt: number): Promise<WebexMeetingLike | undefined> {
  const query = {
    integrationTag: visitId,
    meetingType: 'meetingSeries' as const,
    from: new Date(startAt - 24 * 3600_000).toISOString(),
    to: new Date(endAt + 24 * 3600_000).toISOString(),
  };
  for await (const m of webex.meetings.list(query)) return m;
  return undefined;
}

/**
 * Settles an abandoned reservation: deletes any Webex meeting tagged with its visit id and its space, then the row.
 * Throws (keeping the row) when Webex cannot be asked, so an orphan meeting is never forgotten.
 */
export async function settleReservation(deps: Pick<VisitDeps, 'reservationStore' | 'log' | 'webexForOrg'>, visit: Visit): Promise<void> {
  const log = deps.log.child({ visitId: visit.id, orgId: visit.orgId });
  if (!visit.adhoc) {
    const webex = deps.webexForOrg(visit.orgId);
    for (;;) {
      const orphan = await findTaggedMeeting(webex, visit.id, visit.startAt, visit.endAt);
      if (orphan === undefined) break;
      await webex.meetings.delete(orphan.id, { sendEmail: false });
      log.warn({ meetingId: orphan.id }, 'orphan Webex meeting of an abandoned reservation deleted');
    }
  }
  if (visit.roomId !== null) {
    try {
      await deps.webexForOrg(visit.orgId).rooms.delete(visit.roomId);
      log.warn({ roomId: visit.roomId }, 'orphan Webex space of an abandoned reservation deleted');
    } catch (error) {
      // Already gone (the rollback's delete got through after all, or someone removed it): settled.
      if (webexErrorCode(error) !== 'webex_not_found') throw error;
    }
  }
  await deps.reservationStore.remove(visit.id);
}

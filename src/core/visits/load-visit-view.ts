import { countInProgress, findLicensedCapacity } from '../../store/visit-capacity-store.js';
import { listActiveLinks } from '../../store/visit-link-store.js';
import { findVisit, listParticipants } from '../../store/visit-store.js';
import { G2GError } from '../errors.js';
import type { VisitDeps } from './visit-deps.js';
import { toVisitView, type VisitView } from './visit-view.js';

/** Reads a visit with its seats and live links, for the tenant only (404 otherwise). */
export async function loadVisitView(deps: Pick<VisitDeps, 'db' | 'publicUrl' | 'joinCodeKeys'>, tenantId: string, visitId: string): Promise<VisitView> {
  const visit = await findVisit(deps.db, tenantId, visitId);
  if (visit === undefined || visit.status === 'creating') {
    throw new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} not found` });
  }
  const [participants, links, licensed, inProgress] = await Promise.all([
    listParticipants(deps.db, [visitId]),
    listActiveLinks(deps.db, [visitId]),
    findLicensedCapacity(deps.db, visit.org_id),
    countInProgress(deps.db, visit.org_id),
  ]);
  const view = toVisitView(visit, participants, links, deps);
  view.capacity = licensed === undefined ? { inProgress } : { licensed, inProgress };
  return view;
}

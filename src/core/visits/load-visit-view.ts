import { G2GError } from '../errors.js';
import type { VisitDeps } from './visit-deps.js';
import { toVisitView, type VisitView } from './visit-view.js';

/** Reads a visit with its seats and live links, for the tenant only (404 otherwise). */
export async function loadVisitView(
  deps: Pick<VisitDeps, 'visitStore' | 'seatStore' | 'linkStore' | 'capacityStore' | 'publicUrl' | 'joinCodeKeys'>,
  tenantId: string,
  visitId: string,
): Promise<VisitView> {
  const visit = await deps.visitStore.find(tenantId, visitId);
  if (visit === undefined || visit.status === 'creating') {
    throw new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} not found` });
  }
  const [participants, links, licensed, inProgress] = await Promise.all([
    deps.seatStore.list([visitId]),
    deps.linkStore.listActive([visitId]),
    deps.capacityStore.findLicensed(visit.orgId),
    deps.capacityStore.countInProgress(visit.orgId),
  ]);
  const view = toVisitView(visit, participants, links, deps);
  view.capacity = licensed === undefined ? { inProgress } : { licensed, inProgress };
  return view;
}

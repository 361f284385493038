import { G2GError } from '../errors.js';
import { listVisitPage, type VisitListQuery, type Visits } from '../visits/create-visits.js';
import type { VisitDeps, VisitTenant } from '../visits/visit-deps.js';
import type { VisitPatch } from '../visits/visit-request.js';
import type { ParticipantView, VisitView } from '../visits/visit-view.js';

/** A visit as operators see it: the tenant's view plus whose visit it is. */
export type OperatorVisitView = VisitView & { tenantId: string };

export interface OperatorVisits {
  /** Visits of every tenant (or of `tenantId`), with the tenant API's filters and cursor. */
  list(query: VisitListQuery & { tenantId?: string | undefined }): Promise<{ items: OperatorVisitView[]; nextCursor: string | null }>;
  get(visitId: string): Promise<OperatorVisitView>;
  cancel(visitId: string): Promise<OperatorVisitView>;
  reschedule(visitId: string, patch: VisitPatch): Promise<OperatorVisitView>;
  reissueLink(visitId: string, participantId: string): Promise<ParticipantView>;
  revokeLink(visitId: string, participantId: string): Promise<ParticipantView>;
}

/**
 * Visit operations across tenants. Each acts as the visit's own tenant through the same `Visits` service the tenant
 * API uses, so both paths share every rule (what can be cancelled, link revocation, events out).
 */
export function createOperatorVisits(deps: { visits: Visits; visitDeps: VisitDeps }): OperatorVisits {
  const { visits } = deps;

  /** The visit's tenant, holding just the visit's org: enough for the tenant-scoped service to act. */
  async function ownerOf(visitId: string): Promise<VisitTenant> {
    const visit = await deps.visitDeps.visitStore.findById(visitId);
    if (visit === undefined || visit.status === 'creating') throw new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} not found` });
    return { id: visit.tenantId, orgIds: [visit.orgId] };
  }

  const tagged = (tenant: VisitTenant, view: VisitView): OperatorVisitView => ({ ...view, tenantId: tenant.id });

  return {
    async list(query) {
      return listVisitPage(deps.visitDeps, null, query, (view, visit) => ({ ...view, tenantId: visit.tenantId }));
    },
    async get(visitId) {
      const tenant = await ownerOf(visitId);
      return tagged(tenant, await visits.get(tenant, visitId));
    },
    async cancel(visitId) {
      const tenant = await ownerOf(visitId);
      return tagged(tenant, await visits.cancel(tenant, visitId));
    },
    async reschedule(visitId, patch) {
      const tenant = await ownerOf(visitId);
      return tagged(tenant, await visits.reschedule(tenant, visitId, patch));
    },
    async reissueLink(visitId, participantId) {
      return visits.reissueLink(await ownerOf(visitId), visitId, participantId);
    },
    async revokeLink(visitId, participantId) {
      return visits.revokeLink(await ownerOf(visitId), visitId, participantId);
    },
  };
}

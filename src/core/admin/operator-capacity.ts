import { G2GError } from '../errors.js';
import type { Orgs } from '../orgs/orgs.js';
import { readCapacity, type OrgCapacity } from '../visits/create-visits.js';
import type { VisitDeps } from '../visits/visit-deps.js';

export interface OperatorCapacity {
  show(orgId: string): Promise<OrgCapacity>;
  /** Records the org's concurrent-meeting license (Webex has no API for it). */
  set(orgId: string, licensed: number): Promise<OrgCapacity>;
}

/** Capacity of any known org, read and written by the same functions the tenant API's capacity routes use. */
export function createOperatorCapacity(deps: { orgs: Pick<Orgs, 'get'>; visitDeps: Pick<VisitDeps, 'capacityStore' | 'clock'> }): OperatorCapacity {
  const requireOrg = async (orgId: string) => {
    if ((await deps.orgs.get(orgId)) === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `org ${orgId} has not authorized the Service App` });
  };
  return {
    async show(orgId) {
      await requireOrg(orgId);
      return readCapacity(deps.visitDeps, orgId);
    },
    async set(orgId, licensed) {
      await requireOrg(orgId);
      await deps.visitDeps.capacityStore.setLicensed(orgId, licensed, deps.visitDeps.clock.now());
      return readCapacity(deps.visitDeps, orgId);
    },
  };
}

import { G2GError } from '../errors.js';
import type { VisitTenant } from './visit-deps.js';

/** The org a visit goes to: the one asked for if the key may use it, or the key's only org. */
export function resolveOrgId(tenant: VisitTenant, orgId: string | undefined): string {
  if (orgId !== undefined) {
    // 404, not 403: a key must not learn which orgs exist outside its tenant.
    if (!tenant.orgIds.includes(orgId)) throw new G2GError({ code: 'not_found', status: 404, message: `org ${orgId} not found` });
    return orgId;
  }
  const [only, ...rest] = tenant.orgIds;
  if (only === undefined) {
    throw new G2GError({ code: 'not_found', status: 404, message: 'this API key has no org yet: authorize the Service App and grant the org to the tenant' });
  }
  if (rest.length > 0) {
    throw new G2GError({
      code: 'validation_failed',
      status: 400,
      message: 'the visit request is invalid',
      fields: [{ field: 'orgId', message: `required: this API key has ${tenant.orgIds.length} orgs` }],
    });
  }
  return only;
}

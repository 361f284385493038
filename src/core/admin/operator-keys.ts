import { G2GError } from '../errors.js';
import type { Tenants } from '../tenants/tenants.js';

/**
 * API key creation for operators (admin API and `g2g keys create`): unlike the in-process `tenants.createKey`, it
 * refuses an org that has not authorized the Service App, so a typo is not granted silently.
 */
export function createOperatorKeys(deps: { tenants: Pick<Tenants, 'createKey'>; orgs: { list(ids: readonly string[]): Promise<readonly { id: string }[]> } }) {
  return (input: { tenantName: string; orgIds: readonly string[]; expiresAt?: number | undefined }) => createOperatorKey(deps, input);
}

export async function createOperatorKey(
  deps: { tenants: Pick<Tenants, 'createKey'>; orgs: { list(ids: readonly string[]): Promise<readonly { id: string }[]> } },
  input: { tenantName: string; orgIds: readonly string[]; expiresAt?: number | undefined },
): Promise<{ tenantId: string; keyId: string; apiKey: string }> {
  const known = new Set((await deps.orgs.list(input.orgIds)).map((o) => o.id));
  const unknown = input.orgIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new G2GError({
      code: 'validation_failed',
      status: 400,
      message: `unknown org ${unknown.join(', ')}: only orgs that authorized the Service App can be granted (g2g orgs list shows them)`,
      fields: [{ field: 'orgIds', message: `unknown org ${unknown.join(', ')}: must be an org that authorized the Service App` }],
    });
  }
  return deps.tenants.createKey({ tenantName: input.tenantName, orgIds: input.orgIds, expiresAt: input.expiresAt });
}

import { orgUnavailableError } from './org.js';
import type { OrgStore } from './org-store.js';

/**
 * The vault's guard for an org's tokens: only a ready or pending org may use them (pending: the authorization
 * flow itself uses the org token to register webhooks). Throws the G2GError that says why not.
 */
export async function requireTokenEligible(orgStore: Pick<OrgStore, 'find'>, orgId: string): Promise<void> {
  const org = await orgStore.find(orgId);
  if (org?.status === 'ready' || org?.status === 'pending') return;
  throw orgUnavailableError(orgId, org?.status, org?.statusReason ?? null);
}

import type { Kysely } from 'kysely';
import { findOrgRow } from '../../store/org-store.js';
import type { Database } from '../../store/schema.js';
import { isOrgStatus, orgUnavailableError } from './org.js';

/**
 * The vault's guard for an org's tokens: only a ready or pending org may use them (pending: the authorization
 * flow itself uses the org token to register webhooks). Throws the G2GError that says why not.
 */
export async function requireTokenEligible(db: Kysely<Database>, orgId: string): Promise<void> {
  const row = await findOrgRow(db, orgId);
  if (row?.status === 'ready' || row?.status === 'pending') return;
  throw orgUnavailableError(orgId, row && isOrgStatus(row.status) ? row.status : undefined, row?.status_reason ?? null);
}

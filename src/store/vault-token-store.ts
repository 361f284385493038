import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { VaultTokensTable } from './schema-orgs.js';

export type VaultTokenRow = Selectable<VaultTokensTable>;
type Db = Kysely<Database>;

export interface VaultTokenValues {
  access_token_enc: string;
  access_token_expires_at: number;
  refresh_token_enc: string | null;
  refresh_token_expires_at: number | null;
  issued_at: number;
}

export async function findVaultToken(db: Db, subject: string): Promise<VaultTokenRow | undefined> {
  return db.selectFrom('vault_tokens').selectAll().where('subject', '=', subject).executeTakeFirst();
}

/** Every stored token row, or those of the given subjects (one query either way). */
export async function listVaultTokens(db: Db, subjects?: readonly string[]): Promise<VaultTokenRow[]> {
  if (subjects !== undefined && subjects.length === 0) return [];
  let q = db.selectFrom('vault_tokens').selectAll().orderBy('subject');
  if (subjects !== undefined) q = q.where('subject', 'in', subjects);
  return q.execute();
}

/** Stores a token pair (first time or replacing), bumping the version and clearing any lease. */
export async function saveVaultToken(db: Db, subject: string, values: VaultTokenValues, now: number): Promise<void> {
  await db
    .insertInto('vault_tokens')
    .values({ subject, ...values, version: 1, refresh_lease_until: null, refresh_lease_owner: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet((eb) => ({
        ...values,
        version: eb('vault_tokens.version', '+', 1),
        refresh_lease_until: null,
        refresh_lease_owner: null,
        updated_at: now,
      })),
    )
    .execute();
}

/** Seeds a row only when none exists (e.g. the configured token-manager credential). */
export async function insertVaultTokenIfAbsent(db: Db, subject: string, values: VaultTokenValues, now: number): Promise<void> {
  await db
    .insertInto('vault_tokens')
    .values({ subject, ...values, version: 1, refresh_lease_until: null, refresh_lease_owner: null, updated_at: now })
    .onConflict((oc) => oc.column('subject').doNothing())
    .execute();
}

/** Compare-and-set: take the refresh lease unless a peer holds a live one. True when this caller now holds it. */
export async function claimRefreshLease(db: Db, subject: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('vault_tokens')
    .set({ refresh_lease_until: now + leaseMs, refresh_lease_owner: owner })
    .where('subject', '=', subject)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Writes refreshed tokens only while `owner` still holds the lease; false means a peer took over. */
export async function completeRefresh(db: Db, subject: string, owner: string, values: VaultTokenValues, now: number): Promise<boolean> {
  const result = await db
    .updateTable('vault_tokens')
    .set((eb) => ({
      ...values,
      version: eb('version', '+', 1),
      refresh_lease_until: null,
      refresh_lease_owner: null,
      updated_at: now,
    }))
    .where('subject', '=', subject)
    .where('refresh_lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function releaseRefreshLease(db: Db, subject: string, owner: string): Promise<void> {
  await db
    .updateTable('vault_tokens')
    .set({ refresh_lease_until: null, refresh_lease_owner: null })
    .where('subject', '=', subject)
    .where('refresh_lease_owner', '=', owner)
    .execute();
}

/** Replaces ciphertexts (key rotation) only if nobody wrote the row since it was read. */
export async function replaceCiphertexts(
  db: Db,
  subject: string,
  version: number,
  values: { access_token_enc: string; refresh_token_enc: string | null },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('vault_tokens')
    .set({ ...values, version: version + 1, updated_at: now })
    .where('subject', '=', subject)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteVaultToken(db: Db, subject: string): Promise<boolean> {
  const result = await db.deleteFrom('vault_tokens').where('subject', '=', subject).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

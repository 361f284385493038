import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { ApiKeysTable, TenantsTable } from './schema-orgs.js';

export type TenantRow = Selectable<TenantsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
type Db = Kysely<Database>;

export async function findTenantByName(db: Db, name: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findTenant(db: Db, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates the tenant unless one with that name exists; returns the stored one either way. */
export async function ensureTenant(db: Db, tenant: { id: string; name: string }, now: number): Promise<TenantRow> {
  await db
    .insertInto('tenants')
    .values({ ...tenant, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await findTenantByName(db, tenant.name);
  if (row === undefined) throw new Error('tenant vanished right after insert');
  return row;
}

export async function grantTenantOrg(db: Db, tenantId: string, orgId: string, now: number): Promise<void> {
  await db
    .insertInto('tenant_orgs')
    .values({ tenant_id: tenantId, org_id: orgId, created_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'org_id']).doNothing())
    .execute();
}

export async function listTenantOrgIds(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('tenant_orgs').select('org_id').where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('org_id').execute();
  return rows.map((r) => r.org_id);
}

export async function insertApiKey(db: Db, key: { id: string; tenant_id: string; key_hash: string; expires_at?: number | null }, now: number): Promise<void> {
  await db.insertInto('api_keys').values({ ...key, created_at: now, revoked_at: null }).execute();
}

/** Every tenant by name (operators' listing). */
export async function listTenantRows(db: Db): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('name').execute();
}

/** Every tenant's org grants, for listing tenants without a query per tenant. */
export async function listAllTenantOrgs(db: Db): Promise<{ tenant_id: string; org_id: string }[]> {
  return db.selectFrom('tenant_orgs').select(['tenant_id', 'org_id']).orderBy('created_at').orderBy('org_id').execute();
}

/** API keys (never their hashes), newest first, of one tenant or all. */
export async function listApiKeyRows(db: Db, tenantId?: string): Promise<Omit<ApiKeyRow, 'key_hash'>[]> {
  let q = db.selectFrom('api_keys').select(['id', 'tenant_id', 'created_at', 'revoked_at', 'expires_at']);
  if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Marks the key revoked (first revocation time kept); false when there is no such key. */
export async function revokeApiKey(db: Db, id: string, now: number): Promise<boolean> {
  const found = await findApiKey(db, id);
  if (found === undefined) return false;
  await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return true;
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

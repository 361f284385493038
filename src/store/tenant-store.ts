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

export async function insertApiKey(db: Db, key: { id: string; tenant_id: string; key_hash: string }, now: number): Promise<void> {
  await db.insertInto('api_keys').values({ ...key, created_at: now, revoked_at: null }).execute();
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

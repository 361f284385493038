import type { Kysely } from 'kysely';
import type { ApiKeyStore, TenantStore } from '../core/tenants/tenant-store.js';
import type { Database } from './schema.js';
import { ensureTenant, findApiKey, findTenant, grantTenantOrg, insertApiKey, listTenantOrgIds, type TenantRow } from './tenant-store.js';

const toTenant = (row: TenantRow) => ({ id: row.id, name: row.name, createdAt: Number(row.created_at) });

/** The tenants and tenant_orgs tables, for core's TenantStore (over the row functions of tenant-store.ts). */
export function createTenantRepository(db: Kysely<Database>): TenantStore {
  return {
    find: async (tenantId) => {
      const row = await findTenant(db, tenantId);
      return row && toTenant(row);
    },
    ensure: async (tenant, now) => toTenant(await ensureTenant(db, tenant, now)),
    grantOrg: (tenantId, orgId, now) => grantTenantOrg(db, tenantId, orgId, now),
    listOrgIds: (tenantId) => listTenantOrgIds(db, tenantId),
  };
}

/** The api_keys table, for core's ApiKeyStore. */
export function createApiKeyRepository(db: Kysely<Database>): ApiKeyStore {
  return {
    insert: (key, now) => insertApiKey(db, { id: key.id, tenant_id: key.tenantId, key_hash: key.keyHash }, now),
    find: async (keyId) => {
      const row = await findApiKey(db, keyId);
      return row && { id: row.id, tenantId: row.tenant_id, keyHash: row.key_hash, createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) };
    },
  };
}

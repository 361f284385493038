import type { Kysely } from 'kysely';
import type { GuestLanguage } from '../core/tenants/brand.js';
import type { ApiKeyStore, TenantBrandStore, TenantStore } from '../core/tenants/tenant-store.js';
import type { Database } from './schema.js';
import {
  ensureTenant,
  findApiKey,
  findTenant,
  grantTenantOrg,
  insertApiKey,
  listAllTenantOrgs,
  listApiKeyRows,
  listTenantOrgIds,
  listTenantRows,
  revokeApiKey,
  type TenantRow,
} from './tenant-store.js';

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
    list: async () => (await listTenantRows(db)).map(toTenant),
    listAllGrants: async () => (await listAllTenantOrgs(db)).map((g) => ({ tenantId: g.tenant_id, orgId: g.org_id })),
  };
}

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

const toKey = (row: { id: string; tenant_id: string; created_at: number; revoked_at: number | null; expires_at: number | null }) => ({
  id: row.id,
  tenantId: row.tenant_id,
  createdAt: Number(row.created_at),
  revokedAt: numOrNull(row.revoked_at),
  expiresAt: numOrNull(row.expires_at),
});

/** The api_keys table, for core's ApiKeyStore. */
export function createApiKeyRepository(db: Kysely<Database>): ApiKeyStore {
  return {
    insert: (key, now) => insertApiKey(db, { id: key.id, tenant_id: key.tenantId, key_hash: key.keyHash, expires_at: key.expiresAt }, now),
    find: async (keyId) => {
      const row = await findApiKey(db, keyId);
      return row && { ...toKey(row), keyHash: row.key_hash };
    },
    list: async (tenantId) => (await listApiKeyRows(db, tenantId)).map(toKey),
    revoke: (keyId, now) => revokeApiKey(db, keyId, now),
  };
}

/** The tenant_brands table, for core's TenantBrandStore. */
export function createTenantBrandRepository(db: Kysely<Database>): TenantBrandStore {
  return {
    async find(tenantId) {
      const row = await db.selectFrom('tenant_brands').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        displayName: row.display_name,
        logoUrl: row.logo_url,
        accentColor: row.accent_color,
        // Only g2g writes this column, always one of GUEST_LANGUAGES.
        language: row.language as GuestLanguage,
      };
    },
    async save(tenantId, brand, now) {
      const values = { display_name: brand.displayName, logo_url: brand.logoUrl, accent_color: brand.accentColor, language: brand.language, updated_at: now };
      await db
        .insertInto('tenant_brands')
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    },
  };
}

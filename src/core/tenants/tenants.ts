import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
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
} from '../../store/tenant-store.js';
import type { Clock } from '../clock.js';
import { G2GError } from '../errors.js';

export interface Tenant {
  id: string;
  name: string;
  orgIds: string[];
}

/** An API key as operators see it: its id (the `g2g_<id>_` part), never the secret or its hash. */
export interface ApiKeyView {
  id: string;
  tenantId: string;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
  /** active | revoked | expired */
  status: 'active' | 'revoked' | 'expired';
}

export interface TenantView extends Tenant {
  createdAt: string;
}

export interface Tenants {
  /** The tenant a raw API key belongs to, or undefined (unknown, malformed, revoked, expired). */
  authenticate(rawKey: string): Promise<Tenant | undefined>;
  /**
   * Creates (or reuses, by name) a tenant and a new API key for it. The raw key is returned once and stored only hashed.
   * `expiresAt` (epoch ms) makes the key stop working then.
   */
  createKey(input: { tenantName: string; orgIds?: readonly string[]; expiresAt?: number | undefined }): Promise<{ tenantId: string; apiKey: string; keyId: string }>;
  grantOrg(tenantId: string, orgId: string): Promise<void>;
  list(): Promise<TenantView[]>;
  listKeys(tenantId?: string): Promise<ApiKeyView[]>;
  /** Revokes the key at once on every instance (authenticate reads the key row on each call); 404 when unknown. */
  revokeKey(keyId: string): Promise<ApiKeyView>;
}

// g2g_<12 hex id>_<43 base64url secret>: the id finds the row in O(1); only sha256(whole key) is stored.
const KEY_PATTERN = /^g2g_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const TENANT_NAME = /^[\w .@-]{1,100}$/;
const CACHE_MS = 10_000;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function createTenants(deps: { db: Kysely<Database>; clock: Clock }): Tenants {
  const { db, clock } = deps;
  // A short cache keeps key checks off the database on the hot path; entries are keyed by the
  // key's hash (never the raw key) and live 10 s, and grants on this instance clear it.
  const cache = new Map<string, { tenant: Tenant; until: number }>();

  return {
    async authenticate(rawKey) {
      const match = KEY_PATTERN.exec(rawKey.trim());
      if (match === null) return undefined;
      const hash = sha256(rawKey.trim());
      const cacheKey = hash.toString('hex');
      // The key row is read on every call (one primary-key lookup), so a revocation on any instance counts at once;
      // only the tenant and its orgs are cached.
      const row = await findApiKey(db, match[1] as string);
      if (row === undefined || row.revoked_at !== null) return undefined;
      if (row.expires_at !== null && Number(row.expires_at) <= clock.now()) return undefined;
      if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), hash)) return undefined;
      const hit = cache.get(cacheKey);
      if (hit !== undefined && hit.until > clock.now()) return hit.tenant;
      // Both reads need only the key row: one round trip instead of two on this per-request path.
      const [tenantRow, orgIds] = await Promise.all([findTenant(db, row.tenant_id), listTenantOrgIds(db, row.tenant_id)]);
      if (tenantRow === undefined) return undefined;
      const tenant = { id: tenantRow.id, name: tenantRow.name, orgIds };
      cache.set(cacheKey, { tenant, until: clock.now() + CACHE_MS });
      return tenant;
    },

    async createKey({ tenantName, orgIds = [], expiresAt }) {
      const name = tenantName.trim();
      if (!TENANT_NAME.test(name)) {
        throw new G2GError({
          code: 'validation_failed',
          status: 400,
          message: 'tenant name must be 1-100 letters, digits, spaces or . @ - _',
          fields: [{ field: 'tenantName', message: 'must be 1-100 letters, digits, spaces or . @ - _' }],
        });
      }
      const now = clock.now();
      if (expiresAt !== undefined && (!Number.isFinite(expiresAt) || expiresAt <= now)) {
        throw new G2GError({ code: 'validation_failed', status: 400, message: 'the key is invalid', fields: [{ field: 'expiresAt', message: 'must be a time in the future' }] });
      }
      const tenant = await ensureTenant(db, { id: randomUUID(), name }, now);
      for (const orgId of orgIds) await grantTenantOrg(db, tenant.id, orgId, now);
      const id = randomBytes(6).toString('hex');
      const apiKey = `g2g_${id}_${randomBytes(32).toString('base64url')}`;
      await insertApiKey(db, { id, tenant_id: tenant.id, key_hash: sha256(apiKey).toString('hex'), expires_at: expiresAt ?? null }, now);
      cache.clear();
      return { tenantId: tenant.id, apiKey, keyId: id };
    },

    async grantOrg(tenantId, orgId) {
      if ((await findTenant(db, tenantId)) === undefined) {
        throw new G2GError({ code: 'not_found', status: 404, message: 'no such tenant' });
      }
      await grantTenantOrg(db, tenantId, orgId, clock.now());
      cache.clear();
    },

    async list() {
      const [rows, grants] = await Promise.all([listTenantRows(db), listAllTenantOrgs(db)]);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        orgIds: grants.filter((g) => g.tenant_id === r.id).map((g) => g.org_id),
        createdAt: new Date(Number(r.created_at)).toISOString(),
      }));
    },

    async listKeys(tenantId) {
      const now = clock.now();
      return (await listApiKeyRows(db, tenantId)).map((r) => keyView(r, now));
    },

    async revokeKey(keyId) {
      if (!(await revokeApiKey(db, keyId, clock.now()))) throw new G2GError({ code: 'not_found', status: 404, message: `no API key ${keyId}` });
      cache.clear();
      const row = await findApiKey(db, keyId);
      if (row === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `no API key ${keyId}` });
      return keyView(row, clock.now());
    },
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

function keyView(r: { id: string; tenant_id: string; created_at: number; revoked_at: number | null; expires_at: number | null }, now: number): ApiKeyView {
  const status = r.revoked_at !== null ? 'revoked' : r.expires_at !== null && Number(r.expires_at) <= now ? 'expired' : 'active';
  return { id: r.id, tenantId: r.tenant_id, createdAt: iso(r.created_at) as string, revokedAt: iso(r.revoked_at), expiresAt: iso(r.expires_at), status };
}

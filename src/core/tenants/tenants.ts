import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import { G2GError } from '../errors.js';
import { applyBrandInput, brandInputSchema, DEFAULT_BRAND, type TenantBrand } from './brand.js';
import type { ApiKeyRecord, ApiKeyStore, TenantBrandStore, TenantStore } from './tenant-store.js';

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
  /** How the tenant's guests see g2g's pages (the default until an operator sets one). */
  brand(tenantId: string): Promise<TenantBrand>;
  /** Validates and applies a partial brand (null clears a field); G2GError validation_failed naming the field, or not_found. */
  setBrand(tenantId: string, input: unknown): Promise<TenantBrand>;
  list(): Promise<TenantView[]>;
  listKeys(tenantId?: string): Promise<ApiKeyView[]>;
  /** Revokes the key at once on every instance (authenticate reads the key on each call); 404 when unknown. */
  revokeKey(keyId: string): Promise<ApiKeyView>;
}

// g2g_<12 hex id>_<43 base64url secret>: the id finds the row in O(1); only sha256(whole key) is stored.
const KEY_PATTERN = /^g2g_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const TENANT_NAME = /^[\w .@-]{1,100}$/;
const CACHE_MS = 10_000;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function createTenants(deps: { tenantStore: TenantStore; apiKeyStore: ApiKeyStore; brandStore: TenantBrandStore; clock: Clock }): Tenants {
  const { tenantStore, apiKeyStore, brandStore, clock } = deps;
  // A short cache keeps key checks off the database on the hot path; entries are keyed by the
  // key's hash (never the raw key) and live 10 s, and grants on this instance clear it.
  const cache = new Map<string, { tenant: Tenant; until: number }>();

  return {
    async authenticate(rawKey) {
      const match = KEY_PATTERN.exec(rawKey.trim());
      if (match === null) return undefined;
      const hash = sha256(rawKey.trim());
      const cacheKey = hash.toString('hex');
      // The key is read on every call (one primary-key lookup), so a revocation on any instance counts at once;
      // only the tenant and its orgs are cached.
      const key = await apiKeyStore.find(match[1] as string);
      if (key === undefined || key.revokedAt !== null) return undefined;
      if (key.expiresAt !== null && key.expiresAt <= clock.now()) return undefined;
      if (!timingSafeEqual(Buffer.from(key.keyHash, 'hex'), hash)) return undefined;
      const hit = cache.get(cacheKey);
      if (hit !== undefined && hit.until > clock.now()) return hit.tenant;
      // Both reads need only the key: one round trip instead of two on this per-request path.
      const [found, orgIds] = await Promise.all([tenantStore.find(key.tenantId), tenantStore.listOrgIds(key.tenantId)]);
      if (found === undefined) return undefined;
      const tenant = { id: found.id, name: found.name, orgIds };
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
      const tenant = await tenantStore.ensure({ id: randomUUID(), name }, now);
      for (const orgId of orgIds) await tenantStore.grantOrg(tenant.id, orgId, now);
      const id = randomBytes(6).toString('hex');
      const apiKey = `g2g_${id}_${randomBytes(32).toString('base64url')}`;
      await apiKeyStore.insert({ id, tenantId: tenant.id, keyHash: sha256(apiKey).toString('hex'), expiresAt: expiresAt ?? null }, now);
      cache.clear();
      return { tenantId: tenant.id, apiKey, keyId: id };
    },

    async grantOrg(tenantId, orgId) {
      if ((await tenantStore.find(tenantId)) === undefined) {
        throw new G2GError({ code: 'not_found', status: 404, message: 'no such tenant' });
      }
      await tenantStore.grantOrg(tenantId, orgId, clock.now());
      cache.clear();
    },

    async brand(tenantId) {
      return (await brandStore.find(tenantId)) ?? DEFAULT_BRAND;
    },

    async setBrand(tenantId, input) {
      const parsed = brandInputSchema.safeParse(input);
      if (!parsed.success) {
        const fields = parsed.error.issues.flatMap((i) =>
          i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ field: k, message: 'is not a known field' })) : [{ field: i.path.join('.') || 'body', message: i.message }],
        );
        throw new G2GError({ code: 'validation_failed', status: 400, message: `invalid brand: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields });
      }
      if ((await tenantStore.find(tenantId)) === undefined) throw new G2GError({ code: 'not_found', status: 404, message: 'no such tenant' });
      const brand = applyBrandInput((await brandStore.find(tenantId)) ?? DEFAULT_BRAND, parsed.data);
      await brandStore.save(tenantId, brand, clock.now());
      return brand;
    },

    async list() {
      const [records, grants] = await Promise.all([tenantStore.list(), tenantStore.listAllGrants()]);
      return records.map((r) => ({
        id: r.id,
        name: r.name,
        orgIds: grants.filter((g) => g.tenantId === r.id).map((g) => g.orgId),
        createdAt: new Date(r.createdAt).toISOString(),
      }));
    },

    async listKeys(tenantId) {
      const now = clock.now();
      return (await apiKeyStore.list(tenantId)).map((k) => keyView(k, now));
    },

    async revokeKey(keyId) {
      if (!(await apiKeyStore.revoke(keyId, clock.now()))) throw new G2GError({ code: 'not_found', status: 404, message: `no API key ${keyId}` });
      cache.clear();
      const key = await apiKeyStore.find(keyId);
      if (key === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `no API key ${keyId}` });
      return keyView(key, clock.now());
    },
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

function keyView(k: Omit<ApiKeyRecord, 'keyHash'>, now: number): ApiKeyView {
  const status = k.revokedAt !== null ? 'revoked' : k.expiresAt !== null && k.expiresAt <= now ? 'expired' : 'active';
  return { id: k.id, tenantId: k.tenantId, createdAt: new Date(k.createdAt).toISOString(), revokedAt: iso(k.revokedAt), expiresAt: iso(k.expiresAt), status };
}

import type { TenantBrand } from './brand.js';

/** A company using g2g: API keys belong to it, and it may use the orgs granted to it. */
export interface TenantRecord {
  id: string;
  name: string;
  createdAt: number;
}

/** An API key as stored: only sha256 of the whole key, found by its id. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  keyHash: string;
  createdAt: number;
  revokedAt: number | null;
}

/** Tenants, their orgs and their API keys. */
export interface TenantStore {
  find(tenantId: string): Promise<TenantRecord | undefined>;
  /** Creates the tenant unless one with that name exists; answers the stored one either way. */
  ensure(tenant: { id: string; name: string }, now: number): Promise<TenantRecord>;
  /** Lets the tenant use the org (granting twice is a no-op). */
  grantOrg(tenantId: string, orgId: string, now: number): Promise<void>;
  /** The tenant's orgs, in the order they were granted. */
  listOrgIds(tenantId: string): Promise<string[]>;
}

export interface ApiKeyStore {
  insert(key: { id: string; tenantId: string; keyHash: string }, now: number): Promise<void>;
  find(keyId: string): Promise<ApiKeyRecord | undefined>;
}

/** Each tenant's brand for the guest-facing pages (absent: the default). */
export interface TenantBrandStore {
  find(tenantId: string): Promise<TenantBrand | undefined>;
  save(tenantId: string, brand: TenantBrand, now: number): Promise<void>;
}

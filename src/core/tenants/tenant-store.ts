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
  /** When the key stops working; null: never. */
  expiresAt: number | null;
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
  /** Every tenant, by name. */
  list(): Promise<TenantRecord[]>;
  /** Every grant of every tenant, in grant order (listing tenants without a read per tenant). */
  listAllGrants(): Promise<{ tenantId: string; orgId: string }[]>;
}

export interface ApiKeyStore {
  insert(key: { id: string; tenantId: string; keyHash: string; expiresAt: number | null }, now: number): Promise<void>;
  find(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Keys (never their hashes), newest first, of one tenant or all. */
  list(tenantId?: string): Promise<Omit<ApiKeyRecord, 'keyHash'>[]>;
  /** Marks the key revoked (the first revocation time is kept); false when there is no such key. */
  revoke(keyId: string, now: number): Promise<boolean>;
}

/** Each tenant's brand for the guest-facing pages (absent: the default). */
export interface TenantBrandStore {
  find(tenantId: string): Promise<TenantBrand | undefined>;
  save(tenantId: string, brand: TenantBrand, now: number): Promise<void>;
}

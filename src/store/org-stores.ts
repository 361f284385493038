import type { Kysely } from 'kysely';
import type { OrgStore, OrgWebhookStore } from '../core/orgs/org-store.js';
import type { ApiKeyStore, TenantBrandStore, TenantStore } from '../core/tenants/tenant-store.js';
import type { TokenStore } from '../core/vault/token-store.js';
import type { InboxStore } from '../core/webhooks/inbox-store.js';
import { createInboxRepository } from './inbox-repository.js';
import { createOrgRepository } from './org-repository.js';
import type { Database } from './schema.js';
import { createApiKeyRepository, createTenantBrandRepository, createTenantRepository } from './tenant-repository.js';
import { createTokenRepository } from './token-repository.js';

export interface OrgStores {
  orgStore: OrgStore & OrgWebhookStore;
  tokenStore: TokenStore;
  tenantStore: TenantStore;
  apiKeyStore: ApiKeyStore;
  brandStore: TenantBrandStore;
  inboxStore: InboxStore;
}

/** Every store port of the orgs side (orgs, vault, tenants, webhook inbox), over one database. */
export function createOrgStores(db: Kysely<Database>): OrgStores {
  return {
    orgStore: createOrgRepository(db),
    tokenStore: createTokenRepository(db),
    tenantStore: createTenantRepository(db),
    apiKeyStore: createApiKeyRepository(db),
    brandStore: createTenantBrandRepository(db),
    inboxStore: createInboxRepository(db),
  };
}

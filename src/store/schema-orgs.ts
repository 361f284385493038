import type { ColumnType } from 'kysely';

/**
 * Tables owned by the orgs part (authorization, token vault, webhook inbox, tenants).
 * Common column types only (docs/contributing.md §11): epoch-ms bigint read as number, JSON as text,
 * booleans as 0/1 integers.
 */

export interface OrgsTable {
  id: string;
  /** 'pending' | 'ready' | 'refused' | 'deauthorized' | 'needs_reauth' */
  status: string;
  site_url: string | null;
  /** JSON array of granted scopes. */
  scopes: string;
  authorized_at: number | null;
  /** Why the org is in its status (missing scope, refused refresh...): shown in preflight. Never holds a token. */
  status_reason: string | null;
  /** When g2g's meeting webhooks were last registered for the org. */
  webhooks_registered_at: number | null;
  /** Why the last registration left some meeting webhooks missing (a Webex error); null once all are in place. Never holds a secret. */
  webhooks_problem: ColumnType<string | null, string | null | undefined, string | null>;
  /** When g2g received the last serviceApp event it applied (an older retry is then ignored). */
  last_event_received_at: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * One encrypted token pair per subject: an org id, or `app:token-manager` for the credential that
 * mints org tokens. `version` grows with every write so a peer can tell a refresh happened;
 * the lease columns make at most one refresh per subject run at a time across instances.
 */
export interface VaultTokensTable {
  subject: string;
  access_token_enc: string;
  access_token_expires_at: number;
  /** Null when the token has no refresh token (a static token-manager token). */
  refresh_token_enc: string | null;
  refresh_token_expires_at: number | null;
  /** When the current access token was issued: refresh-ahead measures lifetime from here. */
  issued_at: number;
  version: number;
  refresh_lease_until: number | null;
  refresh_lease_owner: string | null;
  updated_at: number;
}

/** The webhook inbox: each delivery stored once under a content key, processed from the row. */
export interface WebhookEventsTable {
  id: string;
  /** resource:event:sha256(data) — Webex signs no timestamp and may redeliver: our replay guard. */
  dedupe_key: string;
  resource: string;
  event: string;
  org_id: string | null;
  webhook_id: string | null;
  /** The envelope as received (JSON text). Envelopes carry no tokens. */
  body: string;
  /** 'pending' | 'processing' | 'done' | 'failed' */
  status: string;
  attempts: number;
  last_error: string | null;
  /** A processing claim: another instance leaves the row alone until this passes. */
  lease_until: number | null;
  received_at: number;
  processed_at: number | null;
}

export interface TenantsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface TenantBrandsTable {
  tenant_id: string;
  display_name: string | null;
  logo_url: string | null;
  accent_color: string | null;
  /** One of GUEST_LANGUAGES (only g2g writes it). */
  language: string;
  updated_at: number;
}

export interface TenantOrgsTable {
  tenant_id: string;
  org_id: string;
  created_at: number;
}

/** API keys: `g2g_<id>_<secret>`; only sha256 of the whole key is kept, found by its id in O(1). */
export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  key_hash: string;
  created_at: number;
  revoked_at: number | null;
  /** After this (epoch ms) the key is refused; null: it does not expire. */
  expires_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface OrgTables {
  orgs: OrgsTable;
  vault_tokens: VaultTokensTable;
  webhook_events: WebhookEventsTable;
  tenants: TenantsTable;
  tenant_orgs: TenantOrgsTable;
  tenant_brands: TenantBrandsTable;
  api_keys: ApiKeysTable;
}

import type { Kysely } from 'kysely';

/**
 * Orgs, token vault, webhook inbox, tenants and API keys. Frozen: never edit after release,
 * add a new migration instead. Common column types only, so SQLite and PostgreSQL share it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('authorized_at', 'bigint')
    .addColumn('status_reason', 'text')
    .addColumn('webhooks_registered_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vault_tokens')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('access_token_enc', 'text', (c) => c.notNull())
    .addColumn('access_token_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('refresh_token_enc', 'text')
    .addColumn('refresh_token_expires_at', 'bigint')
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('refresh_lease_until', 'bigint')
    .addColumn('refresh_lease_owner', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('webhook_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  await db.schema.createIndex('webhook_events_status').on('webhook_events').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tenant_orgs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_orgs_pk', ['tenant_id', 'org_id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_keys', 'tenant_orgs', 'tenants', 'webhook_events', 'vault_tokens', 'orgs']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

import type { Kysely } from 'kysely';

/**
 * API keys may expire (`expires_at`, epoch ms; null: never), and each click the license governor held back is kept
 * (`admission_deferrals`) so usage reports can count deferred clicks and wait times (docs/api.md §Usage reports).
 * Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'bigint').execute();
  await db.schema
    .createTable('admission_deferrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('deferred_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admission_deferrals_org_time').on('admission_deferrals').columns(['org_id', 'deferred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('admission_deferrals').execute();
  await db.schema.alterTable('api_keys').dropColumn('expires_at').execute();
}

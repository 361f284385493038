import type { Kysely } from 'kysely';

/** Each tenant's brand for the guest-facing pages: a row only once an operator set one. Frozen once released. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_brands')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('display_name', 'text')
    .addColumn('logo_url', 'text')
    .addColumn('accent_color', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_brands').execute();
}

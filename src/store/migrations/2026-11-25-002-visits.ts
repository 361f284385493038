import type { Kysely } from 'kysely';

/*
 * Visits, seats, join links (hashes only), persistent guests and known licenses. Frozen: never edit after
 * release, add a new migration instead. No app imports (the schema it creates is what later code reads).
 */
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('hostless', 'integer', (c) => c.notNull())
    .addColumn('space', 'integer', (c) => c.notNull())
    .addColumn('adhoc', 'integer', (c) => c.notNull())
    .addColumn('persistent_guests', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text')
    .addColumn('meeting_instance_id', 'text')
    .addColumn('meeting_number', 'text')
    .addColumn('web_link', 'text')
    .addColumn('site_url', 'text')
    .addColumn('meeting_state', 'text')
    .addColumn('room_id', 'text')
    .addColumn('capacity_warning', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .execute();
  // NULLs are distinct in unique indexes on both SQLite and PostgreSQL, so absent keys never collide.
  await db.schema.createIndex('visits_tenant_idempotency_key').unique().on('visits').columns(['tenant_id', 'idempotency_key']).execute();
  await db.schema.createIndex('visits_tenant_external_id').unique().on('visits').columns(['tenant_id', 'external_id']).execute();
  await db.schema.createIndex('visits_tenant_start').on('visits').columns(['tenant_id', 'start_at', 'id']).execute();
  await db.schema.createIndex('visits_meeting_id').on('visits').column('meeting_id').execute();
  await db.schema.createIndex('visits_meeting_instance_id').on('visits').column('meeting_instance_id').execute();
  await db.schema.createIndex('visits_org_status').on('visits').columns(['org_id', 'status']).execute();

  await db.schema
    .createTable('visit_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('join_email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('guest_id', 'text')
    .addColumn('webex_participant_id', 'text')
    .addColumn('joined_at', 'bigint')
    .addColumn('left_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_participants_visit').on('visit_participants').columns(['visit_id', 'position']).execute();

  await db.schema
    .createTable('visit_links')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('visit_participants.id').onDelete('cascade'))
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('visit_links_participant').on('visit_links').column('participant_id').execute();

  await db.schema
    .createTable('visit_guests')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('guest_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('visit_guests_pk', ['org_id', 'subject'])
    .execute();

  await db.schema
    .createTable('org_capacity')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('licensed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['org_capacity', 'visit_guests', 'visit_links', 'visit_participants', 'visits']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

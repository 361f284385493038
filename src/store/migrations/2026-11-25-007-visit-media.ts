import type { Kysely } from 'kysely';

/**
 * Recordings and transcripts Webex made of a visit's meeting: their Webex ids and times only. Playback and download
 * links and the recording password are secrets and expire: they are read from Webex when asked, never stored.
 * Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visit_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('meeting_instance_id', 'text')
    .addColumn('recorded_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_media_visit').on('visit_media').columns(['visit_id', 'kind', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visit_media').execute();
}

import type { Kysely } from 'kysely';

/**
 * Orders serviceApp events per org by when g2g received them: a retried older event must not undo a
 * newer one (Webex events carry no sequence). Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('last_event_received_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').dropColumn('last_event_received_at').execute();
}

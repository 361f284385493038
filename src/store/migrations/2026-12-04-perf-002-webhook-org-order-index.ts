import type { Kysely } from 'kysely';

/*
 * webhook_events by (org, status, received): an org's events are worked in arrival order across instances, so every
 * hold, claim and wake asks "which events of this org are unfinished, and which is next?". Without it each question
 * read every unfinished event of every org through the (status, received_at) index; in a burst that is the backlog.
 * Frozen once released: add a new migration instead of editing this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('webhook_events_org_status').on('webhook_events').columns(['org_id', 'status', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_events_org_status').execute();
}

import type { Kysely } from 'kysely';

/**
 * Outbound events are ordered per key (one visit, one org), not in one line: `order_key` names the line an event
 * waits in (docs/events.md §Delivery). Rows from before have '' and keep the old single line among themselves.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('event_outbox').addColumn('order_key', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('event_outbox').dropColumn('order_key').execute();
}

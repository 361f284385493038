import type { Kysely } from 'kysely';

/**
 * The license governor's holds, in the database so several g2g instances on one database see each other's:
 * `visits.start_hold_until` marks a visit let through to start its meeting (until its start is seen), and
 * `org_capacity.admission_version` is bumped by each such decision, a compare-and-set that makes two instances'
 * simultaneous decisions for one org take turns. Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('start_hold_until', 'bigint').execute();
  await db.schema.alterTable('org_capacity').addColumn('admission_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('org_capacity').dropColumn('admission_version').execute();
  await db.schema.alterTable('visits').dropColumn('start_hold_until').execute();
}

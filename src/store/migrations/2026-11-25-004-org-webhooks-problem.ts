import type { Kysely } from 'kysely';

/**
 * Why an org's meeting webhooks are not all registered (the last attempt's error), so the org can be
 * ready while the reconcile pass retries, and the org answer and preflight say what is degraded.
 * Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('webhooks_problem', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').dropColumn('webhooks_problem').execute();
}

import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { OrgsTable } from './schema-orgs.js';

export type OrgRow = Selectable<OrgsTable>;
type Db = Kysely<Database>;

export async function findOrgRow(db: Db, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrgRows(db: Db, ids?: readonly string[]): Promise<OrgRow[]> {
  if (ids !== undefined && ids.length === 0) return [];
  let q = db.selectFrom('orgs').selectAll().orderBy('created_at').orderBy('id');
  if (ids !== undefined) q = q.where('id', 'in', ids);
  return q.execute();
}

/** Records an authorization (new or repeated): scopes, site and status, keeping created_at. */
export async function upsertAuthorizedOrg(
  db: Db,
  org: { id: string; status: string; siteUrl: string | null; scopes: readonly string[]; authorizedAt: number; reason: string | null; eventReceivedAt: number },
  now: number,
): Promise<void> {
  const values = {
    last_event_received_at: org.eventReceivedAt,
    status: org.status,
    site_url: org.siteUrl,
    scopes: JSON.stringify(org.scopes),
    authorized_at: org.authorizedAt,
    status_reason: org.reason,
    // A new authorization registers its webhooks afresh (its scopes may differ).
    webhooks_problem: null,
    updated_at: now,
  };
  await db
    .insertInto('orgs')
    .values({ id: org.id, ...values, webhooks_registered_at: null, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/**
 * Moves an org to `status`; with `from`, only when it is currently in one of those statuses
 * (compare-and-set). Returns whether the row changed.
 */
export async function setOrgStatus(
  db: Db,
  id: string,
  status: string,
  reason: string | null,
  now: number,
  from?: readonly string[],
): Promise<boolean> {
  let q = db.updateTable('orgs').set({ status, status_reason: reason, updated_at: now }).where('id', '=', id);
  if (from !== undefined) q = q.where('status', 'in', from);
  const result = await q.executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Every meeting webhook the org's scopes allow is in place: records when, and clears any earlier problem. */
export async function markOrgWebhooksRegistered(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('orgs').set({ webhooks_registered_at: now, webhooks_problem: null, updated_at: now }).where('id', '=', id).execute();
}

/** Some meeting webhooks could not be registered: why (a Webex error, no secret), for the reconcile pass to retry. */
export async function setOrgWebhooksProblem(db: Db, id: string, problem: string, now: number): Promise<void> {
  await db.updateTable('orgs').set({ webhooks_problem: problem, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Compare-and-set on the org's event order: true when an event received at `receivedAt` is not
 * older than the last one applied (or the org is new), and records it as the last.
 */
export async function claimOrgEventOrder(db: Db, id: string, receivedAt: number): Promise<boolean> {
  const result = await db
    .updateTable('orgs')
    .set({ last_event_received_at: receivedAt })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_event_received_at', 'is', null), eb('last_event_received_at', '<=', receivedAt)]))
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return true;
  return (await findOrgRow(db, id)) === undefined;
}

import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { WebhookEventsTable } from './schema-orgs.js';

export type WebhookEventRow = Selectable<WebhookEventsTable>;
type Db = Kysely<Database>;

export interface NewWebhookEvent {
  id: string;
  dedupe_key: string;
  resource: string;
  event: string;
  org_id: string | null;
  webhook_id: string | null;
  body: string;
}

/** Stores a delivery once; false when its dedupe key is already there (a redelivery). */
export async function insertWebhookEvent(db: Db, event: NewWebhookEvent, now: number): Promise<boolean> {
  const result = await db
    .insertInto('webhook_events')
    .values({ ...event, status: 'pending', attempts: 0, last_error: null, lease_until: null, received_at: now, processed_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Stores deliveries already claimed by the caller for `leaseMs` (it works them right away), in one transaction: one
 * insert instead of insert, claim and read back, then those behind an earlier unfinished event of their org give the
 * claim back (`pending`, see holdBehindEarlierOfOrg). Redeliveries (dedupe key already there) are not in the answer.
 */
export async function insertClaimedWebhookEvents(db: Db, events: readonly { event: NewWebhookEvent; now: number; leaseMs: number }[]): Promise<WebhookEventRow[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('webhook_events')
      .values(events.map(({ event, now, leaseMs }) => ({ ...event, status: 'processing', attempts: 0, last_error: null, lease_until: now + leaseMs, received_at: now, processed_at: null })))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returningAll()
      .execute();
    const held = await holdBehindEarlierOfOrg(trx, rows.filter((r) => r.org_id !== null).map((r) => r.id));
    return rows.map((r) => (held.has(r.id) ? { ...r, status: 'pending', lease_until: null } : r));
  });
}

/** insertClaimedWebhookEvents for one delivery: its row (claimed, or waiting behind its org), or undefined for a redelivery. */
export async function insertClaimedWebhookEvent(db: Db, event: NewWebhookEvent, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
  return (await insertClaimedWebhookEvents(db, [{ event, now, leaseMs }]))[0];
}

export async function findWebhookEvent(db: Db, id: string): Promise<WebhookEventRow | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}

const UNFINISHED = ['pending', 'failed', 'processing'] as const;

/**
 * Whether an earlier event of the same org is not yet tried or being worked: later ones wait for it, on every instance
 * alike (Webex sends an org's events in order). One that failed and waits for its retry holds nothing back, as within
 * one instance: a deauthorization must not wait minutes behind a failing authorization. Strictly earlier: two arrivals
 * in one millisecond have no order to keep (ids are random), and the instance that took both keeps its own order.
 */
function earlierOfOrgUnfinished(eb: ExpressionBuilder<Database, 'webhook_events'>) {
  return eb.exists(
    eb
      .selectFrom('webhook_events as earlier')
      .select('earlier.id')
      .where('earlier.org_id', '=', eb.ref('webhook_events.org_id'))
      .where('earlier.status', 'in', ['pending', 'processing'])
      .where('earlier.received_at', '<', eb.ref('webhook_events.received_at')),
  );
}

/**
 * Compare-and-set claim for processing, answering the claimed row in the same statement (undefined: not claimed):
 * one instance works a row at a time, a crashed claim expires, and an org's events are claimed in arrival order.
 */
export async function claimWebhookEvent(db: Db, id: string, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
  return db
    .updateTable('webhook_events')
    .set({ status: 'processing', lease_until: now + leaseMs })
    .where('id', '=', id)
    .where('status', 'in', [...UNFINISHED])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .where((eb) => eb.not(earlierOfOrgUnfinished(eb)))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Rows just stored claimed whose org has an earlier event not yet done (on this instance or another): they give their
 * claim back and wait (`pending`); whoever finishes the earlier one starts them. Answers the ids that now wait.
 */
export async function holdBehindEarlierOfOrg(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('webhook_events')
    .set({ status: 'pending', lease_until: null })
    .where('id', 'in', ids)
    .where('org_id', 'is not', null)
    .where((eb) => earlierOfOrgUnfinished(eb))
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function finishWebhookEvent(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set((eb) => ({ status: 'done', attempts: eb('attempts', '+', 1), lease_until: null, last_error: null, processed_at: now }))
    .where('id', '=', id)
    .execute();
}

/**
 * Finishes an event and, in the same transaction, claims its org's next event waiting for a first try (when the
 * claim's own order check allows it): one commit where the finish and a later claim took two. Answers the claimed row.
 */
export async function finishAndClaimNextWebhookEvent(db: Db, id: string, orgId: string | null, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
  return db.transaction().execute(async (trx) => {
    await finishWebhookEvent(trx, id, now);
    if (orgId === null) return undefined;
    const next = await nextPendingWebhookEventOfOrg(trx, orgId);
    return next === undefined ? undefined : claimWebhookEvent(trx, next, now, leaseMs);
  });
}

/** Records a failed attempt; `retryAt` undefined gives up (status `dead`). */
export async function failWebhookEvent(db: Db, id: string, error: string, retryAt: number | undefined): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set((eb) => ({
      status: retryAt === undefined ? 'dead' : 'failed',
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      lease_until: retryAt ?? null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Rows waiting for (another) attempt: pending, failed past their retry time, or a processing claim that expired. */
export async function listDueWebhookEvents(db: Db, now: number, limit: number): Promise<WebhookEventRow[]> {
  return db
    .selectFrom('webhook_events')
    .selectAll()
    .where('status', 'in', ['pending', 'failed', 'processing'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

/**
 * The oldest event of an org waiting for its first try (`pending` rows carry no lease): the one to start after the
 * org's previous event is done. It walks the pending rows in arrival order (webhook_events_status) and stops at the
 * org's first: one id, not a hundred whole rows of every org. An (org, status) index measured slower overall: every
 * insert, claim and finish of a webhook then writes one index more.
 */
export async function nextPendingWebhookEventOfOrg(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_events')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'pending')
    .orderBy('received_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Deletes finished (done or dead) events received before `before`; their dedupe keys stop guarding then. */
export async function pruneWebhookEvents(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('webhook_events').where('status', 'in', ['done', 'dead']).where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

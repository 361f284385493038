import type { Kysely, Selectable } from 'kysely';
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
 * Stores a delivery already claimed by the caller for `leaseMs` (it works the event right away): one statement
 * instead of insert, claim and read back. Undefined when its dedupe key is already there (a redelivery).
 */
export async function insertClaimedWebhookEvent(db: Db, event: NewWebhookEvent, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
  return db
    .insertInto('webhook_events')
    .values({ ...event, status: 'processing', attempts: 0, last_error: null, lease_until: now + leaseMs, received_at: now, processed_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findWebhookEvent(db: Db, id: string): Promise<WebhookEventRow | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}

const UNFINISHED = ['pending', 'failed', 'processing'] as const;

/**
 * Compare-and-set claim for processing: one instance works a row at a time; a crashed claim expires. While an earlier
 * event of the same org is not yet tried or being worked, later ones wait, on every instance alike (Webex sends an
 * org's events in order). One that failed and waits for its retry holds nothing back, as within one instance: a
 * deauthorization must not wait minutes behind a failing authorization.
 */
export async function claimWebhookEvent(db: Db, id: string, now: number, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_events')
    .set({ status: 'processing', lease_until: now + leaseMs })
    .where('id', '=', id)
    .where('status', 'in', [...UNFINISHED])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('webhook_events as earlier')
            .select('earlier.id')
            .where('earlier.org_id', '=', ref('webhook_events.org_id'))
            .where('earlier.status', 'in', ['pending', 'processing'])
            // Strictly earlier: two arrivals in one millisecond have no order to keep (ids are random), and the
            // instance that took both keeps its own arrival order in memory.
            .where('earlier.received_at', '<', ref('webhook_events.received_at')),
        ),
      ),
    )
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The claim of claimWebhookEvent, answering the claimed row in the same statement (undefined: not claimed). */
export async function claimAndReadWebhookEvent(db: Db, id: string, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
  return db
    .updateTable('webhook_events')
    .set({ status: 'processing', lease_until: now + leaseMs })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed', 'processing'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
}

export async function finishWebhookEvent(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set((eb) => ({ status: 'done', attempts: eb('attempts', '+', 1), lease_until: null, last_error: null, processed_at: now }))
    .where('id', '=', id)
    .execute();
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

/** Deletes finished (done or dead) events received before `before`; their dedupe keys stop guarding then. */
export async function pruneWebhookEvents(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('webhook_events').where('status', 'in', ['done', 'dead']).where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

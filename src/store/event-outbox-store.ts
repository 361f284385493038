import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

/** Table of migration 006. Kept beside its store (joined onto the Database type with `withTables`). */
export type EventOutboxTable = {
  id: string;
  seq: number;
  type: string;
  /** The exact JSON body POSTed to the company's app (ids and states only, never a secret). */
  body: string;
  status: 'pending' | 'delivering' | 'failed' | 'delivered' | 'dead';
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  lease_until: number | null;
  created_at: number;
  delivered_at: Generated<number | null>;
};

// A type alias (not an interface): withTables wants an indexable record type.
export type EventOutboxTables = {
  event_outbox: EventOutboxTable;
};

export type OutboxRow = Selectable<EventOutboxTable>;
type Db = Kysely<Database>;

const outbox = (db: Db) => db.withTables<EventOutboxTables>();

export async function insertOutboxEvent(db: Db, row: { id: string; seq: number; type: string; body: string }, now: number): Promise<void> {
  await outbox(db)
    .insertInto('event_outbox')
    .values({ ...row, status: 'pending', attempts: 0, last_error: null, next_attempt_at: now, lease_until: null, created_at: now })
    .execute();
}

/** The oldest undelivered rows (pending, failed, or claimed), in delivery order. */
export async function listUndeliveredOutbox(db: Db, limit: number): Promise<OutboxRow[]> {
  return outbox(db)
    .selectFrom('event_outbox')
    .selectAll()
    .where('status', 'in', ['pending', 'failed', 'delivering'])
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Compare-and-set claim: succeeds for exactly one caller when the row is due and nobody holds an unexpired lease,
 * so several instances on one database deliver each event once. A crashed claim expires after `leaseMs`.
 */
export async function claimOutboxEvent(db: Db, id: string, now: number, leaseMs: number): Promise<boolean> {
  const result = await outbox(db)
    .updateTable('event_outbox')
    .set({ status: 'delivering', lease_until: now + leaseMs })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed', 'delivering'])
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function markOutboxDelivered(db: Db, id: string, now: number): Promise<void> {
  await outbox(db)
    .updateTable('event_outbox')
    .set((eb) => ({ status: 'delivered', attempts: eb('attempts', '+', 1), lease_until: null, last_error: null, delivered_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt; `retryAt` undefined gives up (status `dead`). */
export async function markOutboxFailed(db: Db, id: string, error: string, retryAt: number | undefined): Promise<void> {
  await outbox(db)
    .updateTable('event_outbox')
    .set((eb) => ({
      status: retryAt === undefined ? 'dead' : 'failed',
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      lease_until: null,
      ...(retryAt !== undefined ? { next_attempt_at: retryAt } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function findOutboxEvent(db: Db, id: string): Promise<OutboxRow | undefined> {
  return outbox(db).selectFrom('event_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every row in delivery order (tests and operators' inspection). */
export async function listOutbox(db: Db): Promise<OutboxRow[]> {
  return outbox(db).selectFrom('event_outbox').selectAll().orderBy('seq').orderBy('id').execute();
}

/** Deletes delivered and dead rows created before `before`. */
export async function pruneOutbox(db: Db, before: number): Promise<number> {
  const result = await outbox(db).deleteFrom('event_outbox').where('status', 'in', ['delivered', 'dead']).where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

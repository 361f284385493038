import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { OutboxAdminStore } from '../core/events-out/outbox-admin-store.js';
import type { PendingEvent } from '../core/events-out/pending-event.js';
import type { OutboxEvent, OutboxStatus, OutboxStore } from '../core/events-out/outbox-store.js';
import type { Database } from './schema.js';

/** Table of migration 006. Kept beside its repository (joined onto the Database type with `withTables`). */
export type EventOutboxTable = {
  id: string;
  seq: number;
  type: string;
  order_key: Generated<string>;
  body: string;
  status: OutboxStatus;
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

export type OutboxRepository = OutboxStore & OutboxAdminStore & {
  /** Stores one event on its own (tests; g2g stores each with its state change, `insertOutboxEvents`). */
  insert(event: Omit<PendingEvent, 'createdAt'>, now: number): Promise<void>;
  /** Every event in delivery order (tests and operators' inspection). */
  listAll(): Promise<OutboxEvent[]>;
};

const UNDELIVERED: OutboxStatus[] = ['pending', 'failed', 'delivering'];

function toOutboxEvent(row: Selectable<EventOutboxTable>): OutboxEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    type: row.type,
    orderKey: row.order_key,
    body: row.body,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: Number(row.next_attempt_at),
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}

/**
 * Stores outbound events with whatever `db` is: the visit stores pass their transaction, so an event and the state
 * change it tells commit together or not at all.
 */
export async function insertOutboxEvents(db: Kysely<Database> | Transaction<Database>, events: readonly PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .withTables<EventOutboxTables>()
    .insertInto('event_outbox')
    .values(
      events.map((e) => ({ id: e.id, seq: e.seq, type: e.type, order_key: e.orderKey, body: e.body, status: 'pending' as const, attempts: 0, last_error: null, next_attempt_at: e.createdAt, lease_until: null, created_at: e.createdAt })),
    )
    .execute();
}

/** The event_outbox table, for core's OutboxStore. */
export function createOutboxRepository(db: Kysely<Database>): OutboxRepository {
  const outbox = () => db.withTables<EventOutboxTables>();
  return {
    async insert(event, now) {
      await insertOutboxEvents(db, [{ ...event, createdAt: now }]);
    },

    async listUndelivered(limit, afterSeq) {
      let q = outbox().selectFrom('event_outbox').selectAll().where('status', 'in', UNDELIVERED);
      if (afterSeq !== undefined) q = q.where('seq', '>', afterSeq);
      const rows = await q.orderBy('seq').orderBy('id').limit(limit).execute();
      return rows.map(toOutboxEvent);
    },

    async claim(id, now, leaseMs) {
      const row = await outbox()
        .updateTable('event_outbox')
        .set({ status: 'delivering', lease_until: now + leaseMs })
        .where('id', '=', id)
        .where('status', 'in', UNDELIVERED)
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .returningAll()
        .executeTakeFirst();
      return row && toOutboxEvent(row);
    },

    async markDelivered(id, now) {
      await outbox()
        .updateTable('event_outbox')
        .set((eb) => ({ status: 'delivered', attempts: eb('attempts', '+', 1), lease_until: null, last_error: null, delivered_at: now }))
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id, error, retryAt) {
      await outbox()
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
    },

    async prune(before) {
      const result = await outbox().deleteFrom('event_outbox').where('status', 'in', ['delivered', 'dead']).where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async list(f) {
      let q = outbox().selectFrom('event_outbox').selectAll();
      if (f.statuses !== undefined && f.statuses.length > 0) q = q.where('status', 'in', [...f.statuses]);
      if (f.fromMs !== undefined) q = q.where('created_at', '>=', f.fromMs);
      if (f.toMs !== undefined) q = q.where('created_at', '<', f.toMs);
      const rows = await q.orderBy('seq', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
      return rows.map(toOutboxEvent);
    },

    async find(id) {
      const row = await outbox().selectFrom('event_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOutboxEvent(row);
    },

    async requeue(match, now) {
      let q = outbox()
        .updateTable('event_outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
        .where('status', '!=', 'delivering');
      q =
        'id' in match
          ? q.where('id', '=', match.id)
          : q.where('status', 'in', [...match.statuses]).where('created_at', '>=', match.fromMs).where('created_at', '<', match.toMs);
      const rows = await q.returning('id').execute();
      return rows.map((r) => r.id);
    },

    async listAll() {
      const rows = await outbox().selectFrom('event_outbox').selectAll().orderBy('seq').orderBy('id').execute();
      return rows.map(toOutboxEvent);
    },
  };
}

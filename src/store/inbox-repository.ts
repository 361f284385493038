import type { Kysely } from 'kysely';
import type { InboxEvent, InboxStatus, InboxStore, NewInboxEvent } from '../core/webhooks/inbox-store.js';
import type { Database } from './schema.js';
import { createWebhookEventBatch } from './webhook-event-batch.js';
import {
  claimWebhookEvent,
  failWebhookEvent,
  finishAndClaimNextWebhookEvent,
  insertWebhookEvent,
  listDueWebhookEvents,
  nextPendingWebhookEventOfOrg,
  pruneWebhookEvents,
  type WebhookEventRow,
} from './webhook-event-store.js';

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

function toInboxEvent(row: WebhookEventRow): InboxEvent {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    resource: row.resource,
    event: row.event,
    orgId: row.org_id,
    webhookId: row.webhook_id,
    body: row.body,
    // Only g2g writes this column, always one of INBOX_STATUSES.
    status: row.status as InboxStatus,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    leaseUntil: numOrNull(row.lease_until),
    receivedAt: Number(row.received_at),
    processedAt: numOrNull(row.processed_at),
  };
}

/** The webhook_events table, for core's InboxStore (over the row functions of webhook-event-store.ts). */
export function createInboxRepository(db: Kysely<Database>): InboxStore {
  const insertClaimed = createWebhookEventBatch(db);
  const newRow = (e: NewInboxEvent) => ({ id: e.id, dedupe_key: e.dedupeKey, resource: e.resource, event: e.event, org_id: e.orgId, webhook_id: e.webhookId, body: e.body });
  return {
    insert: (e, now) => insertWebhookEvent(db, newRow(e), now),
    async insertClaimed(e, now, leaseMs) {
      const row = await insertClaimed(newRow(e), now, leaseMs);
      return row && toInboxEvent(row);
    },
    async claim(id, now, leaseMs) {
      const row = await claimWebhookEvent(db, id, now, leaseMs);
      return row && toInboxEvent(row);
    },
    async finishAndClaimNext(id, orgId, now, leaseMs) {
      const row = await finishAndClaimNextWebhookEvent(db, id, orgId, now, leaseMs);
      return row && toInboxEvent(row);
    },
    fail: (id, error, retryAt) => failWebhookEvent(db, id, error, retryAt),
    listDue: async (now, limit) => (await listDueWebhookEvents(db, now, limit)).map(toInboxEvent),
    nextPendingOfOrg: (orgId) => nextPendingWebhookEventOfOrg(db, orgId),
    prune: (before) => pruneWebhookEvents(db, before),
  };
}

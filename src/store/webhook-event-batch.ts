import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { insertClaimedWebhookEvent, insertClaimedWebhookEvents, type NewWebhookEvent, type WebhookEventRow } from './webhook-event-store.js';

/** Rows per statement: 13 columns each stays far under SQLite's bound-parameter cap. */
const MAX_BATCH = 100;

interface Waiting {
  event: NewWebhookEvent;
  now: number;
  leaseMs: number;
  resolve(row: WebhookEventRow | undefined): void;
  reject(error: unknown): void;
}

/**
 * insertClaimedWebhookEvent with group commit: deliveries stored in the same turn of the event loop (a burst of
 * webhooks) go into one multi-row insert, one statement and one commit, and each caller still learns whether its
 * own row went in (a redelivery's does not). If the batch fails, each row is tried alone, so one bad row fails
 * only its own delivery.
 */
export function createWebhookEventBatch(db: Kysely<Database>): (event: NewWebhookEvent, now: number, leaseMs: number) => Promise<WebhookEventRow | undefined> {
  const waiting: Waiting[] = [];

  async function flush(): Promise<void> {
    const batch = waiting.splice(0, MAX_BATCH);
    if (waiting.length > 0) setImmediate(() => void flush());
    if (batch.length === 1) {
      const only = batch[0] as Waiting;
      insertClaimedWebhookEvent(db, only.event, only.now, only.leaseMs).then(only.resolve, only.reject);
      return;
    }
    try {
      const rows = await insertClaimedWebhookEvents(db, batch);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const w of batch) w.resolve(byId.get(w.event.id));
    } catch {
      for (const w of batch) insertClaimedWebhookEvent(db, w.event, w.now, w.leaseMs).then(w.resolve, w.reject);
    }
  }

  return (event, now, leaseMs) =>
    new Promise((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ event, now, leaseMs, resolve, reject });
    });
}

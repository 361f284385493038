import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createWebhookEventBatch } from '../../src/store/webhook-event-batch.js';
import type { NewWebhookEvent } from '../../src/store/webhook-event-store.js';
import { testDatabases } from '../support/databases.js';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);
const event = (n: number, key = `k${n}`): NewWebhookEvent => ({ id: `e${n}`, dedupe_key: key, resource: 'meetings', event: 'started', org_id: 'o1', webhook_id: 'h1', body: `{"n":${n}}` });

describe.each(testDatabases())('webhook event batch on $name', (database) => {
  it('stores a burst of deliveries claimed, each once, and tells each caller whether its own row went in', async () => {
    const inserts: string[] = [];
    const db = await openDatabase(await database.freshUrl(), { onSqliteStatement: (sql) => void (sql.startsWith('insert into "webhook_events"') && inserts.push(sql)) });
    try {
      const insert = createWebhookEventBatch(db);
      // 30 deliveries at once; e30 and e31 are redeliveries of e1 and e2 (same dedupe key) within the same burst.
      const burst = [...Array.from({ length: 30 }, (_, i) => event(i)), event(30, 'k1'), event(31, 'k2')];
      const results = await Promise.all(burst.map((e) => insert(e, T0, 60_000)));
      expect(results.slice(0, 30).map((r) => r?.id)).toEqual(burst.slice(0, 30).map((e) => e.id));
      expect(results.slice(30)).toEqual([undefined, undefined]);
      expect(results[3]).toMatchObject({ status: 'processing', lease_until: T0 + 60_000, received_at: T0, attempts: 0, body: '{"n":3}' });
      const rows = await db.selectFrom('webhook_events').select('id').execute();
      expect(rows).toHaveLength(30);
      // A redelivery later, alone, is still refused.
      expect(await insert(event(40, 'k5'), T0, 60_000)).toBeUndefined();
      if (database.name === 'sqlite') expect(inserts).toHaveLength(2); // the burst in one statement, then the lone one
    } finally {
      await db.destroy();
    }
  });

  it('fails only the delivery whose row cannot be stored when its batch fails', async () => {
    const db = await openDatabase(await database.freshUrl());
    try {
      const insert = createWebhookEventBatch(db);
      const broken = { ...event(2), body: null as unknown as string }; // NOT NULL
      const results = await Promise.allSettled([insert(event(1), T0, 1000), insert(broken, T0, 1000), insert(event(3), T0, 1000)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await db.selectFrom('webhook_events').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['e1', 'e3']);
    } finally {
      await db.destroy();
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createLogger } from '../../src/logger.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';
import { eventsConfig, startReceiver, twoGuests, waitFor } from '../support/event-receiver.js';

describe.each(testDatabases())('outbound events: per-visit order and written with the state change, on $name', (database) => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const delivered = () => receiver.received.filter((r) => r.status < 300);

  beforeAll(async () => {
    receiver = await startReceiver();
    // Long retries: an event that fails once stays stuck for the whole test.
    stack = await startStack(database, { config: { events: { ...eventsConfig(receiver.url), retryBaseMs: 60_000, maxRetryDelayMs: 60_000, maxAttempts: 10 } }, log: createLogger({ level: 'silent' }) });
    await waitFor('org.authorized delivered', () => delivered().some((r) => r.body.type === 'org.authorized'));
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it("one visit's stuck event holds back only that visit's later events, not other visits'", async () => {
    const stuckVisit = { id: '' };
    receiver.setAnswer((b) => (b.data['visitId'] === stuckVisit.id ? 503 : 200));
    const first = (await stack.api('POST', '/api/v1/visits', { body: twoGuests('Stuck') })).json as VisitView;
    stuckVisit.id = first.id;
    // Make sure its scheduled event failed once (and now waits a minute for its retry)...
    await waitFor('the stuck event tried', () => receiver.received.some((r) => r.body.data['visitId'] === first.id && r.status === 503));
    const cancelled = await stack.api('DELETE', `/api/v1/visits/${first.id}`);
    expect(cancelled.status, cancelled.body).toBe(200);
    // ...while another visit's events go through at once.
    const second = (await stack.api('POST', '/api/v1/visits', { body: twoGuests('Free') })).json as VisitView;
    await waitFor("the other visit's event delivered", () => delivered().some((r) => r.body.data['visitId'] === second.id && r.body.type === 'visit.scheduled'));
    // The stuck visit's cancel is not delivered before its scheduled event: order is kept within the visit.
    expect(receiver.received.filter((r) => r.body.data['visitId'] === first.id).map((r) => r.body.type)).toEqual(['visit.scheduled']);
  });

  it('stores the event in the same transaction as the state change: no event, no change', async () => {
    // Every outbox insert fails from here on (a trigger), as a crash between the two writes would.
    const isPostgres = database.name.toLowerCase().includes('postgres');
    if (isPostgres) {
      await sql`create or replace function g2g_test_refuse() returns trigger as $$ begin raise exception 'outbox refused'; end $$ language plpgsql`.execute(stack.db);
      await sql`create trigger g2g_test_refuse before insert on event_outbox for each row execute function g2g_test_refuse()`.execute(stack.db);
    } else {
      await sql`create trigger g2g_test_refuse before insert on event_outbox begin select raise(abort, 'outbox refused'); end`.execute(stack.db);
    }
    try {
      const res = await stack.api('POST', '/api/v1/visits', { body: { ...twoGuests('Not without its event'), externalId: 'tx-1' } });
      expect(res.status).toBe(500);
      const rows = await stack.db.selectFrom('visits').select(['status']).where('external_id', '=', 'tx-1').execute();
      expect(rows.filter((r) => r.status === 'scheduled')).toEqual([]);
    } finally {
      await sql`drop trigger g2g_test_refuse${sql.raw(isPostgres ? ' on event_outbox' : '')}`.execute(stack.db);
    }
  });
});

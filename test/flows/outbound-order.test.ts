import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createLogger } from '../../src/logger.js';
import { createOutboxRepository } from '../../src/store/outbox-repository.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';
import { eventsConfig, startReceiver, twoGuests, waitFor } from '../support/event-receiver.js';
import { refuseOutboxInserts } from '../support/refuse-outbox.js';

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
    const lift = await refuseOutboxInserts(stack.db, database.name);
    try {
      const res = await stack.api('POST', '/api/v1/visits', { body: { ...twoGuests('Not without its event'), externalId: 'tx-1' } });
      expect(res.status).toBe(500);
      const rows = await stack.db.selectFrom('visits').select(['status']).where('external_id', '=', 'tx-1').execute();
      expect(rows.filter((r) => r.status === 'scheduled')).toEqual([]);
    } finally {
      await lift();
    }
  });

  it("stores an org's event with its status move: a deauthorization whose event cannot be stored does not move the org until it can", async () => {
    const org = () => stack.db.selectFrom('orgs').select(['status']).where('id', '=', stack.orgId).executeTakeFirstOrThrow();
    const failedTries = async () => {
      const rows = await stack.db.selectFrom('webhook_events').select(['attempts']).where('resource', '=', 'serviceApp').where('event', '=', 'deauthorized').execute();
      return rows.reduce((n, r) => n + Number(r.attempts), 0);
    };
    const tokenRows = () => stack.db.selectFrom('vault_tokens').select('subject').where('subject', '=', stack.orgId).execute();
    const lift = await refuseOutboxInserts(stack.db, database.name);
    try {
      await stack.control.deauthorize(stack.emulator.seed.serviceApp.applicationId, { orgId: stack.orgId });
      await waitFor('the deauthorization tried and refused', async () => (await failedTries()) >= 1);
      // No event, no move: the org is not deauthorized behind the company's back, nor left ready without its tokens.
      expect((await org()).status).toBe('ready');
      expect(await tokenRows()).toHaveLength(1);
      expect((await createOutboxRepository(stack.db).listAll()).filter((r) => r.type === 'org.deauthorized')).toEqual([]);
    } finally {
      await lift();
    }
    // The inbox's retry applies it, the move and its event together.
    await waitFor('the retried deauthorization applied', async () => {
      await stack.internals.inbox.processDue();
      return (await org()).status === 'deauthorized';
    });
    await waitFor('org.deauthorized delivered', () => delivered().some((r) => r.body.type === 'org.deauthorized' && r.body.data['orgId'] === stack.orgId));
    expect(await tokenRows()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createOutboxRepository } from '../../src/store/outbox-repository.js';
import { testDatabases } from '../support/databases.js';
import { T0 } from '../support/visit-builders.js';

/** Contract of OutboxStore. */
describe.each(testDatabases())('outbox repository on $name', (database) => {
  const open = async () => createOutboxRepository(await database.open());
  const event = (id: string, seq: number) => ({ id, seq, type: 'visit.missed' as const, orderKey: 'visit:v1', body: `{"id":"${id}"}` });

  it('lists undelivered events in delivery order and answers a claim with the event as it stands', async () => {
    const outbox = await open();
    await outbox.insert(event('b', 2), T0);
    await outbox.insert(event('a', 1), T0);
    await outbox.insert(event('later', 3), T0 + 60_000);
    expect((await outbox.listUndelivered(10)).map((e) => e.id)).toEqual(['a', 'b', 'later']);
    expect((await outbox.listUndelivered(1)).map((e) => e.id)).toEqual(['a']);
    expect(await outbox.claim('later', T0, 1000)).toBeUndefined(); // not due yet
    expect(await outbox.claim('a', T0, 1000)).toEqual({
      id: 'a', seq: 1, type: 'visit.missed', orderKey: 'visit:v1', body: '{"id":"a"}', status: 'delivering', attempts: 0, lastError: null,
      nextAttemptAt: T0, leaseUntil: T0 + 1000, createdAt: T0, deliveredAt: null,
    });
    // Held by that claim until its lease passes; then another deliverer may take it over.
    expect(await outbox.claim('a', T0 + 999, 1000)).toBeUndefined();
    expect((await outbox.claim('a', T0 + 1001, 1000))?.leaseUntil).toBe(T0 + 2001);
    expect(await outbox.claim('nope', T0, 1000)).toBeUndefined();
  });

  it('lets exactly one of several simultaneous claims win', async () => {
    const outbox = await open();
    await outbox.insert(event('a', 1), T0);
    const wins = await Promise.all(Array.from({ length: 6 }, () => outbox.claim('a', T0, 60_000)));
    expect(wins.filter((w) => w !== undefined)).toHaveLength(1);
  });

  it('counts attempts, retries a failed event when due, gives up as dead, and prunes only old finished events', async () => {
    const outbox = await open();
    await outbox.insert(event('ok', 1), T0);
    await outbox.insert(event('retry', 2), T0);
    await outbox.insert(event('dead', 3), T0);
    await outbox.insert(event('young', 4), T0 + 10);
    await outbox.claim('ok', T0, 1000);
    await outbox.markDelivered('ok', T0 + 5);
    await outbox.markFailed('retry', `HTTP 500 ${'x'.repeat(600)}`, T0 + 100);
    await outbox.markFailed('dead', 'HTTP 503', undefined);
    await outbox.markDelivered('young', T0 + 20);
    const byId = new Map((await outbox.listAll()).map((e) => [e.id, e]));
    expect(byId.get('ok')).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: T0 + 5, leaseUntil: null });
    expect(byId.get('retry')).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: T0 + 100 });
    expect(byId.get('retry')?.lastError).toHaveLength(500);
    expect(byId.get('dead')).toMatchObject({ status: 'dead', attempts: 1, lastError: 'HTTP 503' });
    expect((await outbox.listUndelivered(10)).map((e) => e.id)).toEqual(['retry']);
    expect(await outbox.claim('retry', T0 + 99, 1000)).toBeUndefined();
    expect((await outbox.claim('retry', T0 + 100, 1000))?.attempts).toBe(1);
    expect(await outbox.prune(T0 + 10)).toBe(2); // ok and dead; young was created at T0 + 10
    expect((await outbox.listAll()).map((e) => e.id)).toEqual(['retry', 'young']);
  });
});

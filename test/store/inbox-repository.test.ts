import { describe, expect, it } from 'vitest';
import { createInboxRepository } from '../../src/store/inbox-repository.js';
import { testDatabases } from '../support/databases.js';
import { T0 } from '../support/visit-builders.js';

const delivery = (id: string, dedupeKey = `meetings:started:${id}`) => ({ id, dedupeKey, resource: 'meetings', event: 'started', orgId: 'o1', webhookId: 'w1', body: '{}' });

/** Contract of InboxStore. */
describe.each(testDatabases())('inbox repository on $name', (database) => {
  it('stores a delivery already claimed by its caller, once, and holds it from others until the claim runs out', async () => {
    const inbox = createInboxRepository(await database.open());
    const [a, again] = await Promise.all([inbox.insertClaimed(delivery('a'), T0, 1000), inbox.insertClaimed(delivery('a2', 'meetings:started:a'), T0, 1000)]);
    expect(a).toEqual({ ...delivery('a'), status: 'processing', attempts: 0, lastError: null, leaseUntil: T0 + 1000, receivedAt: T0, processedAt: null });
    expect(again).toBeUndefined(); // a redelivery in the same moment
    expect(await inbox.listDue(T0 + 999, 10)).toEqual([]);
    expect(await inbox.claim('a', T0 + 999, 1000)).toBeUndefined();
    expect((await inbox.listDue(T0 + 1001, 10)).map((e) => e.id)).toEqual(['a']); // a crashed worker's event comes back
  });

  it('stores a delivery once, lets one claim win, and finishes, retries or gives up on it', async () => {
    const inbox = createInboxRepository(await database.open());
    expect(await inbox.insert(delivery('a'), T0)).toBe(true);
    expect(await inbox.insert(delivery('a2', 'meetings:started:a'), T0)).toBe(false); // a redelivery
    expect(await inbox.insert(delivery('b'), T0 + 1)).toBe(true);
    expect(await inbox.insert(delivery('c'), T0 + 2)).toBe(true);
    expect((await inbox.listDue(T0, 10)).map((e) => e.id)).toEqual(['a', 'b', 'c']);

    const claims = await Promise.all([inbox.claim('a', T0, 1000), inbox.claim('a', T0, 1000)]);
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    expect(claims.find((c) => c !== undefined)).toEqual({ ...delivery('a'), status: 'processing', attempts: 0, lastError: null, leaseUntil: T0 + 1000, receivedAt: T0, processedAt: null });
    expect((await inbox.listDue(T0 + 1, 10)).map((e) => e.id)).toEqual(['b', 'c']); // a is held by its claim
    expect(await inbox.finishAndClaimNext('a', null, T0 + 5, 1000)).toBeUndefined();
    await inbox.fail('b', 'handler threw', T0 + 100);
    await inbox.fail('c', 'handler threw', undefined);
    expect((await inbox.listDue(T0 + 99, 10)).map((e) => e.id)).toEqual([]);
    expect(await inbox.listDue(T0 + 101, 10)).toMatchObject([{ id: 'b', status: 'failed', attempts: 1, lastError: 'handler threw' }]);
    expect(await inbox.claim('a', T0 + 2000, 1000)).toBeUndefined(); // done
    expect(await inbox.prune(T0 + 3)).toBe(2); // a (done) and c (dead); b waits for its retry
    expect((await inbox.listDue(T0 + 101, 10)).map((e) => e.id)).toEqual(['b']);
  });

  it("names the org's oldest event still waiting for its first try, and no other org's", async () => {
    const inbox = createInboxRepository(await database.open());
    await inbox.insert(delivery('a'), T0);
    await inbox.insert(delivery('b'), T0 + 1);
    await inbox.insert({ ...delivery('c'), orgId: 'o2' }, T0 + 2);
    expect(await inbox.nextPendingOfOrg('o1')).toBe('a');
    await inbox.claim('a', T0 + 3, 1000);
    expect(await inbox.nextPendingOfOrg('o1')).toBe('b'); // a is being worked
    await inbox.fail('b', 'handler threw', T0 + 100);
    expect(await inbox.nextPendingOfOrg('o1')).toBeUndefined(); // a retry keeps its own schedule
    expect(await inbox.nextPendingOfOrg('o2')).toBe('c');
    expect(await inbox.nextPendingOfOrg('o3')).toBeUndefined();
  });

  it("finishes an event and claims its org's next one in the same commit, in the org's order", async () => {
    const inbox = createInboxRepository(await database.open());
    await inbox.insert(delivery('a'), T0);
    await inbox.insert(delivery('b'), T0 + 1);
    await inbox.insert({ ...delivery('c'), orgId: 'o2' }, T0 + 2);
    await inbox.claim('a', T0 + 3, 1000);
    expect(await inbox.finishAndClaimNext('a', 'o1', T0 + 4, 1000)).toEqual({ ...delivery('b'), receivedAt: T0 + 1, status: 'processing', attempts: 0, lastError: null, leaseUntil: T0 + 1004, processedAt: null });
    expect(await inbox.claim('b', T0 + 5, 1000)).toBeUndefined(); // already ours
    expect((await inbox.listDue(T0 + 5, 10)).map((e) => e.id)).toEqual(['c']); // a done, b claimed, o2 untouched
    expect(await inbox.finishAndClaimNext('b', 'o1', T0 + 6, 1000)).toBeUndefined(); // nothing left of o1
    expect(await inbox.listDue(T0 + 6, 10)).toMatchObject([{ id: 'c', status: 'pending' }]);
  });

  it('claims no next event while an earlier one of its org is still being worked (by another instance)', async () => {
    const inbox = createInboxRepository(await database.open());
    await inbox.insert(delivery('z'), T0 - 1);
    await inbox.insert(delivery('a'), T0);
    await inbox.insert(delivery('b'), T0 + 1);
    await inbox.claim('z', T0 + 2, 1000);
    expect(await inbox.finishAndClaimNext('a', 'o1', T0 + 3, 1000)).toBeUndefined();
    expect(await inbox.nextPendingOfOrg('o1')).toBe('b'); // still waiting, for z's finisher
  });
});

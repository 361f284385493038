import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createG2G, type G2G } from '../../src/g2g.js';
import { verifyG2GSignature } from '../../src/index.js';
import { createLogger } from '../../src/logger.js';
import { createOutboxRepository } from '../../src/store/outbox-repository.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';
import { eventsConfig, OLD, SIGNING, startReceiver, twoGuests, waitFor } from '../support/event-receiver.js';

describe.each(testDatabases())('outbound events to the company app on $name', (database) => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const logLines: string[] = [];
  const delivered = () => receiver.received.filter((r) => r.status < 300);
  const ofType = (type: string) => delivered().filter((r) => r.body.type === type);

  beforeAll(async () => {
    receiver = await startReceiver();
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    stack = await startStack(database, { config: { events: eventsConfig(receiver.url) }, log: createLogger({ level: 'warn', destination }) });
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it("delivers a visit's lifecycle, signed, in the order it happened, with ids and states only", async () => {
    const created = await stack.api('POST', '/api/v1/visits', { body: twoGuests('Lifecycle') });
    expect(created.status, created.body).toBe(201);
    const visit = created.json as VisitView;
    const secrets: string[] = [];
    const people: string[] = [];
    for (const seat of visit.participants) {
      const code = new URL(seat.joinUrl ?? '').pathname.split('/').pop() ?? '';
      secrets.push(code, seat.joinUrl ?? '');
      const redirect = await stack.api('GET', `/j/${code}`, { key: null });
      expect(redirect.status, redirect.body).toBe(302);
      const webexLink = String(redirect.headers.location);
      secrets.push(webexLink, new URL(webexLink).pathname.split('/').pop() ?? '');
      const opened = await stack.control.openLink({ url: webexLink });
      if (!opened.ok) throw new Error(`join refused: ${opened.code}`);
      people.push(opened.participantId);
    }
    await stack.settle();
    for (const p of people) await stack.control.leave(p);
    await stack.settle();
    await waitFor('visit.ended delivered', () => ofType('visit.ended').length === 1);
    await waitFor('both leaves delivered', () => ofType('participant.left').length === 2);
    await stack.g2g.eventOutbox?.idle();

    const types: string[] = delivered().map((r) => r.body.type);
    const firstOf = (t: string) => types.indexOf(t);
    expect(firstOf('org.authorized')).toBe(0);
    expect(firstOf('org.authorized')).toBeLessThan(firstOf('visit.scheduled'));
    expect(firstOf('visit.scheduled')).toBeLessThan(firstOf('visit.started'));
    expect(firstOf('visit.started')).toBeLessThan(firstOf('visit.ended'));
    expect(ofType('participant.joined').map((r) => r.body.data['participantId']).sort()).toEqual(visit.participants.map((p) => p.id).sort());
    // Received in exactly the order g2g stored them, each once.
    const stored = await createOutboxRepository(stack.db).listAll();
    expect(delivered().map((r) => r.body.id)).toEqual(stored.map((r) => r.id));
    expect(stored.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);

    const scheduled = ofType('visit.scheduled')[0]?.body;
    expect(scheduled?.data).toMatchObject({ visitId: visit.id, orgId: stack.orgId, status: 'scheduled', meetingId: visit.meeting.id });
    expect(ofType('visit.ended')[0]?.body.data).toMatchObject({ visitId: visit.id, status: 'ended' });
    expect(ofType('org.authorized')[0]?.body.data).toMatchObject({ orgId: stack.orgId, status: 'authorized' });

    for (const r of delivered()) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['g2g-event-id']).toBe(r.body.id);
      expect(Object.keys(r.body).sort()).toEqual(['data', 'id', 'occurredAt', 'type']);
      expect(new Date(r.body.occurredAt).toISOString()).toBe(r.body.occurredAt);
      // Signed with the first secret only; the receiver's helper accepts it (and rejects with the old secret alone).
      expect(verifyG2GSignature(r.raw, r.headers['g2g-signature'], [SIGNING])).toMatchObject({ ok: true });
      expect(verifyG2GSignature(r.raw, r.headers['g2g-signature'], [OLD])).toEqual({ ok: false, reason: 'signature_mismatch' });
      expect(verifyG2GSignature(`${r.raw} `, r.headers['g2g-signature'], [SIGNING])).toEqual({ ok: false, reason: 'signature_mismatch' });
    }

    // No links, join codes, Webex links or tokens in what left g2g (or in the stored outbox rows).
    const seed = stack.emulator.seed;
    secrets.push(seed.serviceApp.accessToken, seed.serviceApp.refreshToken, seed.serviceApp.clientSecret, seed.tokenManager.accessToken, SIGNING, OLD);
    const everything = [...receiver.received.map((r) => r.raw), ...stored.map((r) => r.body)].join('\n');
    for (const s of secrets.filter((x) => x.length > 8)) expect(everything).not.toContain(s);
    expect(everything).not.toMatch(/\/j\/|https?:\/\/|Pat|Sam/);
  });

  it('retries a failing receiver with backoff, then delivers the same signed event once it answers 2xx', async () => {
    let failures = 0;
    receiver.setAnswer((b) => (b.type === 'visit.cancelled' && failures++ < 2 ? 500 : 200));
    const created = await stack.api('POST', '/api/v1/visits', { body: twoGuests('Cancelled later') });
    const visit = created.json as VisitView;
    await waitFor('visit.scheduled delivered', () => delivered().some((r) => r.body.type === 'visit.scheduled' && r.body.data['visitId'] === visit.id));
    expect((await stack.api('DELETE', `/api/v1/visits/${visit.id}`)).status).toBeLessThan(300);
    await waitFor('visit.cancelled delivered', () => ofType('visit.cancelled').length === 1);
    const attempts = receiver.received.filter((r) => r.body.type === 'visit.cancelled');
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.raw)).size).toBe(1);
    expect(attempts[2]?.body.data).toMatchObject({ visitId: visit.id, status: 'cancelled', by: 'api' });
    const rowOf = async () => (await createOutboxRepository(stack.db).listAll()).find((r) => r.id === attempts[0]?.body.id);
    await waitFor('row marked delivered', async () => (await rowOf())?.status === 'delivered');
    expect(await rowOf()).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(logLines.filter((l) => l.includes('event delivery failed; will retry'))).toHaveLength(2);
  });

  it('gives up after maxAttempts (dead, logged at error with ids only), and a dead event no longer holds the queue', async () => {
    receiver.setAnswer(() => 503);
    const before = receiver.received.length;
    const created = await stack.api('POST', '/api/v1/visits', { body: twoGuests('Never heard of') });
    const visit = created.json as VisitView;
    await waitFor('dead row', async () => (await createOutboxRepository(stack.db).listAll()).some((r) => r.status === 'dead'));
    const tries = receiver.received.slice(before);
    expect(tries).toHaveLength(3);
    const eventId = tries[0]?.body.id ?? '';
    expect(tries.every((t) => t.body.id === eventId && t.body.data['visitId'] === visit.id)).toBe(true);
    const dead = logLines.filter((l) => l.includes('marked dead')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ level: 50, eventId, type: 'visit.scheduled', attempts: 3, problem: 'HTTP 503' });
    expect(JSON.stringify(dead[0])).not.toContain(visit.id); // ids of the event only, never its body

    receiver.setAnswer(() => 200);
    const next = (await stack.api('POST', '/api/v1/visits', { body: twoGuests('After the dead one') })).json as VisitView;
    await waitFor('next event delivered', () => delivered().some((r) => r.body.data['visitId'] === next.id));
    expect(receiver.received.filter((r) => r.body.id === eventId)).toHaveLength(3);
  });

  it('prunes delivered and dead events past the retention, never undelivered ones', async () => {
    await stack.g2g.eventOutbox?.idle();
    const before = await createOutboxRepository(stack.db).listAll();
    expect(before.some((r) => r.status === 'delivered')).toBe(true);
    await createOutboxRepository(stack.db).insert({ id: `waiting-${database.name}`, seq: Number.MAX_SAFE_INTEGER, type: 'visit.missed', orderKey: 'visit:test', body: '{}' }, Date.now() + 1e9);
    expect(await stack.g2g.eventOutbox?.prune(7 * 86_400_000)).toBe(0);
    await new Promise((r) => setTimeout(r, 2));
    const removed = await stack.g2g.eventOutbox?.prune(0);
    expect(removed).toBe(before.filter((r) => r.status === 'delivered' || r.status === 'dead').length);
    expect((await createOutboxRepository(stack.db).listAll()).map((r) => r.id)).toEqual([`waiting-${database.name}`]);
  });

  it('tells the app when an admin deauthorizes the org (last: the org is unusable afterwards)', async () => {
    await stack.control.deauthorize(stack.emulator.seed.serviceApp.applicationId, { orgId: stack.orgId });
    await stack.settle();
    await waitFor('org.deauthorized delivered', () => ofType('org.deauthorized').length === 1);
    expect(ofType('org.deauthorized')[0]?.body.data).toEqual({ orgId: stack.orgId, status: 'deauthorized' });
  });
});

describe.each(testDatabases())('outbound events from two g2g instances on one $name database', (database) => {
  let stack: Stack;
  let other: G2G;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack(database, { config: { events: eventsConfig(receiver.url) } });
    other = await createG2G(stack.config, {
      db: stack.db,
      log: createLogger({ level: 'silent' }),
      sweepIntervalMs: 0,
      instanceId: 'second',
      tuning: { inboxSweepIntervalMs: 0, refreshIntervalMs: 0 },
    });
    other.eventOutbox?.start(); // its deliverer polls the same outbox (its HTTP side is not needed here)
  });
  afterAll(async () => {
    await other?.stop();
    await stack?.close();
    await receiver?.close();
  });

  it('delivers each event exactly once although both deliverers poll the same outbox', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const via = i % 2 === 0 ? stack.g2g : other;
      const res = await via.app.inject({ method: 'POST', url: '/api/v1/visits', headers: { authorization: `Bearer ${stack.apiKey}` }, payload: twoGuests(`Visit ${i}`) });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((JSON.parse(res.body) as VisitView).id);
    }
    await waitFor('six visit.scheduled', () => receiver.received.filter((r) => r.body.type === 'visit.scheduled').length >= 6);
    // Both deliverers go once more over the outbox at the same time: nothing is left for either.
    const again = await Promise.all([stack.g2g.eventOutbox?.deliverDue(), other.eventOutbox?.deliverDue()]);
    await Promise.all([stack.g2g.eventOutbox?.idle(), other.eventOutbox?.idle()]);
    expect(again).toEqual([0, 0]);
    const eventIds = receiver.received.map((r) => r.body.id);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect(receiver.received.filter((r) => r.body.type === 'visit.scheduled').map((r) => r.body.data['visitId'])).toEqual(ids);
    const stored = await createOutboxRepository(stack.db).listAll();
    expect(stored.map((r) => r.id)).toEqual(eventIds);
    expect(stored.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it('lets exactly one of several simultaneous claims of a row win (the compare-and-set behind "once")', async () => {
    const id = `claim-${database.name}`;
    // Due only far in the future, so the running deliverers leave it alone while the claims race.
    const later = Date.now() + 1e9;
    await createOutboxRepository(stack.db).insert({ id, seq: 1, type: 'visit.missed', orderKey: 'visit:test', body: '{}' }, later);
    const wins = await Promise.all(Array.from({ length: 6 }, () => createOutboxRepository(stack.db).claim(id, later, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    await createOutboxRepository(stack.db).markFailed(id, 'test row', undefined); // dead: out of the deliverers' way
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import { G2GError } from '../../../src/core/errors.js';
import { createBackgroundRunner } from '../../../src/core/run-in-background.js';
import { webhookDedupeKey, type InboundWebhook } from '../../../src/core/webhooks/webhook-envelope.js';
import { createWebhookInbox } from '../../../src/core/webhooks/webhook-inbox.js';
import { createLogger } from '../../../src/logger.js';
import { testDatabases } from '../../support/databases.js';
import { createInboxRepository } from '../../../src/store/inbox-repository.js';

const log = createLogger({ level: 'silent' });
const envelope = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ id: 'hook-1', name: 'g2g', resource: 'meetings', event: 'started', orgId: 'org-1', data, ...extra }));

describe('webhookDedupeKey', () => {
  it('is the same for a redelivery (or the same event on another webhook) and differs when the event differs', () => {
    const a = JSON.parse(envelope({ id: 'm1', state: 'inProgress' }).toString()) as InboundWebhook;
    expect(webhookDedupeKey(a)).toBe(webhookDedupeKey({ ...a, id: 'hook-2', name: 'other' }));
    expect(webhookDedupeKey(a)).not.toBe(webhookDedupeKey({ ...a, event: 'ended' }));
    expect(webhookDedupeKey(a)).not.toBe(webhookDedupeKey({ ...a, data: { id: 'm1', state: 'ended' } }));
    expect(webhookDedupeKey(a)).toMatch(/^meetings:started:[0-9a-f]{64}$/);
  });
});

describe.each(testDatabases())('webhook inbox on $name', (database) => {
  const setup = async (opts: { maxAttempts?: number } = {}) => {
    const db = await database.open();
    const clock = createManualClock();
    const background = createBackgroundRunner(log);
    const failures: { final: boolean }[] = [];
    const inbox = createWebhookInbox({ inboxStore: createInboxRepository(db), clock, log, background, retryBaseMs: 1000, ...opts, onFailed: (f) => void failures.push(f) });
    return { db, clock, background, inbox, failures };
  };

  it('stores a delivery once, processes it from the row, and calls the handler with the envelope', async () => {
    const { db, background, inbox } = await setup();
    const seen: string[] = [];
    inbox.on('meetings', async (e, meta) => void seen.push(`${e.event}:${String(e.data['id'])}:${meta.eventId}`));
    const first = await inbox.accept(envelope({ id: 'm1' }));
    expect(first.status).toBe('accepted');
    expect(await inbox.accept(envelope({ id: 'm1' }))).toEqual({ status: 'duplicate', eventId: undefined });
    await background.idle();
    expect(seen).toEqual([`started:m1:${first.eventId}`]);
    const rows = await db.selectFrom('webhook_events').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', attempts: 1, resource: 'meetings', event: 'started', org_id: 'org-1' });
  });

  it('stores a delivery already claimed, so a second instance on the database leaves it to the first while it works', async () => {
    const { db, clock, background, inbox } = await setup();
    const other = createWebhookInbox({ inboxStore: createInboxRepository(db), clock, log, background: createBackgroundRunner(log), retryBaseMs: 1000 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    inbox.on('meetings', async (e) => {
      seen.push(`first:${String(e.data['id'])}`);
      await held;
    });
    other.on('meetings', async (e) => void seen.push(`other:${String(e.data['id'])}`));
    const { eventId } = await inbox.accept(envelope({ id: 'm1' }));
    expect(await db.selectFrom('webhook_events').select(['status', 'lease_until']).where('id', '=', eventId ?? '').executeTakeFirst()).toMatchObject({
      status: 'processing',
      lease_until: clock.now() + 60_000,
    });
    await expect.poll(() => seen).toEqual(['first:m1']);
    expect(await other.processDue()).toBe(0);
    release();
    await background.idle();
    expect(seen).toEqual(['first:m1']);
    expect(await db.selectFrom('webhook_events').select('status').where('id', '=', eventId ?? '').executeTakeFirst()).toEqual({ status: 'done' });
  });

  it('takes its stored claim again (compare-and-set) when the claim ran out before the work began', async () => {
    const { db, clock, background, inbox } = await setup();
    const seen: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    inbox.on('meetings', async (e) => {
      seen.push(String(e.data['id']));
      if (e.data['id'] === 'm1') await firstHeld;
    });
    await inbox.accept(envelope({ id: 'm1' }));
    const second = await inbox.accept(envelope({ id: 'm2' }, { event: 'ended' })); // queued behind m1 (same org)
    clock.advance(61_000); // m2's claim runs out while it waits; someone else takes it meanwhile
    await db.updateTable('webhook_events').set({ lease_until: clock.now() + 60_000 }).where('id', '=', second.eventId ?? '').execute();
    releaseFirst();
    await background.idle();
    expect(seen).toEqual(['m1']); // m2 was left to whoever holds it now
  });

  it("works one org's events in the order they arrived, while another org's events go on meanwhile", async () => {
    const { background, inbox } = await setup();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    inbox.on('meetings', async (e) => {
      const id = String(e.data['id']);
      order.push(`start ${id}`);
      if (id === 'm1') await firstHeld; // the first event of org-1 is slow (e.g. a Webex call)
      order.push(`end ${id}`);
    });
    await inbox.accept(envelope({ id: 'm1' }));
    await inbox.accept(envelope({ id: 'm2' }, { event: 'ended' }));
    await inbox.accept(envelope({ id: 'm3' }, { orgId: 'org-2' }));
    await expect.poll(() => order).toContain('end m3');
    expect(order).not.toContain('start m2'); // waits behind m1, same org
    releaseFirst();
    await background.idle();
    expect(order.indexOf('end m1')).toBeLessThan(order.indexOf('start m2'));
  });

  it('stores no meeting password, host key, link or token from the delivery; handlers get everything else', async () => {
    const { db, background, inbox } = await setup();
    const seen: Record<string, unknown>[] = [];
    inbox.on('meetings', async (e) => void seen.push(e.data));
    const data = {
      id: 'm-secret', title: 'Consultation', password: 'Pw0rdSecret1', phoneAndVideoSystemPassword: '79673011', hostKey: '271828',
      excludePassword: false, webLink: 'https://site.example/m/abc', telephony: { accessCode: '2550001' },
      invitees: [{ email: 'pat@example.com', joinLink: 'https://site.example/join?tok=JOINSECRET' }], startLink: 'https://site.example/start?st=STARTSECRET', accessToken: 'tok-SECRET-1',
    };
    await inbox.accept(envelope(data));
    await background.idle();
    const [row] = await db.selectFrom('webhook_events').select(['body', 'status']).execute();
    expect(row?.status).toBe('done');
    for (const secret of ['Pw0rdSecret1', '79673011', '271828', 'JOINSECRET', 'STARTSECRET', 'tok-SECRET-1']) expect(row?.body).not.toContain(secret);
    expect(seen).toEqual([
      {
        ...data, password: '[redacted]', phoneAndVideoSystemPassword: '[redacted]', hostKey: '[redacted]', startLink: '[redacted]', accessToken: '[redacted]',
        invitees: [{ email: 'pat@example.com', joinLink: '[redacted]' }],
      },
    ]);
    // The same delivery again is still a duplicate (the key is computed from what Webex sent).
    expect((await inbox.accept(envelope(data))).status).toBe('duplicate');
  });

  it('prunes finished events after the retention, and only then takes the same content again', async () => {
    const { clock, background, inbox } = await setup();
    inbox.on('meetings', async () => undefined);
    await inbox.accept(envelope({ id: 'm9' }));
    await background.idle();
    clock.advance(6 * 86_400_000);
    expect(await inbox.prune()).toBe(0);
    expect((await inbox.accept(envelope({ id: 'm9' }))).status).toBe('duplicate');
    clock.advance(2 * 86_400_000);
    expect(await inbox.prune()).toBe(1);
    expect((await inbox.accept(envelope({ id: 'm9' }))).status).toBe('accepted');
    await background.idle();
  });

  it('stores one of two identical deliveries arriving at the same moment', async () => {
    const { db, background, inbox } = await setup();
    const results = await Promise.all([1, 2, 3].map(() => inbox.accept(envelope({ id: 'm-same' }))));
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    await background.idle();
    expect(await db.selectFrom('webhook_events').select('id').execute()).toHaveLength(1);
  });

  it('refuses a body that is not a webhook envelope with a validation error, storing nothing', async () => {
    const { db, inbox } = await setup();
    for (const bad of ['not json', '[]', '{"resource":"meetings","event":"started"}', '{"resource":"","event":"x","data":{}}']) {
      const error = await inbox.accept(Buffer.from(bad)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(G2GError);
      expect((error as G2GError).code).toBe('validation_failed');
    }
    expect(await db.selectFrom('webhook_events').select('id').execute()).toEqual([]);
  });

  it('keeps a failing event, retries it after a backoff, and gives up (dead) after the last attempt', async () => {
    const { db, clock, background, inbox, failures } = await setup({ maxAttempts: 3 });
    let calls = 0;
    inbox.on('meetings', async () => {
      calls += 1;
      throw new Error('database of the company app is down');
    });
    await inbox.accept(envelope({ id: 'm2' }));
    await background.idle();
    expect(calls).toBe(1);
    expect(await inbox.processDue()).toBe(0); // retry time not reached
    clock.advance(1001);
    expect(await inbox.processDue()).toBe(1);
    clock.advance(2001);
    expect(await inbox.processDue()).toBe(1);
    clock.advance(60_000);
    expect(await inbox.processDue()).toBe(0);
    expect(calls).toBe(3);
    expect(failures.map((f) => f.final)).toEqual([false, false, true]);
    const [row] = await db.selectFrom('webhook_events').selectAll().execute();
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row?.last_error).toContain('database of the company app is down');
  });

  it('lets only one of two inboxes (instances) on one database process a stored event', async () => {
    const { db, clock, inbox } = await setup();
    const other = createWebhookInbox({ inboxStore: createInboxRepository(db), clock, log, background: createBackgroundRunner(log) });
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      calls += 1;
      await gate;
    };
    inbox.on('meetings', slow);
    other.on('meetings', slow);
    await db
      .insertInto('webhook_events')
      .values({ id: 'e1', dedupe_key: 'k', resource: 'meetings', event: 'started', org_id: null, webhook_id: null, body: envelope({ id: 'm3' }).toString(), status: 'pending', attempts: 0, last_error: null, lease_until: null, received_at: 0, processed_at: null })
      .execute();
    const a = inbox.process('e1');
    const b = other.process('e1');
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([a, b]);
    expect(calls).toBe(1);
  });
});

describe.each(testDatabases())('webhook inbox across instances on $name', (database) => {
  // Skipped since the merge of wip/perf: accept() now stores each delivery already claimed (insertClaimed, one
  // statement per moment), which bypasses the org-order condition of the claim; reconciling both is open work.
  it("works one org's events in arrival order although two instances share the database", async () => {
    const db = await database.open();
    const clock = createManualClock();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const instance = () => {
      const background = createBackgroundRunner(log);
      const inbox = createWebhookInbox({ inboxStore: createInboxRepository(db), clock, log, background, retryBaseMs: 1000 });
      inbox.on('meetings', async (e) => {
        const id = String(e.data['id']);
        order.push(`start ${id}`);
        if (id === 'm1') await firstHeld;
        order.push(`end ${id}`);
      });
      return { inbox, background };
    };
    const a = instance();
    const b = instance();
    await a.inbox.accept(envelope({ id: 'm1' }));
    while (!order.includes('start m1')) await new Promise((r) => setTimeout(r, 2));
    clock.advance(1);
    await b.inbox.accept(envelope({ id: 'm2' })); // same org, the other instance
    clock.advance(1);
    await b.inbox.accept(envelope({ id: 'x1' }, { orgId: 'org-2' })); // another org is not held back
    await b.background.idle();
    expect(order).toEqual(['start m1', 'start x1', 'end x1']);
    releaseFirst();
    await a.background.idle();
    await b.background.idle();
    // The instance that finished m1 starts m2 (its own claim had to wait): after m1, never beside it.
    await a.background.idle();
    expect(order).toEqual(['start m1', 'start x1', 'end x1', 'end m1', 'start m2', 'end m2']);
  });
});

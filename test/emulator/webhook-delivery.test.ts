import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, flushDeliveries, joinLinks, openLink, startTestEmulator, startWebhookReceiver } from './support/emulator-harness.js';

let emu: RunningEmulator | undefined;
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];
afterEach(async () => {
  await emu?.close();
  for (const r of receivers.splice(0)) await r.close();
});

async function receiver(status?: () => number) {
  const r = await startWebhookReceiver(status);
  receivers.push(r);
  return r;
}

async function hook(e: RunningEmulator, token: string, body: Record<string, unknown>): Promise<{ id: string; status: string }> {
  const r = await call(`${e.baseUrl}/webhooks`, { token, body: { name: 'hook', ...body } });
  expect(r.status).toBe(200);
  return r.body as { id: string; status: string };
}

describe('webhook delivery', () => {
  it('retries a failing target and then succeeds, signing every attempt over the exact bytes', async () => {
    emu = await startTestEmulator({ webhookRetryDelaysMs: [1, 1, 1] });
    let calls = 0;
    const target = await receiver(() => (++calls <= 2 ? 500 : 200));
    await hook(emu, emu.seed.serviceApp.accessToken, { targetUrl: target.url, resource: 'meetings', event: 'created', secret: 'k' });
    await createMeeting(emu);
    await flushDeliveries(emu);
    expect(target.received).toHaveLength(3);
    for (const d of target.received) expect(d.headers['x-spark-signature']).toBe(createHmac('sha1', 'k').update(d.raw).digest('hex'));
    const deliveries = await call(`${emu.controlUrl}/deliveries`);
    expect((deliveries.body as { items: unknown[] }).items).toMatchObject([{ status: 'delivered', attempts: 3, lastStatusCode: 200, resource: 'meetings', event: 'created' }]);
  });

  it('turns a webhook inactive after repeated failures, delivers nothing more, and PUT status active revives it', async () => {
    emu = await startTestEmulator({ webhookRetryDelaysMs: [], webhookDisableAfterFailures: 3 });
    let failing = true;
    const target = await receiver(() => (failing ? 503 : 200));
    const token = emu.seed.serviceApp.accessToken;
    const created = await hook(emu, token, { targetUrl: target.url, resource: 'meetings', event: 'created' });
    for (let i = 0; i < 3; i += 1) await createMeeting(emu);
    await flushDeliveries(emu);
    expect((await call(`${emu.baseUrl}/webhooks/${created.id}`, { token })).body).toMatchObject({ status: 'inactive' });
    failing = false;
    await createMeeting(emu);
    await flushDeliveries(emu);
    expect(target.received).toHaveLength(3);

    const revived = await call(`${emu.baseUrl}/webhooks/${created.id}`, { token, method: 'PUT', body: { name: 'hook', targetUrl: target.url, status: 'active' } });
    expect(revived.body).toMatchObject({ status: 'active' });
    await createMeeting(emu);
    await flushDeliveries(emu);
    expect(target.received).toHaveLength(4);
    // Re-enabled within five minutes of being disabled: the next failure disables it again at once (S2).
    failing = true;
    await createMeeting(emu);
    await flushDeliveries(emu);
    expect((await call(`${emu.baseUrl}/webhooks/${created.id}`, { token })).body).toMatchObject({ status: 'inactive' });
    const deactivate = await call(`${emu.baseUrl}/webhooks/${created.id}`, { token, method: 'PUT', body: { name: 'hook', targetUrl: target.url, status: 'inactive' } });
    expect(deactivate.status).toBe(400);
  });

  it('applies filters and ownership: creator hooks hear their own meetings, org hooks the whole org', async () => {
    emu = await startTestEmulator();
    const mine = await receiver();
    const filtered = await receiver();
    const orgWide = await receiver();
    const other = await receiver();
    const token = emu.seed.serviceApp.accessToken;
    await hook(emu, token, { targetUrl: mine.url, resource: 'meetings', event: 'all' });
    await hook(emu, token, { targetUrl: filtered.url, resource: 'meetings', event: 'created', filter: 'meetingType=scheduledMeeting' });
    await hook(emu, emu.seed.admin.accessToken, { targetUrl: orgWide.url, resource: 'meetings', event: 'created', ownedBy: 'org' });
    const org = await call(`${emu.controlUrl}/orgs`, { body: {} });
    await hook(emu, (org.body as { admin: { accessToken: string } }).admin.accessToken, { targetUrl: other.url, resource: 'meetings', event: 'created', ownedBy: 'org' });
    const meeting = await createMeeting(emu, { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, unlockedMeetingJoinSecurity: 'allowJoin' });
    await openLink(emu, (await joinLinks(emu, meeting.id as string)).joinLink);
    await flushDeliveries(emu);
    // `all` covers created/updated/deleted, not started (S2).
    expect(mine.received.map((d) => d.body.event)).toEqual(['created']);
    expect(filtered.received).toHaveLength(0);
    expect(orgWide.received).toHaveLength(1);
    expect(orgWide.received[0]?.body).toMatchObject({ ownedBy: 'org', orgId: emu.seed.orgId, data: { id: meeting.id } });
    expect(other.received).toHaveLength(0);
  });

  it('rejects webhooks with a bad resource, event, filter key or target, and needs the resource read scope', async () => {
    emu = await startTestEmulator();
    const token = emu.seed.serviceApp.accessToken;
    const bad = await call(`${emu.baseUrl}/webhooks`, { token, body: { name: 'x', targetUrl: 'ftp://x', resource: 'meetingz', event: 'begun', filter: 'color=red' } });
    expect(bad.status).toBe(400);
    const text = bad.text;
    for (const field of ["'targetUrl'", "'resource'", "'event'"]) expect(text).toContain(field);
    const filter = await call(`${emu.baseUrl}/webhooks`, { token, body: { name: 'x', targetUrl: 'https://x.example', resource: 'meetings', event: 'created', filter: 'color=red' } });
    expect(filter.text).toContain("'filter' key 'color' is not supported");
    const serviceApp = await call(`${emu.baseUrl}/webhooks`, { token, body: { name: 'x', targetUrl: 'https://x.example', resource: 'serviceApp', event: 'authorized' } });
    expect(serviceApp.status).toBe(403);
  });
});

describe('meeting change webhooks', () => {
  it('created, updated and deleted carry the series object', async () => {
    emu = await startTestEmulator();
    const target = await receiver();
    const token = emu.seed.serviceApp.accessToken;
    await hook(emu, token, { targetUrl: target.url, resource: 'meetings', event: 'all' });
    const meeting = await createMeeting(emu);
    await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token, method: 'PATCH', body: { title: 'Renamed' } });
    await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token, method: 'DELETE' });
    await flushDeliveries(emu);
    expect(target.received.map((d) => [d.body.event, d.body.data.title, d.body.data.meetingType])).toEqual([
      ['created', 'Consultation', 'meetingSeries'],
      ['updated', 'Renamed', 'meetingSeries'],
      ['deleted', 'Renamed', 'meetingSeries'],
    ]);
    expect(target.received.every((d) => d.body.data.id === meeting.id)).toBe(true);
  });
});

describe('messaging webhooks', () => {
  it('rooms and memberships created reach the creator and the added person hooks', async () => {
    emu = await startTestEmulator();
    const target = await receiver();
    const token = emu.seed.serviceApp.accessToken;
    await hook(emu, token, { targetUrl: target.url, resource: 'rooms', event: 'created' });
    await hook(emu, token, { targetUrl: target.url, resource: 'memberships', event: 'created', filter: 'personEmail=guest@example.com' });
    const room = await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Follow-up' } });
    await call(`${emu.baseUrl}/memberships`, { token, body: { roomId: (room.body as { id: string }).id, personEmail: 'guest@example.com' } });
    await flushDeliveries(emu);
    // The creator's own membership does not match the filter; the guest's does.
    expect(target.received.map((d) => `${d.body.resource}:${d.body.event}`)).toEqual(['rooms:created', 'memberships:created']);
    expect(target.received[1]?.body.data).toMatchObject({ personEmail: 'guest@example.com', roomId: (room.body as { id: string }).id });
  });
});

describe('held-back deliveries', () => {
  it('a webhook delay holds deliveries back but keeps them, in order, for flush', async () => {
    emu = await startTestEmulator();
    const target = await receiver();
    const token = emu.seed.serviceApp.accessToken;
    await hook(emu, token, { targetUrl: target.url, resource: 'meetings', event: 'created' });
    expect((await call(`${emu.controlUrl}/webhook-delay`, { method: 'PUT', body: { ms: 500 } })).body).toEqual({ ms: 500 });
    await createMeeting(emu, { title: 'one' });
    await createMeeting(emu, { title: 'two' });
    // Held back (half a second is far beyond the few milliseconds the two creates take).
    expect(target.received).toHaveLength(0);
    const held = (await call(`${emu.controlUrl}/deliveries`)).body as { items: { status: string; attempts: number }[] };
    expect(held.items.map((d) => [d.status, d.attempts])).toEqual([['pending', 0], ['pending', 0]]);
    await flushDeliveries(emu);
    expect(target.received.map((d) => d.body.data.title)).toEqual(['one', 'two']);
    expect((await call(`${emu.controlUrl}/webhook-delay`, { method: 'PUT', body: { ms: -1 } })).status).toBe(400);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, flushDeliveries, startTestEmulator, startWebhookReceiver } from './support/emulator-harness.js';

let emu: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeEach(async () => {
  emu = await startTestEmulator();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emu.close();
  await receiver.close();
});

async function guest(subject: string): Promise<{ id: string; email: string; accessToken: string }> {
  const r = await call(`${emu.baseUrl}/guests/token`, { token: emu.seed.serviceApp.accessToken, body: { subject, displayName: subject } });
  return r.body as { id: string; email: string; accessToken: string };
}

describe('messages in a space of persistent guests', () => {
  it('members post and read newest first; webhooks carry no text; outsiders see nothing', async () => {
    const sa = emu.seed.serviceApp.accessToken;
    const [ann, bob, eve] = [await guest('ann'), await guest('bob'), await guest('eve')];
    const room = (await call(`${emu.baseUrl}/rooms`, { token: sa, body: { title: 'Care team' } })).body as { id: string };
    for (const g of [ann, bob]) await call(`${emu.baseUrl}/memberships`, { token: sa, body: { roomId: room.id, personId: g.id } });
    const hook = await call(`${emu.baseUrl}/webhooks`, { token: ann.accessToken, body: { name: 'm', targetUrl: receiver.url, resource: 'messages', event: 'created', filter: `roomId=${room.id}` } });
    expect(hook.status).toBe(200);

    const first = await call(`${emu.baseUrl}/messages`, { token: ann.accessToken, body: { roomId: room.id, text: 'Hello Bob' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ roomId: room.id, roomType: 'group', text: 'Hello Bob', personId: ann.id, personEmail: ann.email });
    await call(`${emu.baseUrl}/messages`, { token: bob.accessToken, body: { roomId: room.id, markdown: '**Hi** Ann' } });
    const list = await call(`${emu.baseUrl}/messages?roomId=${room.id}`, { token: bob.accessToken });
    expect((list.body as { items: { text?: string; markdown?: string }[] }).items.map((m) => m.text ?? m.markdown)).toEqual(['**Hi** Ann', 'Hello Bob']);

    expect((await call(`${emu.baseUrl}/messages?roomId=${room.id}`, { token: eve.accessToken })).status).toBe(404);
    expect((await call(`${emu.baseUrl}/messages/${(first.body as { id: string }).id}`, { token: eve.accessToken })).status).toBe(404);
    expect((await call(`${emu.baseUrl}/messages`, { token: eve.accessToken, body: { roomId: room.id, text: 'let me in' } })).status).toBe(404);

    await flushDeliveries(emu);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.body).toMatchObject({ resource: 'messages', event: 'created', data: { id: (first.body as { id: string }).id, roomId: room.id, personId: ann.id } });
    expect(receiver.received.every((d) => !('text' in d.body.data) && !('markdown' in d.body.data))).toBe(true);
  });

  it('a direct message makes a direct room once; only the author deletes; bad bodies name the field', async () => {
    const [ann, bob] = [await guest('ann'), await guest('bob')];
    const a = await call(`${emu.baseUrl}/messages`, { token: ann.accessToken, body: { toPersonEmail: bob.email, text: 'psst' } });
    const b = await call(`${emu.baseUrl}/messages`, { token: bob.accessToken, body: { toPersonId: ann.id, text: 'hi' } });
    expect((a.body as { roomType: string }).roomType).toBe('direct');
    expect((a.body as { roomId: string }).roomId).toBe((b.body as { roomId: string }).roomId);
    expect((await call(`${emu.baseUrl}/messages/${(a.body as { id: string }).id}`, { token: bob.accessToken, method: 'DELETE' })).status).toBe(403);
    expect((await call(`${emu.baseUrl}/messages/${(a.body as { id: string }).id}`, { token: ann.accessToken, method: 'DELETE' })).status).toBe(204);
    const bad = await call(`${emu.baseUrl}/messages`, { token: ann.accessToken, body: { roomId: 'x', toPersonId: 'y' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("exactly one of 'roomId', 'toPersonId' or 'toPersonEmail'");
    expect(bad.text).toContain("'text' or 'markdown' is required");
    // The Service App's own token has no messaging scope.
    expect((await call(`${emu.baseUrl}/messages`, { token: emu.seed.serviceApp.accessToken, body: { toPersonId: ann.id, text: 'x' } })).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebhooks, serviceAppWebhooks } from '../../../src/core/orgs/ensure-webhooks.js';
import { Secret } from '../../../src/secret.js';
import { createWebexClient, type Webhook } from '../../../src/webex/index.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';

describe('ensureWebhooks (against the emulator)', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('creates what is missing, then updates a rotated secret, and otherwise changes nothing', async () => {
    const client = createWebexClient({ baseUrl: emu.seed.baseUrl, token: () => Promise.resolve(emu.seed.tokenManager.accessToken) });
    const wanted = serviceAppWebhooks(emu.seed.serviceApp.applicationId);
    const target = 'http://127.0.0.1:9/webhooks/webex'; // nothing listens: only registration is checked here
    const list = async () => {
      const out: Webhook[] = [];
      for await (const h of client.webhooks.list()) if (h.targetUrl === target) out.push(h);
      return out;
    };

    expect(await ensureWebhooks(client, wanted, target, new Secret('first-secret-0123456789'))).toEqual({ created: 2, updated: 0 });
    expect(await ensureWebhooks(client, wanted, target, new Secret('first-secret-0123456789'))).toEqual({ created: 0, updated: 0 });
    const before = await list();
    expect(before.map((h) => `${h.resource}:${h.event}:${h.filter ?? ''}`).sort()).toEqual([
      `serviceApp:authorized:id=${emu.seed.serviceApp.applicationId}`,
      `serviceApp:deauthorized:id=${emu.seed.serviceApp.applicationId}`,
    ]);

    expect(await ensureWebhooks(client, wanted, target, new Secret('second-secret-0123456789'))).toEqual({ created: 0, updated: 2 });
    const after = await list();
    expect(after.map((h) => h.id).sort()).toEqual(before.map((h) => h.id).sort());
    expect(after.map((h) => h.secret)).toEqual(['second-secret-0123456789', 'second-secret-0123456789']);
  });
});

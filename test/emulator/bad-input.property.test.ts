import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, startTestEmulator } from './support/emulator-harness.js';

/** Random and half-right bodies never crash the emulator, always get the Webex error body, and change nothing. */
let emu: RunningEmulator;
let meetingId: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  meetingId = (await createMeeting(emu)).id as string;
});
afterAll(async () => {
  await emu.close();
});

const anyValue = fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 }));
const nearlyMeeting = fc.record(
  {
    title: anyValue,
    start: fc.oneof(anyValue, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    end: fc.oneof(anyValue, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    timezone: anyValue,
    joinBeforeHostMinutes: anyValue,
    unlockedMeetingJoinSecurity: anyValue,
    invitees: anyValue,
    integrationTags: anyValue,
    meetingOptions: anyValue,
    siteUrl: anyValue,
    hostEmail: anyValue,
    recurrence: anyValue,
  },
  { requiredKeys: [] },
);
const nearlyJoin = fc.record(
  { meetingId: fc.oneof(anyValue, fc.constant('MEETING')), meetingNumber: anyValue, webLink: anyValue, joinDirectly: anyValue, email: anyValue, displayName: anyValue, expirationMinutes: anyValue, password: anyValue },
  { requiredKeys: [] },
);

async function stateFingerprint(): Promise<string> {
  const s = (await call(`${emu.controlUrl}/state`)).body as { meetings: unknown[]; links: unknown[]; webhooks: unknown[] };
  return JSON.stringify([s.meetings, s.webhooks]);
}

function isWebexError(body: unknown): boolean {
  const b = body as { message?: unknown; trackingId?: unknown; errors?: unknown };
  return typeof b.message === 'string' && typeof b.trackingId === 'string' && Array.isArray(b.errors);
}

describe('bad input', () => {
  it('POST /meetings with random bodies answers 200 or a Webex-style 4xx, never a 5xx; a refusal stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyValue, nearlyMeeting), async (body) => {
        const before = await stateFingerprint();
        const r = await call(`${emu.baseUrl}/meetings`, { token: emu.seed.serviceApp.accessToken, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) {
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(isWebexError(r.body)).toBe(true);
          expect(await stateFingerprint()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('POST /meetings/join with random bodies never answers a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyValue, nearlyJoin), async (body) => {
        const payload = typeof body === 'object' && body !== null && (body as { meetingId?: unknown }).meetingId === 'MEETING' ? { ...body, meetingId } : body;
        const r = await call(`${emu.baseUrl}/meetings/join`, { token: emu.seed.serviceApp.accessToken, body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(isWebexError(r.body)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('GET /meetings with random query values never answers a 5xx', async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('true', 'false', 'meeting', 'scheduledMeeting', 'ended', ''));
    const key = fc.constantFrom('max', 'from', 'to', 'meetingType', 'state', 'cursor', 'current', 'meetingNumber', 'webLink', 'meetingSeriesId', 'siteUrl', 'integrationTag', 'hostEmail', 'roomId');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 5 }), async (query) => {
        const r = await call(`${emu.baseUrl}/meetings?${new URLSearchParams(query).toString()}`, { token: emu.seed.serviceApp.accessToken });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(isWebexError(r.body)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('malformed JSON, a wrong content type and a huge body answer 400, 415 and 400', async () => {
    const token = emu.seed.serviceApp.accessToken;
    expect((await call(`${emu.baseUrl}/meetings`, { token, body: '{"title":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await call(`${emu.baseUrl}/meetings`, { token, body: 'x', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
    expect((await call(`${emu.baseUrl}/meetings`, { token, body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const empty = await call(`${emu.baseUrl}/meetings`, { token, method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(isWebexError(empty.body)).toBe(true);
  });
  it('the control plane answers 4xx, never a 5xx, for random bodies (last: it may move the clock)', async () => {
    const paths = ['/orgs', '/links/open', '/faults', '/clock/advance', `/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, '/tokens/revoke'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), anyValue, async (path, body) => {
        const r = await call(`${emu.controlUrl}${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    await call(`${emu.controlUrl}/faults`, { method: 'DELETE' });
  });

});

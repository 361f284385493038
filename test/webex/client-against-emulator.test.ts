/**
 * The client against the real local emulator over HTTP: the guest-to-guest calls g2g makes, answers checked to fit
 * our types without loss (shape.ts), and the transport's behaviour against the emulator's faults and token revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createWebexClient, WebexApiError, type Meeting, type TokenSource, type WebexClient } from '../../src/webex/index.js';
import { tokenResponseShape } from '../../src/webex/applications.js';
import { guestShape } from '../../src/webex/guests.js';
import { schedulingOptionsShape } from '../../src/webex/meeting-preference-types.js';
import { joinMeetingResponseShape, meetingShape } from '../../src/webex/meeting-types.js';
import { membershipShape } from '../../src/webex/memberships.js';
import { personShape } from '../../src/webex/people.js';
import { roomShape } from '../../src/webex/rooms.js';
import { webhookShape } from '../../src/webex/webhooks.js';
import { findShapeMismatches, type ObjectShape } from '../../src/webex/shape.js';
import { createFakeTimers } from './fake-timers.js';

let emu: RunningEmulator;
let webex: WebexClient;

const fits = (shape: ObjectShape, value: unknown) => expect(findShapeMismatches(shape, value)).toEqual([]);

async function control(path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${emu.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function slot(minutesFromNow: number, lengthMinutes = 30) {
  const start = new Date(Math.ceil((Date.now() + minutesFromNow * 60_000) / 60_000) * 60_000);
  return { start: start.toISOString(), end: new Date(start.getTime() + lengthMinutes * 60_000).toISOString() };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, pagesTls: false });
  webex = createWebexClient({ baseUrl: emu.baseUrl, token: () => Promise.resolve(emu.seed.serviceApp.accessToken), timers: createFakeTimers(), retryBaseDelayMs: 1 });
});

afterAll(async () => {
  await emu.close();
});

describe('the guest-to-guest calls against the emulator', () => {
  let meeting: Meeting;

  it('reads the Service App machine account and sets join-before-host scheduling options', async () => {
    const me = await webex.people.me();
    fits(personShape, me);
    const options = await webex.meetingPreferences.updateSchedulingOptions({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, enabledAutoShareRecording: false });
    fits(schedulingOptionsShape, options);
    expect(options.enabledJoinBeforeHost).toBe(true);
  });

  it('schedules a hostless meeting on the guest site, finds it, patches it and mints join and start links', async () => {
    meeting = await webex.meetings.create({
      title: 'Consultation',
      ...slot(60),
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 5,
      unlockedMeetingJoinSecurity: 'allowJoin',
      sendEmail: false,
      siteUrl: emu.seed.siteUrl,
      integrationTags: ['visit-1'],
    });
    fits(meetingShape, meeting);
    expect(meeting).toMatchObject({ meetingType: 'meetingSeries', state: 'active', siteUrl: emu.seed.siteUrl });

    fits(meetingShape, await webex.meetings.get(meeting.id));
    const listed: Meeting[] = [];
    for await (const m of webex.meetings.list({ meetingType: 'meetingSeries', siteUrl: emu.seed.siteUrl, max: 1 })) listed.push(m);
    expect(listed.map((m) => m.id)).toContain(meeting.id);

    const patched = await webex.meetings.patch(meeting.id, { title: 'Consultation (moved)' });
    expect(patched.title).toBe('Consultation (moved)');

    const links = await webex.meetings.join({ meetingId: meeting.id, email: 'pat@example.com', displayName: 'Pat' });
    fits(joinMeetingResponseShape, links);
    expect(links.joinLink).toMatch(/^https?:\/\//);
  });

  it('creates a guest, a space with members, and a webhook, and counts guests', async () => {
    const guest = await webex.guests.createToken({ subject: 'patient-42', displayName: 'Pat' });
    fits(guestShape, guest);
    expect(await webex.guests.count()).toBeGreaterThanOrEqual(1);

    const room = await webex.rooms.create({ title: 'Care team' });
    fits(roomShape, room);
    const membership = await webex.memberships.create({ roomId: room.id, personId: guest.id });
    fits(membershipShape, membership);
    const again = await webex.memberships.create({ roomId: room.id, personId: guest.id }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WebexApiError);
    expect((again as WebexApiError).code).toBe('webex_conflict');

    const hook = await webex.webhooks.create({ name: 'g2g', targetUrl: 'http://127.0.0.1:9/webhooks/webex', resource: 'meetings', event: 'started', secret: 'whsec-0123456789' });
    fits(webhookShape, hook);
    await webex.webhooks.delete(hook.id);
    await webex.rooms.delete(room.id);
  });

  it('mints Service App tokens with the token-manager credential and refreshes them at /access_token', async () => {
    const manager = createWebexClient({ baseUrl: emu.baseUrl, token: () => Promise.resolve(emu.seed.tokenManager.accessToken) });
    const { serviceApp, orgId } = emu.seed;
    const minted = await manager.applications.createToken(serviceApp.applicationId, { clientId: serviceApp.clientId, clientSecret: serviceApp.clientSecret, targetOrgId: orgId });
    fits(tokenResponseShape, minted);
    const refreshed = await webex.oauth.refreshToken({ clientId: serviceApp.clientId, clientSecret: serviceApp.clientSecret, refreshToken: minted.refresh_token });
    fits(tokenResponseShape, refreshed);
    const fresh = createWebexClient({ baseUrl: emu.baseUrl, token: () => Promise.resolve(refreshed.access_token) });
    await expect(fresh.people.me()).resolves.toHaveProperty('id');
  });

  it('ends and deletes meetings', async () => {
    const other = await webex.meetings.create({ title: 'Short', ...slot(120), siteUrl: emu.seed.siteUrl });
    await webex.meetings.delete(other.id);
    const gone = await webex.meetings.get(other.id).catch((e: unknown) => e);
    expect((gone as WebexApiError).code).toBe('webex_not_found');
  });
});

describe('the transport against emulator faults and revoked tokens', () => {
  it('rides out injected 503s on a GET and reports an injected 503 on a create without repeating it', async () => {
    await control('/faults', { method: 'GET', path: '/v1/people/me', status: 503, count: 2 });
    await expect(webex.people.me()).resolves.toHaveProperty('id');
    await control('/faults', undefined, 'DELETE');

    await control('/faults', { method: 'POST', path: '/v1/meetings', status: 503, count: 1 });
    const before = ((await control(`/requests?method=POST&path=/v1/meetings`, undefined, 'GET')) as { items: unknown[] }).items.length;
    const err = await webex.meetings.create({ title: 'Refused', ...slot(180), siteUrl: emu.seed.siteUrl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebexApiError);
    expect((err as WebexApiError).code).toBe('webex_unavailable');
    const after = ((await control(`/requests?method=POST&path=/v1/meetings`, undefined, 'GET')) as { items: unknown[] }).items.length;
    expect(after - before).toBe(1);
    await control('/faults', undefined, 'DELETE');
  });

  it('waits out an injected 429 Retry-After', async () => {
    const timers = createFakeTimers();
    const client = createWebexClient({ baseUrl: emu.baseUrl, token: () => Promise.resolve(emu.seed.serviceApp.accessToken), timers });
    await control('/faults', { method: 'GET', path: '/v1/meetingPreferences*', status: 429, count: 1, retryAfterSeconds: 7 });
    await expect(client.meetingPreferences.get()).resolves.toHaveProperty('schedulingOptions');
    expect(timers.sleeps).toEqual([7000]);
    await control('/faults', undefined, 'DELETE');
  });

  it('asks the token source for a new token after a revoked one answers 401', async () => {
    const org = (await control('/orgs', { name: 'Clinic B' })) as { orgId: string };
    await control(`/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, { orgId: org.orgId });
    const manager = createWebexClient({ baseUrl: emu.baseUrl, token: () => Promise.resolve(emu.seed.tokenManager.accessToken) });
    const mint = () =>
      manager.applications.createToken(emu.seed.serviceApp.applicationId, { clientId: emu.seed.serviceApp.clientId, clientSecret: emu.seed.serviceApp.clientSecret, targetOrgId: org.orgId });
    let current = (await mint()).access_token;
    const rejected: string[] = [];
    const source: TokenSource = {
      getToken: () => Promise.resolve(current),
      refreshToken: async (bad) => {
        rejected.push(bad);
        current = (await mint()).access_token;
        return current;
      },
    };
    const client = createWebexClient({ baseUrl: emu.baseUrl, token: source });
    const first = current;
    await control('/tokens/revoke', { orgId: org.orgId, kind: 'access' });
    await expect(client.people.me()).resolves.toHaveProperty('id');
    expect(rejected).toEqual([first]);
  });
});

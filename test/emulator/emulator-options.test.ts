import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, joinLinks, openLink, startTestEmulator } from './support/emulator-harness.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('startEmulator options', () => {
  it('runs on an injected base clock: moving it expires tokens, and the control clock adds its offset', async () => {
    let now = Date.UTC(2031, 0, 1, 9, 0);
    emu = await startTestEmulator({ clock: { now: () => now }, tokenLifetimes: { accessSeconds: 60 } });
    const clock = await call(`${emu.controlUrl}/clock`);
    expect(clock.body).toMatchObject({ nowMs: now, offsetMs: 0, now: '2031-01-01T09:00:00.000Z' });
    const token = (
      await call(`${emu.baseUrl}/access_token`, {
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.seed.serviceApp.clientId, client_secret: emu.seed.serviceApp.clientSecret, refresh_token: emu.seed.serviceApp.refreshToken }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    ).body as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(60);
    expect((await call(`${emu.baseUrl}/people/me`, { token: token.access_token })).status).toBe(200);
    now += 61_000;
    expect((await call(`${emu.baseUrl}/people/me`, { token: token.access_token })).status).toBe(401);
    const advanced = await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 1000 } });
    expect(advanced.body).toMatchObject({ nowMs: now + 1000, offsetMs: 1000 });
  });

  it('names the org and site and licenses the site as asked', async () => {
    emu = await startTestEmulator({ orgName: 'Clinic', siteUrl: 'clinic-g2g.webex.com', license: 150, participantsPerMeeting: 50 });
    expect(emu.seed).toMatchObject({ siteUrl: 'clinic-g2g.webex.com', license: { concurrentMeetings: 150, participantsPerMeeting: 50 } });
    const overview = await call(`${emu.controlUrl}/overview`);
    expect((overview.body as { orgs: { name: string }[] }).orgs[0]?.name).toBe('Clinic');
  });
});

describe('control-plane edges', () => {
  it('refuses a duplicate site and a bad site name', async () => {
    emu = await startTestEmulator();
    expect((await call(`${emu.controlUrl}/orgs`, { body: { siteUrl: emu.seed.siteUrl } })).body).toMatchObject({ code: 'site_exists' });
    expect((await call(`${emu.controlUrl}/orgs`, { body: { siteUrl: 'not a host' } })).status).toBe(400);
    expect((await call(`${emu.controlUrl}/orgs`, { body: { concurrentMeetings: -1 } })).status).toBe(400);
  });

  it('a link to a deleted meeting says so, and leaving twice is harmless', async () => {
    emu = await startTestEmulator();
    const token = emu.seed.serviceApp.accessToken;
    const meeting = await createMeeting(emu, { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, unlockedMeetingJoinSecurity: 'allowJoin' });
    const links = await joinLinks(emu, meeting.id as string);
    const deleted = await createMeeting(emu);
    const deletedLinks = await joinLinks(emu, deleted.id as string);
    await call(`${emu.baseUrl}/meetings/${String(deleted.id)}`, { token, method: 'DELETE' });
    expect((await openLink(emu, deletedLinks.joinLink)).body).toMatchObject({ code: 'meeting_not_found' });
    expect((await call(`${emu.controlUrl}/links/inspect?url=${encodeURIComponent(deletedLinks.joinLink)}`)).status).toBe(404);

    const a = (await openLink(emu, links.joinLink, 'A')).body as { participantId: string };
    await openLink(emu, links.joinLink, 'B');
    expect((await call(`${emu.controlUrl}/participants/${a.participantId}/leave`, { method: 'POST' })).body).toMatchObject({ state: 'end', meetingState: 'inProgress' });
    expect((await call(`${emu.controlUrl}/participants/${a.participantId}/leave`, { method: 'POST' })).body).toMatchObject({ state: 'end', meetingState: 'inProgress' });
    expect((await call(`${emu.controlUrl}/participants/nope/leave`, { method: 'POST' })).status).toBe(404);
  });
});

describe('defaults that matter to people', () => {
  it('serves join and start links over https by default', async () => {
    emu = await startTestEmulator({ pagesTls: true });
    expect(emu.pagesUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const meeting = await createMeeting(emu);
    const links = await joinLinks(emu, meeting.id as string);
    expect(links.joinLink.startsWith(`${emu.pagesUrl}/join/`)).toBe(true);
    expect(links.startLink.startsWith(`${emu.pagesUrl}/join/`)).toBe(true);
  });

  it('shapes ids like Webex: base64 ciscospark ids for people, rooms, memberships, webhooks and orgs; hex meeting ids', async () => {
    emu = await startTestEmulator();
    const token = emu.seed.serviceApp.accessToken;
    const decode = (id: string) => Buffer.from(id, 'base64url').toString('utf8');
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    const me = (await call(`${emu.baseUrl}/people/me`, { token })).body as { id: string; orgId: string };
    expect(decode(me.id)).toMatch(new RegExp(`^ciscospark://us/PEOPLE/${uuid}$`));
    expect(decode(me.orgId)).toMatch(new RegExp(`^ciscospark://us/ORGANIZATION/${uuid}$`));
    expect(me.id).not.toContain('=');
    const room = (await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'r' } })).body as { id: string };
    expect(decode(room.id)).toMatch(new RegExp(`^ciscospark://us/ROOM/${uuid}$`));
    const membership = (await call(`${emu.baseUrl}/memberships?roomId=${room.id}`, { token })).body as { items: { id: string }[] };
    expect(decode(membership.items[0]?.id ?? '')).toMatch(/^ciscospark:\/\/us\/MEMBERSHIP\//);
    const hook = (await call(`${emu.baseUrl}/webhooks`, { token, body: { name: 'w', targetUrl: 'https://x.example/h', resource: 'meetings', event: 'created' } })).body as { id: string };
    expect(decode(hook.id)).toMatch(new RegExp(`^ciscospark://us/WEBHOOK/${uuid}$`));
    const meeting = await createMeeting(emu);
    expect(meeting.id).toMatch(/^[0-9a-f]{32}$/);
    expect(meeting.meetingNumber).toMatch(/^\d{9,11}$/);
  });
});

describe('one port, two protocols', () => {
  it('answers the same API over https on the API port, for clients that hard-code https', async () => {
    emu = await startTestEmulator();
    expect(emu.httpsBaseUrl).toBe(emu.baseUrl.replace(/^http:/, 'https:'));
    const { request } = await import('node:https');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${emu?.httpsBaseUrl ?? ''}/people/me`, { headers: { authorization: `Bearer ${emu?.seed.serviceApp.accessToken ?? ''}` }, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ orgId: emu.seed.orgId });
    // And plain http keeps working on the same port.
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.serviceApp.accessToken })).status).toBe(200);
  });
});

describe('housekeeping', () => {
  it('forgets tokens and links a week after they expired', async () => {
    emu = await startTestEmulator({ tokenLifetimes: { accessSeconds: 60 } });
    const meeting = await createMeeting(emu);
    const links = await joinLinks(emu, meeting.id as string, { expirationMinutes: 1 });
    const before = emu.snapshot();
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 2 * 24 * 3600_000 } });
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'link_expired' });
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 6 * 24 * 3600_000 } });
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'link_unknown' });
    const after = emu.snapshot();
    expect(after.links).toHaveLength(0);
    // Access tokens (60 s) are gone; refresh tokens (90 days) stay and still refresh.
    expect(after.tokens.length).toBeLessThan(before.tokens.length);
    expect(after.tokens.every((t) => t.kind === 'refresh')).toBe(true);
    const refreshed = await call(`${emu.baseUrl}/access_token`, {
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.seed.serviceApp.clientId, client_secret: emu.seed.serviceApp.clientSecret, refresh_token: emu.seed.serviceApp.refreshToken }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refreshed.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, emulatorTime, joinLinks, openLink, startTestEmulator } from './support/emulator-harness.js';

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  token = emu.seed.serviceApp.accessToken;
});
afterAll(async () => {
  await emu.close();
});

async function create(body: Record<string, unknown>) {
  return call(`${emu.baseUrl}/meetings`, { token, body });
}
function descriptions(r: { body: unknown }): string {
  return ((r.body as { errors?: { description: string }[] }).errors ?? []).map((e) => e.description).join(' | ');
}
async function meetingCount(): Promise<number> {
  const overview = await call(`${emu.controlUrl}/overview`);
  return (overview.body as { meetings: { meetingType: string }[] }).meetings.filter((m) => m.meetingType === 'meetingSeries').length;
}

describe('POST /meetings validation (documented rules), leaving nothing behind', () => {
  it.each([
    ['a title over 128 characters', async () => ({ title: 'x'.repeat(129), start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40) }), "'title' must be at most 128"],
    ['a duration under 10 minutes', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 19) }), 'at least 10 minutes'],
    ['a duration over 23:59', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 10 + 24 * 60) }), 'at most 23 hours 59 minutes'],
    ['a start in the past', async () => ({ title: 't', start: await emulatorTime(emu, -10), end: await emulatorTime(emu, 30) }), "Parameter 'start' or 'end' is before current time"],
    ['joinBeforeHostMinutes outside {0,5,10,15}', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), joinBeforeHostMinutes: 7 }), "'joinBeforeHostMinutes' must be one of 0, 5, 10, 15"],
    ['an unknown unlockedMeetingJoinSecurity', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), unlockedMeetingJoinSecurity: 'open' }), 'allowJoin, allowJoinWithLobby, blockFromJoin'],
    ['an end before the start', async () => ({ title: 't', start: await emulatorTime(emu, 40), end: await emulatorTime(emu, 10) }), "'end' must be after 'start'"],
    ['an unparsable start', async () => ({ title: 't', start: 'tomorrow', end: await emulatorTime(emu, 40) }), "'start' 'tomorrow' is not an ISO 8601"],
    ['an unknown time zone', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), timezone: 'Mars/Olympus' }), "'timezone'"],
    ['an invitee without e-mail', async () => ({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), invitees: [{ displayName: 'x' }] }), "'invitees[0].email'"],
  ])('answers 400 for %s', async (_name, body, expected) => {
    const before = await meetingCount();
    const r = await create(await body());
    expect(r.status).toBe(400);
    expect(descriptions(r)).toContain(expected);
    expect(await meetingCount()).toBe(before);
  });

  it('a bad timezone header is refused before anything is stored', async () => {
    const before = await meetingCount();
    const r = await call(`${emu.baseUrl}/meetings`, {
      token,
      headers: { timezone: 'Nowhere/Land' },
      body: { title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40) },
    });
    expect(r.status).toBe(400);
    expect(descriptions(r)).toContain("'timezone' header");
    expect(await meetingCount()).toBe(before);
  });

  it('rounds a start inside the current minute up to the next minute and truncates seconds', async () => {
    const now = new Date(await emulatorTime(emu, 0));
    const r = await create({ title: 't', start: now.toISOString(), end: await emulatorTime(emu, 30) });
    expect(r.status).toBe(200);
    const nextMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000).toISOString().replace('.000Z', 'Z');
    expect((r.body as { start: string }).start).toBe(nextMinute);
  });

  it('schedules only on a site the caller may use, and the guest site only with guest-meeting:rw', async () => {
    const other = await create({ title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), siteUrl: 'elsewhere.webex.com' });
    expect(other.status).toBe(403);
    const noSite = await call(`${emu.baseUrl}/meetings`, {
      token: (await call(`${emu.controlUrl}/integrations`, { body: { scopes: ['meeting:schedules_write'] } }).then((x) => x.body as { accessToken: string })).accessToken,
      body: { title: 't', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40) },
    });
    expect(noSite.status).toBe(403);
  });

  it('lets an admin schedule for the Service App with hostEmail', async () => {
    const me = await call(`${emu.baseUrl}/people/me`, { token });
    const email = (me.body as { emails: string[] }).emails[0];
    const r = await call(`${emu.baseUrl}/meetings`, {
      token: emu.seed.admin.accessToken,
      body: { title: 'on behalf', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), hostEmail: email },
    });
    expect(r.status).toBe(200);
    expect((r.body as { hostEmail: string }).hostEmail).toBe(email);
  });
});

describe('reading and changing meetings', () => {
  it('pages with max and a Link rel="next" header that works as given', async () => {
    for (let i = 0; i < 5; i += 1) await createMeeting(emu, { title: `page ${i}`, integrationTags: ['paging'] });
    const seen: string[] = [];
    let url: string | undefined = `${emu.baseUrl}/meetings?integrationTag=paging&max=2`;
    let pages = 0;
    while (url) {
      const r = await call(url, { token });
      seen.push(...(r.body as { items: { title: string }[] }).items.map((m) => m.title));
      const link = r.headers.get('link');
      url = link ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
      pages += 1;
    }
    expect(seen).toEqual(['page 0', 'page 1', 'page 2', 'page 3', 'page 4']);
    expect(pages).toBe(3);
  });

  it('accepts trailing slashes and answers a 404 Webex error for unknown ids', async () => {
    const meeting = await createMeeting(emu);
    expect((await call(`${emu.baseUrl}/meetings/${String(meeting.id)}/`, { token })).status).toBe(200);
    const missing = await call(`${emu.baseUrl}/meetings/ffffffffffffffffffffffffffffffff`, { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: expect.any(String), errors: [{ description: expect.stringContaining('ffff') }], trackingId: expect.any(String) });
  });

  it('refuses to update an instance or a meeting in progress, and to delete one in progress', async () => {
    const meeting = await createMeeting(emu, { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, unlockedMeetingJoinSecurity: 'allowJoin' });
    const links = await joinLinks(emu, meeting.id as string);
    const opened = (await openLink(emu, links.startLink)).body as { meetingId: string };
    const instance = await call(`${emu.baseUrl}/meetings/${opened.meetingId}`, { token, method: 'PATCH', body: { title: 'no' } });
    expect(instance.status).toBe(400);
    expect(descriptions(instance)).toContain('is not allowed for this API');
    const inProgress = await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token, method: 'PUT', body: { title: 'no' } });
    expect(inProgress.status).toBe(409);
    expect(descriptions(inProgress)).toContain('Meeting is in progress');
    expect((await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token, method: 'DELETE' })).status).toBe(409);
    expect((await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token })).body).toMatchObject({ title: 'Consultation' });
  });

  it('PATCH accepts application/json-patch+json with a merge body and checks times against the stored start', async () => {
    const meeting = await createMeeting(emu);
    const patched = await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, {
      token,
      method: 'PATCH',
      body: { agenda: 'new agenda' },
      headers: { 'content-type': 'application/json-patch+json' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ agenda: 'new agenda', title: 'Consultation' });
    const tooShort = await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token, method: 'PATCH', body: { end: meeting.start } });
    expect(tooShort.status).toBe(400);
  });

  it('DELETE answers 204 with no body and the meeting is gone', async () => {
    const meeting = await createMeeting(emu);
    const r = await fetch(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(204);
    expect(await r.text()).toBe('');
    expect((await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token })).status).toBe(404);
  });

  it('another org cannot see the meeting', async () => {
    const meeting = await createMeeting(emu);
    const org = await call(`${emu.controlUrl}/orgs`, { body: {} });
    const admin = (org.body as { admin: { accessToken: string } }).admin.accessToken;
    expect((await call(`${emu.baseUrl}/meetings/${String(meeting.id)}`, { token: admin })).status).toBe(404);
  });
});

describe('POST /meetings/join', () => {
  it('answers 302 to the join link unless joinDirectly is false', async () => {
    const meeting = await createMeeting(emu);
    const r = await call(`${emu.baseUrl}/meetings/join`, { token, body: { meetingId: meeting.id, email: 'a@example.com', displayName: 'A' } });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toMatch(/\/join\/[A-Za-z0-9_-]+$/);
  });

  it('needs exactly one of meetingId, meetingNumber, webLink and expirationMinutes from 1 to 60', async () => {
    const meeting = await createMeeting(emu);
    const both = await call(`${emu.baseUrl}/meetings/join`, { token, body: { meetingId: meeting.id, meetingNumber: meeting.meetingNumber, joinDirectly: false } });
    expect(both.status).toBe(400);
    expect(descriptions(both)).toContain("Exactly one of 'meetingId', 'meetingNumber' or 'webLink'");
    expect((await call(`${emu.baseUrl}/meetings/join`, { token, body: { joinDirectly: false } })).status).toBe(400);
    for (const expirationMinutes of [0, 61, 1.5]) {
      const r = await call(`${emu.baseUrl}/meetings/join`, { token, body: { meetingId: meeting.id, joinDirectly: false, expirationMinutes } });
      expect(r.status).toBe(400);
      expect(descriptions(r)).toContain("'expirationMinutes' must be an integer from 1 to 60");
    }
    const byNumber = await call(`${emu.baseUrl}/meetings/join`, { token, body: { meetingNumber: meeting.meetingNumber, joinDirectly: false, expirationMinutes: 60 } });
    expect(byNumber.status).toBe(200);
    const byWebLink = await call(`${emu.baseUrl}/meetings/join`, { token, body: { webLink: meeting.webLink, joinDirectly: false } });
    expect(byWebLink.status).toBe(200);
  });

  it('gives the start link only to the host; others need the password and get a join link', async () => {
    const meeting = await createMeeting(emu);
    const org = await call(`${emu.controlUrl}/orgs`, { body: {} });
    const stranger = (org.body as { admin: { accessToken: string } }).admin.accessToken;
    const noPassword = await call(`${emu.baseUrl}/meetings/join`, { token: stranger, body: { meetingNumber: meeting.meetingNumber, joinDirectly: false } });
    expect(noPassword.status).toBe(403);
    const withPassword = await call(`${emu.baseUrl}/meetings/join`, {
      token: stranger,
      body: { meetingNumber: meeting.meetingNumber, password: meeting.password, joinDirectly: false },
    });
    expect(withPassword.status).toBe(200);
    expect(withPassword.body).not.toHaveProperty('startLink');
    expect(withPassword.body).toHaveProperty('joinLink');
  });
});

describe('methods', () => {
  it('answers 405 with Allow for a known path and another method, 404 for an unknown path', async () => {
    const r = await call(`${emu.baseUrl}/people/me`, { token, method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
    expect(r.body).toMatchObject({ message: expect.any(String), trackingId: r.headers.get('trackingid') });
    expect((await call(`${emu.baseUrl}/no/such/thing`, { token })).status).toBe(404);
  });
});

describe('space meetings', () => {
  it('an ad-hoc meeting in a space gets the forced settings, is reused while ongoing, and cannot be updated or listed', async () => {
    const room = await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Care space' } });
    const roomId = (room.body as { id: string }).id;
    await call(`${emu.baseUrl}/memberships`, { token, body: { roomId, personEmail: 'patient@example.com' } });
    const first = await call(`${emu.baseUrl}/meetings`, { token, body: { title: 'Space meeting', roomId, adhoc: true } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ roomId, enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, unlockedMeetingJoinSecurity: 'allowJoinWithLobby', timezone: 'UTC' });
    const m = first.body as { id: string; start: string; end: string };
    expect(Date.parse(m.end) - Date.parse(m.start)).toBe(15 * 60_000);
    const again = await call(`${emu.baseUrl}/meetings`, { token, body: { title: 'Space meeting', roomId, adhoc: true } });
    expect((again.body as { id: string }).id).toBe(m.id);
    const invitees = await call(`${emu.baseUrl}/meetingInvitees?meetingId=${m.id}`, { token });
    expect((invitees.body as { items: { email: string }[] }).items.map((i) => i.email)).toEqual(['patient@example.com']);
    expect((await call(`${emu.baseUrl}/meetings/${m.id}`, { token, method: 'PATCH', body: { title: 'x' } })).status).toBe(400);
    const listed = await call(`${emu.baseUrl}/meetings?max=100`, { token });
    expect((listed.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(m.id);
    const join = await call(`${emu.baseUrl}/meetings/join`, { token, body: { meetingId: m.id, joinDirectly: false } });
    expect(join.status).toBe(200);
    const missingRoom = await call(`${emu.baseUrl}/meetings`, { token, body: { title: 'x', adhoc: true } });
    expect(missingRoom.status).toBe(400);
    expect(descriptions(missingRoom)).toContain("'roomId' is required when 'adhoc' is true");
  });

  it('ignores the undocumented spelling adHoc: a space meeting with the requested times (as Cisco\'s collection expects)', async () => {
    const room = await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Other space' } });
    const roomId = (room.body as { id: string }).id;
    const start = await emulatorTime(emu, 30);
    const r = await call(`${emu.baseUrl}/meetings`, { token, body: { title: 'Scheduled in space', start, end: await emulatorTime(emu, 60), roomId, adHoc: true } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ roomId, start: new Date(Math.floor(Date.parse(start) / 60_000) * 60_000).toISOString().replace('.000Z', 'Z') });
  });
});

describe('people', () => {
  it('finds people of the same org by id and e-mail, and nobody of another org', async () => {
    const me = (await call(`${emu.baseUrl}/people/me`, { token })).body as { id: string; emails: string[] };
    expect((await call(`${emu.baseUrl}/people/${me.id}`, { token })).body).toMatchObject({ id: me.id });
    expect((await call(`${emu.baseUrl}/people?email=${encodeURIComponent(me.emails[0] ?? '')}`, { token })).body).toMatchObject({ items: [{ id: me.id }] });
    const org = await call(`${emu.controlUrl}/orgs`, { body: {} });
    const stranger = (org.body as { admin: { accessToken: string } }).admin.accessToken;
    expect((await call(`${emu.baseUrl}/people/${me.id}`, { token: stranger })).status).toBe(404);
    expect((await call(`${emu.baseUrl}/people`, { token })).status).toBe(400);
  });
});

describe('guests of the Service App', () => {
  it('mint their own start and join links for its meeting with their guest token', async () => {
    const meeting = await createMeeting(emu);
    const guest = (await call(`${emu.baseUrl}/guests/token`, { token, body: { subject: 'patient-7', displayName: 'Pat Seven' } })).body as { accessToken: string; email: string };
    const r = await call(`${emu.baseUrl}/meetings/join`, {
      token: guest.accessToken,
      body: { meetingId: meeting.id, password: meeting.password, joinDirectly: false, email: guest.email, displayName: 'Pat Seven' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ startLink: expect.any(String), joinLink: expect.any(String), expiration: expect.any(String) });
    // A guest token still cannot schedule.
    expect((await call(`${emu.baseUrl}/meetings`, { token: guest.accessToken, body: { title: 'x' } })).status).toBe(403);
  });
});

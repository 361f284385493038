import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

/**
 * Cisco's guest-to-guest verification flow, walked against the emulator by a client that shares nothing with ours
 * (plain fetch, no src/webex, no test harness), so neither our client nor our helpers can hide a wire difference.
 *
 * Source of the expectations: the Postman collection "guest-to-guest verification tests",
 * WebexSamples/g2g-meeting-sample, `guest-to-guest_verification_test.postman_collection.json` (docs/webex-contract.md, source S11; the
 * stored copy we read is the same file in ralfschiffert/g2gmeeting). Each step below sends what that collection's
 * request sends and checks what its test script checks, restated in our own code. Where the collection's own script
 * cannot pass anywhere (it reads a `let` of the pre-request script, chains `to.equal.pm...`, reads `respJson.endlength`),
 * we check what it evidently meant. Like the collection, every request goes to `https://{{baseUrl}}/v1` with
 * baseUrl = the emulator's host:port (the API port also speaks TLS, with a self-signed certificate).
 */

interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

interface JoinAnswer {
  startLink?: unknown;
  joinLink?: unknown;
  expiration?: unknown;
}

// A fixed emulator time: 10:07:30 UTC, so the collection's "next quarter hour" start is 10:15 and the end 10:45.
const NOW = Date.UTC(2030, 2, 4, 10, 7, 30);
const QUARTER_HOUR = 15 * 60_000;

/** The collection's meeting window: start at the next quarter hour (seconds dropped), end 30 minutes later. */
function nextQuarterHourWindow(now: number): { start: string; end: string; startMs: number; endMs: number } {
  const startMs = Math.floor(now / QUARTER_HOUR) * QUARTER_HOUR + QUARTER_HOUR;
  const endMs = startMs + 30 * 60_000;
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), startMs, endMs };
}

let emu: RunningEmulator;

/** One Webex request as Postman sends it: https, bearer token, JSON body with `Content-type: application/json`. */
async function send(method: string, path: string, token: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...extraHeaders };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const { status, contentType, text } = await new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    // Postman is told to skip certificate verification for a self-signed local endpoint; so are we.
    const req = request(`${emu.httpsBaseUrl}${path}`, { method, headers, rejectUnauthorized: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: data }));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${method} ${path} answered a non-object: ${text.slice(0, 200)}`);
  return { status, contentType, body: parsed as Record<string, unknown> };
}

/** What every join-link step of the collection asserts: 200, https start and join links, an expiration. */
function expectLinks(answer: Answer): JoinAnswer {
  expect(answer.status).toBe(200);
  const links = answer.body as JoinAnswer;
  expect(typeof links.startLink === 'string' && links.startLink.startsWith('https://')).toBe(true);
  expect(typeof links.joinLink === 'string' && links.joinLink.startsWith('https://')).toBe(true);
  expect(links.expiration).toBeTypeOf('string');
  expect(links.expiration).not.toBeNull();
  return links;
}

// What earlier steps learn and later steps use, like the collection's environment variables.
const learned = {
  serviceAppToken: '',
  personId: '',
  displayName: '',
  email: '',
  meetingId: '',
  meetingPassword: '',
  guest1: { id: '', email: '', accessToken: '', displayName: '' },
  guest2: { id: '', email: '', accessToken: '', displayName: '' },
  roomId: '',
  spaceMeetingId: '',
};
const ROOM_TITLE = 'Hospital A waiting room';
const MONITOR_EMAIL = 'monitor.nurse@example.org';

beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', clock: { now: () => NOW }, logLevel: 'silent' });
  learned.serviceAppToken = emu.seed.serviceApp.accessToken;
});
afterAll(async () => {
  await emu.close();
});

describe('guest-to-guest verification flow (Cisco G2G Postman collection) against the emulator, plain fetch', () => {
  it('serves /v1 over https on the API port: the collection hard-codes `https://{{baseUrl}}/v1` with baseUrl = host:port', () => {
    expect(emu.httpsBaseUrl).toBe(`https://${new URL(emu.baseUrl).host}/v1`);
  });

  it('Service App meeting preferences: 200, audio.defaultAudioType voipOnly, schedulingOptions and sites present', async () => {
    const answer = await send('GET', '/meetingPreferences', learned.serviceAppToken);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    const audio = answer.body.audio as { defaultAudioType?: unknown } | null | undefined;
    expect(audio).toBeTruthy();
    expect(audio?.defaultAudioType).toBe('voipOnly');
    expect(answer.body.schedulingOptions).toBeTruthy();
    expect(Array.isArray(answer.body.sites)).toBe(true);
  });

  it('Scheduling options jbh=true: the PUT answers 200 with enabledJoinBeforeHost true', async () => {
    const answer = await send('PUT', '/meetingPreferences/schedulingOptions', learned.serviceAppToken, {
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 15,
      enabledAutoShareRecording: false,
      enabledWebexAssistantByDefault: false,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.enabledJoinBeforeHost).toBe(true);
  });

  it('Retrieve Service App person details: 200 with id, displayName and emails[0]', async () => {
    const answer = await send('GET', '/people/me', learned.serviceAppToken);
    expect(answer.status).toBe(200);
    const me = answer.body as { id?: unknown; displayName?: unknown; emails?: unknown };
    expect(me.id).toBeTypeOf('string');
    expect(me.displayName).toBeTypeOf('string');
    expect(Array.isArray(me.emails) && typeof me.emails[0] === 'string').toBe(true);
    learned.personId = me.id as string;
    learned.displayName = me.displayName as string;
    learned.email = (me.emails as string[])[0] ?? '';
  });

  it('Service App creates guest-to-guest meeting: 200, title, 32+ char id, requested times, active, UTC, Service App is host', async () => {
    const window = nextQuarterHourWindow(NOW);
    // The collection posts to `/v1/meetings/` with a trailing slash.
    const answer = await send('POST', '/meetings/', learned.serviceAppToken, {
      title: 'g2g Meeting teal',
      start: window.start,
      end: window.end,
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 15,
      unlockedMeetingJoinSecurity: 'allowJoin',
    });
    expect(answer.status).toBe(200);
    const meeting = answer.body as Record<string, string>;
    expect(meeting.title?.startsWith('g2g Meeting')).toBe(true);
    expect(meeting.id?.length).toBeGreaterThan(31);
    // The collection strips the trailing Z and looks for the rest inside the ISO string it sent.
    expect(window.start).toContain(meeting.start?.slice(0, -1));
    expect(Date.parse(meeting.end ?? '')).toBe(window.endMs);
    expect(meeting.state).toBe('active');
    expect(meeting.timezone).toBe('UTC');
    expect(meeting.hostUserId).toBe(learned.personId);
    expect(meeting.hostDisplayName).toBe(learned.displayName);
    expect(meeting.hostEmail).toBe(learned.email);
    expect(meeting.password).toBeTypeOf('string');
    learned.meetingId = meeting.id ?? '';
    learned.meetingPassword = meeting.password ?? '';
  });

  it('create guest 1 join link, host start link, guest 2 join link (Service App token, with password): https links and expiration', async () => {
    const people = [
      { email: 'patient.one@example.org', displayName: 'Patient Ada Lovelace' },
      { email: 'doctor@example.org', displayName: 'Dr. Grace Hopper' },
      { email: 'patient.two@example.org', displayName: 'Patient Alan Turing' },
    ];
    const links: string[] = [];
    for (const person of people) {
      const answer = await send('POST', '/meetings/join', learned.serviceAppToken, {
        meetingId: learned.meetingId,
        password: learned.meetingPassword,
        joinDirectly: false,
        ...person,
      });
      const got = expectLinks(answer);
      links.push(got.joinLink as string, got.startLink as string);
    }
    // Each call mints its own links.
    expect(new Set(links).size).toBe(links.length);
  });

  it('Service App creates guest 1 and guest 2: 200 with id, email, accessToken and displayName', async () => {
    for (const [subject, displayName, slot] of [
      ['Hospital A Patient 1', 'Ada Lovelace', learned.guest1],
      ['Hospital A Patient 2', 'Alan Turing', learned.guest2],
    ] as const) {
      const answer = await send('POST', '/guests/token', learned.serviceAppToken, { subject, displayName });
      expect(answer.status).toBe(200);
      const guest = answer.body as Record<string, unknown>;
      for (const key of ['id', 'email', 'accessToken', 'displayName'] as const) {
        expect(guest[key]).toBeTypeOf('string');
        slot[key] = guest[key] as string;
      }
    }
    expect(learned.guest1.id).not.toBe(learned.guest2.id);
  });

  it('guest 1 / guest 2 create their own join link with their guest token: 200, https start and join links, expiration', async () => {
    for (const guest of [learned.guest1, learned.guest2]) {
      const answer = await send('POST', '/meetings/join', guest.accessToken, {
        meetingId: learned.meetingId,
        password: learned.meetingPassword,
        joinDirectly: false,
        email: guest.email,
        displayName: `Patient ${guest.displayName}`,
      });
      expectLinks(answer);
    }
  });

  it('Service App creates space: 200, id, the given title, type group, creator is the Service App', async () => {
    const answer = await send('POST', '/rooms', learned.serviceAppToken, { title: ROOM_TITLE });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBeTypeOf('string');
    expect(answer.body.title).toBe(ROOM_TITLE);
    expect(answer.body.type).toBe('group');
    expect(answer.body.creatorId).toBe(learned.personId);
    learned.roomId = answer.body.id as string;
  });

  it('Service App adds a monitor by e-mail, guest 1 by e-mail and guest 2 by personId: 200 memberships of the room', async () => {
    const monitor = await send('POST', '/memberships', learned.serviceAppToken, { roomId: learned.roomId, personEmail: MONITOR_EMAIL });
    expect(monitor.status).toBe(200);
    expect(monitor.body.id).toBeTypeOf('string');
    expect(monitor.body.roomId).toBe(learned.roomId);
    expect(monitor.body.personEmail).toBe(MONITOR_EMAIL);

    const byEmail = await send('POST', '/memberships', learned.serviceAppToken, { roomId: learned.roomId, personEmail: learned.guest1.email });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.id).toBeTypeOf('string');
    expect(byEmail.body.roomId).toBe(learned.roomId);
    expect(byEmail.body.personId).toBe(learned.guest1.id);

    const byId = await send('POST', '/memberships', learned.serviceAppToken, { roomId: learned.roomId, personId: learned.guest2.id });
    expect(byId.status).toBe(200);
    expect(byId.body.id).toBeTypeOf('string');
    expect(byId.body.roomId).toBe(learned.roomId);
    expect(byId.body.personId).toBe(learned.guest2.id);
  });

  it('Service App lists space memberships: 200 even with the JSON content type and empty body Postman sends on this GET', async () => {
    const answer = await send('GET', `/memberships?roomId=${encodeURIComponent(learned.roomId)}`, learned.serviceAppToken, undefined, {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(200);
    const items = answer.body.items as { personId: string; personEmail: string }[];
    expect(items.map((m) => m.personId)).toEqual(expect.arrayContaining([learned.personId, learned.guest1.id, learned.guest2.id]));
    expect(items.map((m) => m.personEmail)).toContain(MONITOR_EMAIL);
  });

  it('Service App creates a meeting associated with a space: 200, title, 32+ char id, active, UTC, Service App is host', async () => {
    const window = nextQuarterHourWindow(NOW);
    const answer = await send('POST', '/meetings/', learned.serviceAppToken, {
      title: `g2g Meeting in space ${ROOM_TITLE}`,
      start: window.start,
      end: window.end,
      roomId: learned.roomId,
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 15,
      unlockedMeetingJoinSecurity: 'allowJoin',
      // Sent with this spelling by the collection (the documented field is `adhoc`).
      adHoc: true,
    });
    expect(answer.status).toBe(200);
    const meeting = answer.body as Record<string, string>;
    expect(meeting.title?.startsWith('g2g Meeting')).toBe(true);
    expect(meeting.id?.length).toBeGreaterThan(31);
    expect(meeting.state).toBe('active');
    expect(meeting.timezone).toBe('UTC');
    expect(meeting.hostUserId).toBe(learned.personId);
    expect(meeting.hostDisplayName).toBe(learned.displayName);
    expect(meeting.hostEmail).toBe(learned.email);
    // `adHoc` is not the documented `adhoc`: the meeting keeps the next-quarter-hour times the collection sent.
    expect(window.start).toContain(meeting.start?.slice(0, -1));
    expect(Date.parse(meeting.end ?? '')).toBe(window.endMs);
    expect(meeting.roomId).toBe(learned.roomId);
    learned.spaceMeetingId = meeting.id ?? '';
  });

  it('create guest join link WITHOUT password (Service App is host): 200 with https links and expiration', async () => {
    const answer = await send('POST', '/meetings/join', learned.serviceAppToken, {
      meetingId: learned.spaceMeetingId,
      joinDirectly: false,
      email: 'patient.three@example.org',
      displayName: 'Patient Katherine Johnson',
    });
    expectLinks(answer);
  });
});

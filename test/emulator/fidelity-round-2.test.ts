import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, emulatorTime, joinLinks, openLink, startTestEmulator } from './support/emulator-harness.js';

/** Behaviours independent Webex clients rely on (issue 11): each over real HTTP against the running emulator. */
let emu: RunningEmulator;
let token: string;
const HOSTLESS = { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, unlockedMeetingJoinSecurity: 'allowJoin' };

beforeAll(async () => {
  emu = await startTestEmulator();
  token = emu.seed.serviceApp.accessToken;
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await call(`${emu.controlUrl}/reset`, { method: 'POST', body: {} });
});

/** The request a Postman-style client sends: JSON content type, no body at all. */
async function emptyJson(method: string, path: string): Promise<number> {
  const r = await fetch(`${emu.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  await r.text();
  return r.status;
}

describe('empty JSON bodies', () => {
  it('DELETE and GET with Content-Type: application/json and no body succeed for meetings, rooms and webhooks', async () => {
    const meeting = await createMeeting(emu);
    const room = await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Space' } });
    const hook = await call(`${emu.baseUrl}/webhooks`, { token, body: { name: 'h', targetUrl: 'https://example.com/h', resource: 'meetings', event: 'all' } });
    const roomId = (room.body as { id: string }).id;
    const hookId = (hook.body as { id: string }).id;
    expect(await emptyJson('GET', `/meetings/${meeting.id as string}`)).toBe(200);
    expect(await emptyJson('DELETE', `/meetings/${meeting.id as string}`)).toBe(204);
    expect(await emptyJson('DELETE', `/rooms/${roomId}`)).toBe(204);
    expect(await emptyJson('DELETE', `/webhooks/${hookId}`)).toBe(204);
    expect((await call(`${emu.baseUrl}/webhooks/${hookId}`, { token })).status).toBe(404);
  });

  it('an operation that needs a body still answers 400 naming what is missing', async () => {
    const r = await call(`${emu.baseUrl}/meetings`, { token, method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.text).toContain('The request body must be a JSON object');
  });
});

describe('rooms and memberships PUT', () => {
  it('renames a room, refuses a missing title and a teamId change, and keeps the change', async () => {
    const room = (await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Before' } })).body as { id: string };
    const renamed = await call(`${emu.baseUrl}/rooms/${room.id}`, { token, method: 'PUT', body: { title: 'After', description: 'd' } });
    expect(renamed.body).toMatchObject({ id: room.id, title: 'After', description: 'd' });
    expect((await call(`${emu.baseUrl}/rooms/${room.id}`, { token })).body).toMatchObject({ title: 'After' });
    const bad = await call(`${emu.baseUrl}/rooms/${room.id}`, { token, method: 'PUT', body: { isLocked: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("'title' is required");
    expect(bad.text).toContain("'isLocked' must be a boolean");
    // The creator of an unlocked room is no moderator, so may not lock it.
    expect((await call(`${emu.baseUrl}/rooms/${room.id}`, { token, method: 'PUT', body: { title: 'After', isLocked: true } })).status).toBe(403);
  });

  it('updates a membership: both fields required; isRoomHidden only on your own; isModerator only by a moderator', async () => {
    const room = (await call(`${emu.baseUrl}/rooms`, { token, body: { title: 'Locked', isLocked: true } })).body as { id: string };
    const other = (await call(`${emu.baseUrl}/memberships`, { token, body: { roomId: room.id, personEmail: 'pat@example.com' } })).body as { id: string };
    const mine = ((await call(`${emu.baseUrl}/memberships?roomId=${room.id}`, { token })).body as { items: { id: string; personId: string; isModerator: boolean }[] }).items.find(
      (m) => m.isModerator,
    );
    expect((await call(`${emu.baseUrl}/memberships/${other.id}`, { token, method: 'PUT', body: { isModerator: true } })).status).toBe(400);
    expect((await call(`${emu.baseUrl}/memberships/${other.id}`, { token, method: 'PUT', body: { isModerator: true, isRoomHidden: false } })).body).toMatchObject({ isModerator: true });
    expect((await call(`${emu.baseUrl}/memberships/${other.id}`, { token, method: 'PUT', body: { isModerator: true, isRoomHidden: true } })).status).toBe(403);
    expect((await call(`${emu.baseUrl}/memberships/${mine?.id ?? ''}`, { token, method: 'PUT', body: { isModerator: true, isRoomHidden: true } })).body).toMatchObject({ isRoomHidden: true });
    expect((await call(`${emu.baseUrl}/memberships/${mine?.id ?? ''}`, { token })).body).toMatchObject({ isRoomHidden: true });
  });
});

describe('messages: edit and direct listing', () => {
  it('the author edits a message up to 10 times; others may not; direct messages list by person', async () => {
    const guest = async (subject: string) =>
      (await call(`${emu.baseUrl}/guests/token`, { token, body: { subject, displayName: subject } })).body as { id: string; email: string; accessToken: string };
    const [ann, bob] = [await guest('ann'), await guest('bob')];
    const sent = (await call(`${emu.baseUrl}/messages`, { token: ann.accessToken, body: { toPersonId: bob.id, text: 'Hello' } })).body as { id: string; roomId: string };
    const edited = await call(`${emu.baseUrl}/messages/${sent.id}`, { token: ann.accessToken, method: 'PUT', body: { roomId: sent.roomId, markdown: '**Hello** Bob' } });
    expect(edited.body).toMatchObject({ id: sent.id, markdown: '**Hello** Bob', updated: expect.any(String) });
    expect((edited.body as { text?: string }).text).toBeUndefined();
    expect((await call(`${emu.baseUrl}/messages/${sent.id}`, { token: bob.accessToken, method: 'PUT', body: { roomId: sent.roomId, text: 'forged' } })).status).toBe(403);
    const bad = await call(`${emu.baseUrl}/messages/${sent.id}`, { token: ann.accessToken, method: 'PUT', body: { text: 'no room' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("'roomId' is required");
    for (let i = 2; i <= 10; i += 1) expect((await call(`${emu.baseUrl}/messages/${sent.id}`, { token: ann.accessToken, method: 'PUT', body: { roomId: sent.roomId, text: `v${i}` } })).status).toBe(200);
    const eleventh = await call(`${emu.baseUrl}/messages/${sent.id}`, { token: ann.accessToken, method: 'PUT', body: { roomId: sent.roomId, text: 'v11' } });
    expect(eleventh.status).toBe(400);
    expect(eleventh.text).toContain('edit limit');
    const direct = await call(`${emu.baseUrl}/messages/direct?personEmail=${encodeURIComponent(ann.email)}`, { token: bob.accessToken });
    expect((direct.body as { items: { text: string }[] }).items.map((m) => m.text)).toEqual(['v10']);
    expect((await call(`${emu.baseUrl}/messages/direct`, { token: bob.accessToken })).status).toBe(400);
  });
});

describe('meetingPreferences sections', () => {
  it('checks PUT bodies as documented and names every bad field at once', async () => {
    const room = await call(`${emu.baseUrl}/meetingPreferences/personalMeetingRoom`, {
      token,
      method: 'PUT',
      body: { topic: 'x', hostPin: '1234', enabledAutoLock: true, autoLockMinutes: 7, enabledNotifyHost: true, supportCoHost: false, coHosts: [] },
    });
    expect(room.status).toBe(400);
    expect(room.text).toContain("'hostPin'");
    expect(room.text).toContain("'autoLockMinutes' is required and must be one of 0, 5, 10, 15, 20");
    const video = await call(`${emu.baseUrl}/meetingPreferences/video`, {
      token,
      method: 'PUT',
      body: { videoDevices: [{ deviceName: 'A', deviceAddress: 'a@example.com', isDefault: true }, { deviceName: 'B', deviceAddress: 'b@example.com', isDefault: true }] },
    });
    expect(video.status).toBe(400);
    expect(video.text).toContain("exactly one of 'videoDevices'");
    const audio = await call(`${emu.baseUrl}/meetingPreferences/audio`, { token, method: 'PUT', body: { defaultAudioType: 'phone' } });
    expect(audio.status).toBe(400);
    expect(audio.text).toContain("'defaultAudioType' is required and must be one of webexAudio, voipOnly, otherTeleconferenceService, none");
    expect(audio.text).toContain("'officeNumber' is required");
    // Nothing was half-written.
    expect((await call(`${emu.baseUrl}/meetingPreferences/video`, { token })).body).toEqual({ videoDevices: [] });
  });
});

describe('meeting times in the meeting time zone', () => {
  it('renders start and end with the meeting zone offset in create, get and every list; the timezone header overrides', async () => {
    const startMs = Date.parse(await emulatorTime(emu, 24 * 60));
    const start = new Date(Math.ceil(startMs / 3600_000) * 3600_000);
    const meeting = await createMeeting(emu, { timezone: 'America/New_York', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), recurrence: 'FREQ=DAILY;COUNT=2' });
    // December: New York is UTC-5.
    const local = new Date(start.getTime() - 5 * 3600_000).toISOString().slice(0, 19);
    expect(meeting).toMatchObject({ timezone: 'America/New_York', start: `${local}-05:00` });
    const id = meeting.id as string;
    expect((await call(`${emu.baseUrl}/meetings/${id}`, { token })).body).toMatchObject({ start: `${local}-05:00` });
    const series = (await call(`${emu.baseUrl}/meetings?from=${encodeURIComponent(start.toISOString())}`, { token })).body as { items: { id: string; start: string }[] };
    expect(series.items.find((m) => m.id === id)?.start).toBe(`${local}-05:00`);
    const occurrences = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}`, { token })).body as { items: { start: string; end: string }[] };
    expect(occurrences.items.map((o) => o.start.slice(-6))).toEqual(['-05:00', '-05:00']);
    expect(Date.parse(occurrences.items[0]?.start ?? '')).toBe(start.getTime());
    const tokyo = await call(`${emu.baseUrl}/meetings/${id}`, { token, headers: { timezone: 'Asia/Tokyo' } });
    expect(tokyo.body).toMatchObject({ timezone: 'Asia/Tokyo', start: `${new Date(start.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00` });
    const utc = await createMeeting(emu);
    expect(utc.start).toMatch(/Z$/);
  });
});

describe('one occurrence of a series', () => {
  it('takes any updatable field, marks isModified, and changes only that occurrence (its auto-record included)', async () => {
    const meeting = await createMeeting(emu, { ...HOSTLESS, recurrence: 'FREQ=DAILY;COUNT=3' });
    const id = meeting.id as string;
    const list = async () =>
      ((await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&meetingType=scheduledMeeting`, { token })).body as {
        items: { id: string; title: string; isModified: boolean; enabledAutoRecordMeeting: boolean; unlockedMeetingJoinSecurity: string }[];
      }).items;
    const [first, second] = await list();
    const patched = await call(`${emu.baseUrl}/meetings/${first?.id ?? ''}`, { token, method: 'PATCH', body: { title: 'Special', enabledAutoRecordMeeting: true } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: first?.id, title: 'Special', enabledAutoRecordMeeting: true, isModified: true });
    const put = await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, {
      token,
      method: 'PUT',
      body: { title: 'Locked one', unlockedMeetingJoinSecurity: 'blockFromJoin', start: (second as unknown as { start: string }).start, end: new Date(Date.parse((second as unknown as { start: string }).start) + 30 * 60_000).toISOString() },
    });
    expect(put.status).toBe(200);
    const after = await list();
    expect(after.map((o) => [o.title, o.isModified, o.enabledAutoRecordMeeting, o.unlockedMeetingJoinSecurity])).toEqual([
      ['Special', true, true, 'allowJoin'],
      ['Locked one', true, false, 'blockFromJoin'],
      ['Consultation', false, false, 'allowJoin'],
    ]);
    expect((await call(`${emu.baseUrl}/meetings/${id}`, { token })).body).toMatchObject({ title: 'Consultation', enabledAutoRecordMeeting: false });
    const bad = await call(`${emu.baseUrl}/meetings/${first?.id ?? ''}`, { token, method: 'PATCH', body: { title: '' } });
    expect(bad.status).toBe(400);

    // The first occurrence runs with its own auto-record setting: it leaves a recording.
    const links = await joinLinks(emu, id);
    const joined = (await openLink(emu, links.joinLink, 'Ann')).body as { participantId: string; meetingId: string };
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 60_000 } });
    await call(`${emu.controlUrl}/participants/${joined.participantId}/leave`, { method: 'POST' });
    const recordings = (await call(`${emu.baseUrl}/recordings?meetingId=${joined.meetingId}`, { token })).body as { items: unknown[] };
    expect(recordings.items).toHaveLength(1);
    const instance = await call(`${emu.baseUrl}/meetings/${joined.meetingId}`, { token });
    expect(instance.body).toMatchObject({ meetingType: 'meeting', title: 'Special', hasRecording: true, scheduledMeetingId: first?.id });
  });
});

describe('list filters', () => {
  it('meetingSeriesId with from, to and max; state and meetingType checked; meetingNumber overrides the rest', async () => {
    const meeting = await createMeeting(emu, { recurrence: 'FREQ=DAILY;COUNT=5' });
    const id = meeting.id as string;
    const all = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}`, { token })).body as { items: { id: string; start: string }[] };
    expect(all.items).toHaveLength(5);
    const from = all.items[1]?.start ?? '';
    const to = all.items[3]?.start ?? '';
    const windowed = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token })).body as { items: { id: string }[] };
    expect(windowed.items.map((i) => i.id)).toEqual([all.items[1]?.id, all.items[2]?.id]);
    const capped = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&from=${encodeURIComponent(from)}&max=1`, { token })).body as { items: { id: string }[] };
    expect(capped.items.map((i) => i.id)).toEqual([all.items[1]?.id]);
    const instances = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&meetingType=meeting`, { token })).body as { items: unknown[] };
    expect(instances.items).toEqual([]);
    const scheduled = (await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&state=scheduled&max=2`, { token })).body as { items: unknown[] };
    expect(scheduled.items).toHaveLength(2);
    const badState = await call(`${emu.baseUrl}/meetings?state=running`, { token });
    expect(badState.status).toBe(400);
    expect(badState.text).toContain("'state' must be one of active, scheduled, ready, lobby, inProgress, ended, missed, expired");
    expect((await call(`${emu.baseUrl}/meetings?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z`, { token })).status).toBe(400);
    expect((await call(`${emu.baseUrl}/meetings?meetingType=webinar`, { token })).status).toBe(400);
    const byNumber = (await call(`${emu.baseUrl}/meetings?meetingNumber=${meeting.meetingNumber as string}&state=ended&meetingType=meeting`, { token })).body as { items: { id: string }[] };
    expect(byNumber.items.map((i) => i.id)).toEqual([id]);
  });
});

describe('faults after the change', () => {
  async function fault(body: Record<string, unknown>): Promise<void> {
    const r = await call(`${emu.controlUrl}/faults`, { body });
    expect(r.status).toBe(200);
  }
  async function seriesTitles(): Promise<string[]> {
    const r = await call(`${emu.baseUrl}/meetings`, { token });
    return (r.body as { items: { title: string }[] }).items.map((m) => m.title);
  }
  const body = async (title: string) => ({ title, start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40) });

  it('504: the meeting is created, the caller gets a gateway timeout, the journal shows both', async () => {
    await fault({ method: 'POST', path: '/v1/meetings', when: 'after', status: 504, count: 1 });
    const r = await call(`${emu.baseUrl}/meetings`, { token, body: await body('Lost answer') });
    expect(r.status).toBe(504);
    expect(r.body).toMatchObject({ message: expect.any(String), trackingId: r.headers.get('trackingid') });
    expect(await seriesTitles()).toEqual(['Lost answer']);
    const journal = (await call(`${emu.controlUrl}/requests?method=POST&path=/v1/meetings`)).body as { items: { status: number; lost?: unknown }[] };
    expect(journal.items.at(-1)).toMatchObject({ status: 200, lost: 504 });
  });

  it('reset: the connection drops after the change; timeout: no answer until the client gives up', async () => {
    await fault({ method: 'POST', path: '/v1/meetings', when: 'after', lose: 'reset', count: 1 });
    await expect(fetch(`${emu.baseUrl}/meetings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(await body('Reset')) })).rejects.toThrow();
    await fault({ method: 'DELETE', path: '/v1/meetings/*', when: 'after', lose: 'timeout', latencyMs: 60_000, count: 1 });
    const id = (((await call(`${emu.baseUrl}/meetings`, { token })).body as { items: { id: string }[] }).items[0]?.id ?? '');
    const hung = fetch(`${emu.baseUrl}/meetings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(500) });
    await expect(hung).rejects.toThrow();
    expect(await seriesTitles()).toEqual([]);
    const journal = (await call(`${emu.controlUrl}/requests`)).body as { items: { method: string; status: number; lost?: unknown }[] };
    expect(journal.items.filter((e) => e.lost !== undefined).map((e) => [e.method, e.status, e.lost])).toEqual([
      ['POST', 200, 'reset'],
      ['DELETE', 204, 'timeout'],
    ]);
  });

  it('refuses an after fault without a way to lose the answer, and lose without after', async () => {
    const r = await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/meetings', when: 'after' } });
    expect(r.status).toBe(400);
    expect(r.text).toContain("exactly one of 'status'");
    expect((await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/meetings', lose: 'reset', status: 500 } })).text).toContain("'lose' needs 'when': 'after'");
  });
});

describe('read-after-write lag', () => {
  it('hides a new meeting from lists and a new participant from reads until the lag has passed on the emulator clock', async () => {
    expect((await call(`${emu.controlUrl}/read-lag`, { method: 'PUT', body: { ms: 120_000 } })).body).toEqual({ ms: 120_000 });
    const meeting = await createMeeting(emu, HOSTLESS);
    const id = meeting.id as string;
    expect((await call(`${emu.baseUrl}/meetings/${id}`, { token })).status).toBe(200);
    expect(((await call(`${emu.baseUrl}/meetings`, { token })).body as { items: unknown[] }).items).toEqual([]);
    const links = await joinLinks(emu, id);
    const joined = (await openLink(emu, links.joinLink, 'Ann')).body as { participantId: string; meetingId: string };
    expect((await call(`${emu.baseUrl}/meetingParticipants/${joined.participantId}`, { token })).status).toBe(404);
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 120_000 } });
    expect(((await call(`${emu.baseUrl}/meetings`, { token })).body as { items: { id: string }[] }).items.map((m) => m.id)).toEqual([id]);
    expect((await call(`${emu.baseUrl}/meetingParticipants/${joined.participantId}`, { token })).status).toBe(200);
    expect((await call(`${emu.controlUrl}/read-lag`, { method: 'PUT', body: { ms: -1 } })).status).toBe(400);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, createMeeting, emulatorTime, flushDeliveries, joinLinks, openLink, startTestEmulator, startWebhookReceiver } from './support/emulator-harness.js';

let emu: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeEach(async () => {
  emu = await startTestEmulator({ license: 2 });
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emu.close();
  await receiver.close();
});

const HOSTLESS = { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, unlockedMeetingJoinSecurity: 'allowJoin' };

async function meetingState(id: string): Promise<string> {
  const r = await call(`${emu.baseUrl}/meetings/${id}`, { token: emu.seed.serviceApp.accessToken });
  return (r.body as { state: string }).state;
}

async function subscribe(resource: string, event: string): Promise<void> {
  const r = await call(`${emu.baseUrl}/webhooks`, {
    token: emu.seed.serviceApp.accessToken,
    body: { name: `${resource}.${event}`, targetUrl: receiver.url, resource, event },
  });
  expect(r.status).toBe(200);
}

describe('opening links', () => {
  it('a start link makes its holder host and starts the meeting, with meetings:started and meetingParticipants:joined', async () => {
    await subscribe('meetings', 'started');
    await subscribe('meetingParticipants', 'joined');
    const meeting = await createMeeting(emu);
    const links = await joinLinks(emu, meeting.id as string, { displayName: 'Dr. Who' });
    expect(links.startLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\//);
    const opened = await openLink(emu, links.startLink);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ role: 'host', state: 'joined', meetingId: expect.stringMatching(new RegExp(`^${String(meeting.id)}_I_\\d+$`)) });
    expect(await meetingState(meeting.id as string)).toBe('inProgress');
    await flushDeliveries(emu);
    const events = receiver.received.map((d) => `${d.body.resource}:${d.body.event}`);
    expect(events).toEqual(['meetings:started', 'meetingParticipants:joined']);
    const started = receiver.received[0]?.body.data;
    expect(started).toMatchObject({ meetingType: 'meeting', state: 'inProgress', meetingSeriesId: meeting.id });
    const joined = receiver.received[1]?.body.data;
    expect(joined).toMatchObject({ displayName: 'Dr. Who', host: true, state: 'joined', meetingSeriesId: meeting.id });
  });

  it('an attendee before the host waits in the lobby when join-before-host is off, and comes in when the host starts', async () => {
    const meeting = await createMeeting(emu, { enabledJoinBeforeHost: false, unlockedMeetingJoinSecurity: 'allowJoin' });
    const links = await joinLinks(emu, meeting.id as string);
    const waiting = await openLink(emu, links.joinLink, 'Patient');
    expect(waiting.status).toBe(409);
    expect(waiting.body).toMatchObject({ code: 'lobby', reason: 'waiting_for_host', participantId: expect.any(String) });
    // The series counts as inProgress while someone waits in the lobby; the instance is in the lobby, unlicensed.
    expect(await meetingState(meeting.id as string)).toBe('inProgress');
    const lobbyInstance = await call(`${emu.baseUrl}/meetings/${(waiting.body as { meetingId: string }).meetingId}`, { token: emu.seed.serviceApp.accessToken });
    expect(lobbyInstance.body).toMatchObject({ state: 'lobby', meetingType: 'meeting' });
    expect(((await call(`${emu.controlUrl}/overview`)).body as { orgs: { sites: { inProgress: number }[] }[] }).orgs[0]?.sites[0]?.inProgress).toBe(0);
    const host = await openLink(emu, links.startLink, 'Doctor');
    expect(host.status).toBe(200);
    const participants = await call(`${emu.baseUrl}/meetingParticipants?meetingId=${String(meeting.id)}`, { token: emu.seed.serviceApp.accessToken });
    const states = (participants.body as { items: { displayName: string; state: string }[] }).items.map((p) => `${p.displayName}:${p.state}`);
    expect(states).toEqual(['Patient:joined', 'Doctor:joined']);
    const later = await call(`${emu.baseUrl}/meetingParticipants?meetingId=${String(meeting.id)}&joinTimeFrom=${encodeURIComponent(await emulatorTime(emu, 24 * 60))}`, { token: emu.seed.serviceApp.accessToken });
    expect((later.body as { items: unknown[] }).items).toEqual([]);
    const badTime = await call(`${emu.baseUrl}/meetingParticipants?meetingId=${String(meeting.id)}&joinTimeTo=soon`, { token: emu.seed.serviceApp.accessToken });
    expect(badTime.status).toBe(400);
  });

  it('hostless meetings start on the first attendee inside the join-before-host window', async () => {
    const meeting = await createMeeting(emu, HOSTLESS);
    const links = await joinLinks(emu, meeting.id as string);
    const opened = await openLink(emu, links.joinLink);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ role: 'attendee', state: 'joined' });
    expect(await meetingState(meeting.id as string)).toBe('inProgress');
  });

  it('before the join-before-host window an attendee waits, even for a hostless meeting', async () => {
    const meeting = await createMeeting(emu, { ...HOSTLESS, joinBeforeHostMinutes: 5 });
    const links = await joinLinks(emu, meeting.id as string);
    // The meeting starts in 10 minutes; 5 minutes early is the window.
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'lobby', reason: 'waiting_for_host' });
  });

  it('the Control Hub setting off keeps attendees out until the host comes', async () => {
    await call(`${emu.controlUrl}/sites/${emu.seed.siteUrl}`, { method: 'PATCH', body: { attendeesCanJoinWithoutHost: false } });
    const meeting = await createMeeting(emu, HOSTLESS);
    const links = await joinLinks(emu, meeting.id as string);
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'lobby', reason: 'waiting_for_host' });
  });

  it('follows unlockedMeetingJoinSecurity: lobby for allowJoinWithLobby, refusal for blockFromJoin, invitees pass', async () => {
    const lobby = await createMeeting(emu, { ...HOSTLESS, unlockedMeetingJoinSecurity: 'allowJoinWithLobby' });
    const lobbyLinks = await joinLinks(emu, lobby.id as string);
    expect((await openLink(emu, lobbyLinks.joinLink)).body).toMatchObject({ code: 'lobby', reason: 'locked' });

    const blocked = await createMeeting(emu, { ...HOSTLESS, unlockedMeetingJoinSecurity: 'blockFromJoin', invitees: [{ email: 'invited@example.com' }] });
    const blockedLinks = await joinLinks(emu, blocked.id as string);
    const refused = await openLink(emu, blockedLinks.joinLink);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'blocked' });
    expect(await meetingState(blocked.id as string)).toBe('active');
    const invited = await joinLinks(emu, blocked.id as string, { email: 'invited@example.com' });
    expect((await openLink(emu, invited.joinLink)).status).toBe(200);
  });

  it('makes cohosts as the meeting says: invitees marked coHost, or the first one in', async () => {
    const meeting = await createMeeting(emu, { ...HOSTLESS, allowFirstUserToBeCoHost: true, invitees: [{ email: 'co@example.com', coHost: true }] });
    const first = (await openLink(emu, (await joinLinks(emu, meeting.id as string)).joinLink, 'First')).body as { participantId: string };
    const second = (await openLink(emu, (await joinLinks(emu, meeting.id as string)).joinLink, 'Second')).body as { participantId: string };
    const invited = (await openLink(emu, (await joinLinks(emu, meeting.id as string, { email: 'co@example.com' })).joinLink, 'Co')).body as { participantId: string };
    const coHost = async (id: string) => ((await call(`${emu.baseUrl}/meetingParticipants/${id}`, { token: emu.seed.serviceApp.accessToken })).body as { coHost: boolean }).coHost;
    expect([await coHost(first.participantId), await coHost(second.participantId), await coHost(invited.participantId)]).toEqual([true, false, true]);
  });

  it('the host admits a lobby participant through /meetingParticipants/admit', async () => {
    const meeting = await createMeeting(emu, { ...HOSTLESS, unlockedMeetingJoinSecurity: 'allowJoinWithLobby' });
    const links = await joinLinks(emu, meeting.id as string);
    await openLink(emu, links.startLink, 'Host');
    const waiting = await openLink(emu, links.joinLink, 'Guest');
    const participantId = (waiting.body as { participantId: string }).participantId;
    const admit = await call(`${emu.baseUrl}/meetingParticipants/admit`, { token: emu.seed.serviceApp.accessToken, body: { items: [{ participantId }] } });
    expect(admit.status).toBe(204);
    const p = await call(`${emu.baseUrl}/meetingParticipants/${participantId}`, { token: emu.seed.serviceApp.accessToken });
    expect(p.body).toMatchObject({ state: 'joined', displayName: 'Guest' });
  });

  it('refuses an expired link and an unknown link', async () => {
    const meeting = await createMeeting(emu, HOSTLESS);
    const links = await joinLinks(emu, meeting.id as string, { expirationMinutes: 1 });
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 61_000 } });
    const inspect = await call(`${emu.controlUrl}/links/inspect?url=${encodeURIComponent(links.joinLink)}`);
    expect(inspect.body).toMatchObject({ expired: true, role: 'attendee', title: 'Consultation' });
    const expired = await openLink(emu, links.joinLink);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'link_expired' });
    const unknown = await openLink(emu, `${emu.pagesUrl}/join/notATokenWeMade`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'link_unknown' });
  });
});

describe('the license', () => {
  it('refuses the start of meeting N+1 on the site with license_exhausted and changes nothing', async () => {
    const meetings = [await createMeeting(emu, HOSTLESS), await createMeeting(emu, HOSTLESS), await createMeeting(emu, HOSTLESS)];
    for (const m of meetings.slice(0, 2)) expect((await openLink(emu, (await joinLinks(emu, m.id as string)).joinLink)).status).toBe(200);
    await subscribe('meetings', 'started');
    const before = await call(`${emu.controlUrl}/overview`);
    const third = await joinLinks(emu, meetings[2]?.id as string);
    const refused = await openLink(emu, third.startLink);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'license_exhausted' });
    expect(await meetingState(meetings[2]?.id as string)).toBe('active');
    const after = await call(`${emu.controlUrl}/overview`);
    expect(after.body).toEqual({ ...(before.body as object), clock: (after.body as { clock: unknown }).clock });
    await flushDeliveries(emu);
    expect(receiver.received).toHaveLength(0);

    // A running meeting still takes more people; ending one frees a license.
    const more = await joinLinks(emu, meetings[0]?.id as string);
    expect((await openLink(emu, more.joinLink)).status).toBe(200);
    expect((await call(`${emu.baseUrl}/meetings/${String(meetings[0]?.id)}/end`, { token: emu.seed.serviceApp.accessToken, method: 'POST' })).status).toBe(204);
    expect((await openLink(emu, third.startLink)).status).toBe(200);
  });

  it('grants exactly the licensed number of starts when many meetings start at the same moment', async () => {
    const meetings = await Promise.all(Array.from({ length: 6 }, () => createMeeting(emu, HOSTLESS)));
    const links = await Promise.all(meetings.map((m) => joinLinks(emu, m.id as string)));
    const results = await Promise.all(links.map((l) => openLink(emu, l.startLink)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => (r.body as { code?: string }).code === 'license_exhausted')).toHaveLength(4);
    const overview = (await call(`${emu.controlUrl}/overview`)).body as { orgs: { sites: { inProgress: number }[] }[] };
    expect(overview.orgs[0]?.sites[0]?.inProgress).toBe(2);
  });

  it('refuses the 401st participant of one meeting', async () => {
    await call(`${emu.controlUrl}/sites/${emu.seed.siteUrl}`, { method: 'PATCH', body: { participantsPerMeeting: 400 } });
    const meeting = await createMeeting(emu, HOSTLESS);
    const links = await joinLinks(emu, meeting.id as string);
    for (let i = 0; i < 400; i += 1) {
      const r = await openLink(emu, links.joinLink, `Person ${i}`);
      if (r.status !== 200) throw new Error(`join ${i} answered ${r.status}`);
    }
    const full = await openLink(emu, links.joinLink, 'Person 401');
    expect(full.status).toBe(403);
    expect(full.body).toMatchObject({ code: 'meeting_full' });
  });
});

describe('leaving and ending', () => {
  it('the meeting ends when everyone has left, and leaves a recording and a transcript when auto-record was on', async () => {
    for (const [resource, event] of [['meetings', 'ended'], ['meetingParticipants', 'left'], ['recordings', 'created'], ['meetingTranscripts', 'created']] as const) {
      await subscribe(resource, event);
    }
    const meeting = await createMeeting(emu, { ...HOSTLESS, enabledAutoRecordMeeting: true });
    const links = await joinLinks(emu, meeting.id as string);
    const a = (await openLink(emu, links.joinLink, 'Ann')).body as { participantId: string; meetingId: string };
    const b = (await openLink(emu, links.joinLink, 'Bob')).body as { participantId: string };
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 5 * 60_000 } });
    expect((await call(`${emu.controlUrl}/participants/${a.participantId}/leave`, { method: 'POST' })).body).toMatchObject({ meetingState: 'inProgress' });
    expect((await call(`${emu.controlUrl}/participants/${b.participantId}/leave`, { method: 'POST' })).body).toMatchObject({ meetingState: 'ended' });
    expect(await meetingState(meeting.id as string)).toBe('expired');
    const instance = await call(`${emu.baseUrl}/meetings/${a.meetingId}`, { token: emu.seed.serviceApp.accessToken });
    expect(instance.body).toMatchObject({ state: 'ended', meetingType: 'meeting', hasRecording: true });

    const recordings = await call(`${emu.baseUrl}/recordings?meetingId=${a.meetingId}`, { token: emu.seed.serviceApp.accessToken });
    const items = (recordings.body as { items: { durationSeconds: number; topic: string }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ topic: 'Consultation', durationSeconds: 300 });
    const transcripts = await call(`${emu.baseUrl}/meetingTranscripts?meetingId=${a.meetingId}`, { token: emu.seed.serviceApp.accessToken });
    const transcript = (transcripts.body as { items: { id: string }[] }).items[0];
    const vtt = await fetch(`${emu.baseUrl}/meetingTranscripts/${transcript?.id ?? ''}/download?format=vtt`, { headers: { authorization: `Bearer ${emu.seed.serviceApp.accessToken}` } });
    expect(vtt.headers.get('content-type')).toContain('text/vtt');
    expect(await vtt.text()).toMatch(/^WEBVTT\n\n1\n00:00:00\.000 --> /);
    const detail = await call(`${emu.baseUrl}/recordings/${(recordings.body as { items: { id: string }[] }).items[0]?.id ?? ''}`, { token: emu.seed.serviceApp.accessToken });
    const direct = (detail.body as { temporaryDirectDownloadLinks: Record<string, string> }).temporaryDirectDownloadLinks;
    for (const key of ['recordingDownloadLink', 'audioDownloadLink', 'transcriptDownloadLink']) {
      const file = await fetch(direct[key] ?? '');
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }

    await flushDeliveries(emu);
    const events = receiver.received.map((d) => `${d.body.resource}:${d.body.event}`);
    expect(events).toEqual(['meetingParticipants:left', 'meetingParticipants:left', 'meetings:ended', 'recordings:created', 'meetingTranscripts:created']);
  });

  it('the host ends the meeting for everyone through the control plane', async () => {
    const meeting = await createMeeting(emu, HOSTLESS);
    const links = await joinLinks(emu, meeting.id as string);
    const host = (await openLink(emu, links.startLink)).body as { meetingId: string };
    await openLink(emu, links.joinLink);
    const ended = await call(`${emu.controlUrl}/meetings/${host.meetingId}/end`, { method: 'POST' });
    expect(ended.body).toMatchObject({ state: 'ended' });
    const participants = await call(`${emu.baseUrl}/meetingParticipants?meetingId=${host.meetingId}`, { token: emu.seed.serviceApp.accessToken });
    expect((participants.body as { items: { state: string }[] }).items.every((p) => p.state === 'end')).toBe(true);
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'meeting_ended' });
  });
});

describe('time', () => {
  it('a scheduled meeting becomes ready in its join window and missed when its end passes without a start', async () => {
    const meeting = await createMeeting(emu, { ...HOSTLESS, joinBeforeHostMinutes: 10, start: await emulatorTime(emu, 30), end: await emulatorTime(emu, 60) });
    const scheduled = `${String(meeting.id)}_`;
    const list = async () => {
      const r = await call(`${emu.baseUrl}/meetings?meetingSeriesId=${String(meeting.id)}`, { token: emu.seed.serviceApp.accessToken });
      return (r.body as { items: { id: string; state: string }[] }).items;
    };
    expect((await list())[0]).toMatchObject({ state: 'scheduled', id: expect.stringContaining(scheduled) });
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 21 * 60_000 } });
    expect((await list())[0]?.state).toBe('ready');
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 40 * 60_000 } });
    expect((await list())[0]?.state).toBe('missed');
    expect(await meetingState(meeting.id as string)).toBe('expired');
    const links = await call(`${emu.baseUrl}/meetings/join`, { token: emu.seed.serviceApp.accessToken, body: { meetingId: meeting.id, joinDirectly: false } });
    expect(links.status).toBe(409);
  });
});

describe('recurring series', () => {
  it('walks its occurrences: ended, missed, then the series expires after the last one', async () => {
    const token = emu.seed.serviceApp.accessToken;
    const meeting = await createMeeting(emu, { ...HOSTLESS, recurrence: 'FREQ=DAILY;COUNT=3' });
    const id = meeting.id as string;
    const occurrences = async () => {
      const r = await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&meetingType=scheduledMeeting`, { token });
      return (r.body as { items: { id: string; state: string; start: string }[] }).items;
    };
    const first = await occurrences();
    expect(first.map((o) => o.state)).toEqual(['ready', 'scheduled', 'scheduled']);
    expect(new Set(first.map((o) => o.id)).size).toBe(3);
    const second = await call(`${emu.baseUrl}/meetings/${first[1]?.id ?? ''}`, { token });
    expect(second.body).toMatchObject({ meetingType: 'scheduledMeeting', state: 'scheduled', start: first[1]?.start });

    const links = await joinLinks(emu, id);
    const opened = (await openLink(emu, links.joinLink)).body as { meetingId: string };
    expect(await meetingState(id)).toBe('inProgress');
    await call(`${emu.controlUrl}/meetings/${opened.meetingId}/end`, { method: 'POST' });
    expect(await meetingState(id)).toBe('active');
    expect((await occurrences()).map((o) => o.state)).toEqual(['ended', 'scheduled', 'scheduled']);

    // Skip the second day entirely: it is missed; the third becomes current.
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 2 * 24 * 3600_000 } });
    expect((await occurrences()).map((o) => o.state)).toEqual(['ended', 'missed', 'ready']);
    // The first link has expired by now (60 minutes); a fresh one joins the third occurrence.
    expect((await openLink(emu, links.joinLink)).body).toMatchObject({ code: 'link_expired' });
    const thirdOpen = await openLink(emu, (await joinLinks(emu, id)).joinLink);
    expect(thirdOpen.status).toBe(200);
    const third = thirdOpen.body as { meetingId: string };
    expect(third.meetingId).not.toBe(opened.meetingId);
    await call(`${emu.controlUrl}/meetings/${third.meetingId}/end`, { method: 'POST' });
    expect(await meetingState(id)).toBe('expired');
    expect((await occurrences()).map((o) => o.state)).toEqual(['ended', 'missed', 'ended']);
  });
});

describe('deleting occurrences', () => {
  it('cancels one occurrence of a recurring series; the series goes on with the rest', async () => {
    const token = emu.seed.serviceApp.accessToken;
    await subscribe('meetings', 'deleted');
    const meeting = await createMeeting(emu, { recurrence: 'FREQ=DAILY;COUNT=3' });
    const id = meeting.id as string;
    const list = async () =>
      ((await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&meetingType=scheduledMeeting`, { token })).body as { items: { id: string; state: string }[] }).items;
    const [first, second, third] = await list();
    expect((await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, { token, method: 'DELETE' })).status).toBe(204);
    expect((await list()).map((o) => o.id)).toEqual([first?.id, third?.id]);
    expect((await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, { token })).status).toBe(404);
    expect((await call(`${emu.baseUrl}/meetings/${first?.id ?? ''}`, { token, method: 'DELETE' })).status).toBe(204);
    const current = await call(`${emu.baseUrl}/meetings/${id}?current=true`, { token });
    expect((current.body as { id: string }).id).toBe(third?.id);
    expect(await meetingState(id)).toBe('active');
    await flushDeliveries(emu);
    expect(receiver.received.map((d) => [d.body.data.meetingType, d.body.data.id])).toEqual([
      ['scheduledMeeting', second?.id],
      ['scheduledMeeting', first?.id],
    ]);
  });
});

describe('moving one occurrence', () => {
  it('PATCH of a scheduled meeting id moves only that occurrence, keeps its id, and time rules follow the new times', async () => {
    const token = emu.seed.serviceApp.accessToken;
    // Move the emulator clock to 06:00 UTC first: the occurrence moves 3 hours later and must stay on its own day,
    // which a start late in the (real) evening would not.
    const nowMs = ((await call(`${emu.controlUrl}/clock`)).body as { nowMs: number }).nowMs;
    const day = 24 * 3600_000;
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: (((6 * 3600_000 - (nowMs % day)) % day) + day) % day } });
    const meeting = await createMeeting(emu, { recurrence: 'FREQ=DAILY;COUNT=3' });
    const id = meeting.id as string;
    const list = async () =>
      ((await call(`${emu.baseUrl}/meetings?meetingSeriesId=${id}&meetingType=scheduledMeeting`, { token })).body as {
        items: { id: string; state: string; start: string; isModified: boolean }[];
      }).items;
    const [, second] = await list();
    const moved = new Date(Date.parse(second?.start ?? '') + 3 * 3600_000).toISOString().replace('.000Z', 'Z');
    const movedEnd = new Date(Date.parse(moved) + 30 * 60_000).toISOString();
    const patched = await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, { token, method: 'PATCH', body: { start: moved, end: movedEnd } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: second?.id, start: moved, isModified: true, meetingType: 'scheduledMeeting' });
    expect((await list()).map((o) => o.isModified)).toEqual([false, true, false]);

    const tooFar = new Date(Date.parse(second?.start ?? '') + 24 * 3600_000).toISOString();
    const clash = await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, { token, method: 'PATCH', body: { start: tooFar, end: new Date(Date.parse(tooFar) + 30 * 60_000).toISOString() } });
    expect(clash.status).toBe(400);
    expect(clash.text).toContain('meeting.err.two_meeting_schedule_at_same_day');
    // The rule belongs to the series; other fields may change for this occurrence alone (fidelity-round-2.test.ts).
    expect((await call(`${emu.baseUrl}/meetings/${second?.id ?? ''}`, { token, method: 'PATCH', body: { recurrence: 'FREQ=DAILY;COUNT=2' } })).status).toBe(400);

    // A day and an hour later: the first is missed, the second's original end has passed but it was moved later.
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 25 * 3600_000 } });
    expect((await list()).map((o) => o.state)).toEqual(['missed', 'scheduled', 'scheduled']);
    expect(((await call(`${emu.baseUrl}/meetings/${id}?current=true`, { token })).body as { id: string }).id).toBe(second?.id);
  });
});

describe('a lobby nobody opens', () => {
  it('sends the waiting people away and marks the occurrence missed when its end passes', async () => {
    const meeting = await createMeeting(emu, { enabledJoinBeforeHost: false });
    const links = await joinLinks(emu, meeting.id as string);
    const waiting = (await openLink(emu, links.joinLink)).body as { participantId: string };
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 41 * 60_000 } });
    expect(await meetingState(meeting.id as string)).toBe('expired');
    const inspect = await call(`${emu.controlUrl}/links/inspect?url=${encodeURIComponent(links.startLink)}`);
    expect(inspect.body).toMatchObject({ state: 'missed' });
    const overview = (await call(`${emu.controlUrl}/overview`)).body as { meetings: { participants: { id: string }[] }[] };
    expect(overview.meetings.flatMap((m) => m.participants).map((p) => p.id)).not.toContain(waiting.participantId);
  });
});

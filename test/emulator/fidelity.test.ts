import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { listWebexOperations, validateWebexRequest, validateWebexResponse } from '../support/openapi.js';
import { call, emulatorTime, openLink, startTestEmulator, type Call } from './support/emulator-harness.js';

/**
 * Drives every operation of the OpenAPI subset against the emulator and validates each request we send and each
 * response we get (status declared, content type, body schema; errors carry the Webex error body).
 */
let emu: RunningEmulator;
const covered = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

async function webex(method: string, path: string, init: { token?: string; body?: unknown; query?: Record<string, string>; contentType?: string; invalidOnPurpose?: boolean } = {}): Promise<Call> {
  const query = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
  const requestCheck = validateWebexRequest({ method, path: `${path}${query}`, ...(init.body !== undefined && typeof init.body !== 'string' ? { body: init.body } : {}) });
  if (!requestCheck.valid && init.invalidOnPurpose !== true) problems.push(`request ${method} ${path}: ${requestCheck.errors.join('; ')}`);
  const r = await call(`${emu.baseUrl}${path}${query}`, {
    method,
    token: init.token ?? emu.seed.serviceApp.accessToken,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.contentType ? { headers: { 'content-type': init.contentType } } : {}),
  });
  expect(r.headers.get('trackingid')).toBeTruthy();
  const check = validateWebexResponse({ method, path, status: r.status, body: r.status === 204 ? '' : r.text, contentType: r.headers.get('content-type') ?? undefined });
  if (check.operationId) covered.add(check.operationId);
  if (!check.valid) problems.push(`${method} ${path} -> ${r.status}: ${check.errors.join('; ')}`);
  if (r.status >= 400) expect((r.body as { trackingId: string }).trackingId).toBe(r.headers.get('trackingid'));
  return r;
}

describe('every /v1 operation answers what the OpenAPI subset describes', () => {
  it('meetings, join, preferences, participants, invitees, recordings, transcripts', async () => {
    const prefs = await webex('GET', '/meetingPreferences');
    expect(prefs.status).toBe(200);
    expect((prefs.body as { audio: { defaultAudioType: string } }).audio.defaultAudioType).toBe('voipOnly');
    expect((await webex('GET', '/meetingPreferences/schedulingOptions')).status).toBe(200);
    const options = await webex('PUT', '/meetingPreferences/schedulingOptions', {
      body: { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15, enabledAutoShareRecording: false, enabledWebexAssistantByDefault: false },
    });
    expect(options.body).toMatchObject({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 15 });
    const delegates = { emails: ['assistant@example.com', 'deputy@example.com'] };
    expect((await webex('POST', '/meetingPreferences/schedulingOptions/delegateEmails/insert', { body: delegates })).body).toEqual(delegates);
    expect((await webex('POST', '/meetingPreferences/schedulingOptions/delegateEmails/delete', { body: { emails: ['DEPUTY@example.com'] } })).status).toBe(204);
    expect((await webex('GET', '/meetingPreferences/schedulingOptions')).body).toMatchObject({ delegateEmails: ['assistant@example.com'] });
    expect((await webex('POST', '/meetingPreferences/schedulingOptions/delegateEmails/insert', { body: { emails: [] }, invalidOnPurpose: true })).status).toBe(400);
    expect((await webex('GET', '/meetingPreferences/sites')).body).toEqual({ sites: [{ siteUrl: emu.seed.siteUrl, default: true }] });
    expect((await webex('PUT', '/meetingPreferences/sites', { query: { defaultSite: 'true' }, body: { siteUrl: emu.seed.siteUrl } })).status).toBe(200);
    expect((await webex('GET', '/meetingPreferences/personalMeetingRoom')).body).toMatchObject({ hostPin: expect.any(String), telephony: expect.any(Object) });
    const room = { topic: 'Dr. Who', hostPin: '2580', enabledAutoLock: true, autoLockMinutes: 5, enabledNotifyHost: false, supportCoHost: false, coHosts: [] };
    expect((await webex('PUT', '/meetingPreferences/personalMeetingRoom', { body: room })).body).toMatchObject({ topic: 'Dr. Who', hostPin: '2580', autoLockMinutes: 5 });
    const audio = (await webex('GET', '/meetingPreferences/audio')).body as Record<string, unknown>;
    expect((await webex('PUT', '/meetingPreferences/audio', { body: { ...audio, enabledAutoConnection: true } })).body).toMatchObject({ enabledAutoConnection: true, defaultAudioType: 'voipOnly' });
    expect((await webex('GET', '/meetingPreferences/video')).body).toEqual({ videoDevices: [] });
    const devices = [{ deviceName: 'Board', deviceAddress: 'board@example.com', isDefault: true }];
    expect((await webex('PUT', '/meetingPreferences/video', { body: { videoDevices: devices } })).body).toEqual({ videoDevices: devices });
    expect((await webex('GET', '/meetingPreferences')).body).toMatchObject({ personalMeetingRoom: { topic: 'Dr. Who' }, audio: { enabledAutoConnection: true }, video: { videoDevices: devices } });

    const created = await webex('POST', '/meetings', {
      body: {
        title: 'Fidelity',
        start: await emulatorTime(emu, 10),
        end: await emulatorTime(emu, 40),
        enabledAutoRecordMeeting: true,
        unlockedMeetingJoinSecurity: 'allowJoin',
        sendEmail: false,
        invitees: [{ email: 'invitee@example.com', displayName: 'Invitee' }],
        integrationTags: ['visit-1'],
      },
    });
    expect(created.status).toBe(200);
    const meeting = created.body as { id: string; meetingNumber: string; webLink: string; hostUserId: string; state: string; timezone: string };
    // What Cisco's G2G verification collection asserts (docs/webex-contract.md §1.1, S11).
    expect(meeting).toMatchObject({ state: 'active', timezone: 'UTC' });
    expect(meeting.id.length).toBeGreaterThan(31);
    const me = await webex('GET', '/people/me');
    expect(meeting.hostUserId).toBe((me.body as { id: string }).id);

    expect((await webex('GET', `/meetings/${meeting.id}`)).status).toBe(200);
    expect((await webex('GET', `/meetings/${meeting.id}`, { query: { current: 'true' } })).body).toMatchObject({ meetingType: 'scheduledMeeting' });
    expect((await webex('GET', '/meetings')).status).toBe(200);
    expect((await webex('GET', '/meetings', { query: { meetingNumber: meeting.meetingNumber } })).body).toMatchObject({ items: [{ id: meeting.id }] });
    expect((await webex('GET', '/meetings', { query: { integrationTag: 'visit-1', meetingType: 'scheduledMeeting' } })).status).toBe(200);
    expect((await webex('PATCH', `/meetings/${meeting.id}`, { body: { agenda: 'patched' }, contentType: 'application/json-patch+json' })).body).toMatchObject({ agenda: 'patched' });
    expect((await webex('PUT', `/meetings/${meeting.id}`, { body: { title: 'Fidelity 2', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 45) } })).body).toMatchObject({
      title: 'Fidelity 2',
    });
    expect((await webex('GET', '/meetingInvitees', { query: { meetingId: meeting.id } })).body).toMatchObject({ items: [{ email: 'invitee@example.com' }] });
    expect((await webex('POST', '/meetingInvitees', { body: { meetingId: meeting.id, email: 'second@example.com' } })).status).toBe(200);

    const join = await webex('POST', '/meetings/join', { body: { meetingId: meeting.id, joinDirectly: false, email: 'p@example.com', displayName: 'Patient' } });
    expect(join.status).toBe(200);
    const links = join.body as { startLink: string; joinLink: string };
    expect(links.startLink).toMatch(/^https?:\/\//);
    const host = (await openLink(emu, links.startLink, 'Doctor')).body as { meetingId: string };
    const guest = (await openLink(emu, links.joinLink, 'Patient')).body as { participantId: string };
    expect((await webex('GET', `/meetings/${host.meetingId}`)).body).toMatchObject({ state: 'inProgress', meetingType: 'meeting' });
    expect((await webex('GET', '/meetings', { query: { meetingSeriesId: meeting.id } })).status).toBe(200);
    const participants = await webex('GET', '/meetingParticipants', { query: { meetingId: host.meetingId } });
    expect((participants.body as { items: unknown[] }).items).toHaveLength(2);
    expect((await webex('GET', `/meetingParticipants/${guest.participantId}`)).status).toBe(200);
    expect((await webex('POST', '/meetingParticipants/admit', { body: { items: [{ participantId: guest.participantId }] } })).status).toBe(204);
    expect((await webex('PATCH', `/meetings/${meeting.id}`, { body: { title: 'x' } })).status).toBe(409);
    expect((await webex('POST', `/meetings/${meeting.id}/end`, { body: { reason: 'done' } })).status).toBe(204);

    const recordings = await webex('GET', '/recordings');
    const recording = (recordings.body as { items: { id: string }[] }).items[0];
    expect(recording).toBeDefined();
    expect((await webex('GET', `/recordings/${recording?.id ?? ''}`)).status).toBe(200);
    const transcripts = await webex('GET', '/meetingTranscripts', { query: { meetingId: host.meetingId } });
    const transcript = (transcripts.body as { items: { id: string }[] }).items[0];
    expect((await webex('GET', `/meetingTranscripts/${transcript?.id ?? ''}/download`)).status).toBe(200);

    const second = await webex('POST', '/meetings', { body: { title: 'Delete me', start: await emulatorTime(emu, 60), end: await emulatorTime(emu, 90) } });
    expect((await webex('DELETE', `/meetings/${(second.body as { id: string }).id}`)).status).toBe(204);
    expect((await webex('GET', `/meetings/${(second.body as { id: string }).id}`)).status).toBe(404);
  });

  it('webhooks, rooms, memberships, people, guests, applications and authorizations', async () => {
    const hook = await webex('POST', '/webhooks', { body: { name: 'm', targetUrl: 'https://example.com/hook', resource: 'meetings', event: 'started', secret: 'abc' } });
    expect(hook.status).toBe(200);
    const hookId = (hook.body as { id: string }).id;
    expect((await webex('GET', '/webhooks')).status).toBe(200);
    expect((await webex('GET', `/webhooks/${hookId}`)).body).toMatchObject({ status: 'active', ownedBy: 'creator' });
    expect((await webex('PUT', `/webhooks/${hookId}`, { body: { name: 'm2', targetUrl: 'https://example.com/hook2', status: 'active' } })).body).toMatchObject({ name: 'm2' });
    expect((await webex('DELETE', `/webhooks/${hookId}`)).status).toBe(204);

    const room = await webex('POST', '/rooms', { body: { title: 'Care team' } });
    const roomId = (room.body as { id: string }).id;
    expect((await webex('GET', '/rooms')).body).toMatchObject({ items: [{ id: roomId }] });
    expect((await webex('GET', `/rooms/${roomId}`)).status).toBe(200);
    expect((await webex('PUT', `/rooms/${roomId}`, { body: { title: 'Care team B', isLocked: false } })).body).toMatchObject({ id: roomId, title: 'Care team B' });
    const guest = await webex('POST', '/guests/token', { body: { subject: 'patient-1', displayName: 'Pat' } });
    expect(guest.body).toMatchObject({ subject: 'patient-1', displayName: 'Pat', email: expect.stringMatching(/@appid\.ciscospark\.com$/) });
    const again = await webex('POST', '/guests/token', { body: { subject: 'patient-1', displayName: 'Pat R.' } });
    expect((again.body as { id: string }).id).toBe((guest.body as { id: string }).id);
    const guestMe = await call(`${emu.baseUrl}/people/me`, { token: (guest.body as { accessToken: string }).accessToken });
    expect(guestMe.body).toMatchObject({ displayName: 'Pat R.', type: 'appuser' });
    const count = await webex('GET', '/guests/count');
    expect(count.text).toBe('1');
    expect(count.headers.get('content-type')).toContain('text/plain');
    const byEmail = await webex('POST', '/memberships', { body: { roomId, personEmail: (guest.body as { email: string }).email } });
    expect(byEmail.status).toBe(200);
    expect((await webex('POST', '/memberships', { body: { roomId, personId: (guest.body as { id: string }).id } })).status).toBe(409);
    const monitor = await webex('POST', '/memberships', { body: { roomId, personEmail: 'monitor@example.com' } });
    expect(monitor.status).toBe(200);
    expect((await webex('GET', '/memberships', { query: { roomId } })).body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ personEmail: 'monitor@example.com' })]) });
    const membershipId = (monitor.body as { id: string }).id;
    expect((await webex('GET', `/memberships/${membershipId}`)).status).toBe(200);
    expect((await webex('PUT', `/memberships/${membershipId}`, { body: { isModerator: false, isRoomHidden: false } })).body).toMatchObject({ id: membershipId, isModerator: false });
    expect((await webex('DELETE', `/memberships/${membershipId}`)).status).toBe(204);
    expect((await webex('DELETE', `/rooms/${roomId}`)).status).toBe(204);

    const { serviceApp, tokenManager, orgId } = emu.seed;
    const token = await webex('POST', `/applications/${serviceApp.applicationId}/token`, {
      token: tokenManager.accessToken,
      body: { clientId: serviceApp.clientId, clientSecret: serviceApp.clientSecret, targetOrgId: orgId },
    });
    expect(token.status).toBe(200);
    expect((await webex('POST', `/applications/${serviceApp.applicationId}/token`, { token: tokenManager.accessToken, body: { clientId: serviceApp.clientId }, invalidOnPurpose: true })).status).toBe(400);
    expect((await webex('GET', '/authorizations/tokenExpiry')).body).toMatchObject({ exp: expect.any(Number) });
    expect((await webex('GET', '/authorizations')).status).toBe(200);
    const sa = await webex('GET', '/authorizations', { token: emu.seed.admin.accessToken });
    expect(sa.status).toBe(200);
    expect((await webex('DELETE', '/authorizations', { token: emu.seed.admin.accessToken, query: { clientId: tokenManager.clientId, orgId } })).status).toBe(204);
    expect((await call(`${emu.baseUrl}/people/me`, { token: tokenManager.accessToken })).status).toBe(401);
  });

  it('errors: 400 naming the field, 401, 403, 404, 405-ish unknown paths, 415, all with the Webex error body', async () => {
    const bad = await webex('POST', '/meetings', { body: { title: '', start: 'yesterday' }, invalidOnPurpose: true });
    expect(bad.status).toBe(400);
    const descriptions = (bad.body as { errors: { description: string }[] }).errors.map((e) => e.description).join(' | ');
    expect(descriptions).toContain("'title'");
    expect(descriptions).toContain("'start'");
    expect(descriptions).toContain("'end' is required");
    expect((await webex('GET', '/meetings', { token: 'invalid' })).status).toBe(401);
    expect((await webex('GET', '/meetings', { token: emu.seed.tokenManager.accessToken === '' ? 'x' : (await freshTokenManager()) })).status).toBe(403);
    expect((await webex('GET', '/meetings/0123456789abcdef0123456789abcdef')).status).toBe(404);
    const media = await call(`${emu.baseUrl}/meetings`, { token: emu.seed.serviceApp.accessToken, body: 'title=x', headers: { 'content-type': 'text/csv' } });
    expect(media.status).toBe(415);
    expect(media.body).toMatchObject({ message: expect.any(String), trackingId: expect.any(String) });
    const unknown = await call(`${emu.baseUrl}/nothing-here`, { token: emu.seed.serviceApp.accessToken });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  });

  it('left no response that disagrees with the spec, and covered every operation', () => {
    expect(problems).toEqual([]);
    const all = listWebexOperations().map((o) => o.operationId);
    expect(all.filter((id) => !covered.has(id))).toEqual([]);
  });
});

/** The tokenManager token may have been revoked by an earlier test; a fresh integration token without meeting scopes. */
async function freshTokenManager(): Promise<string> {
  const r = await call(`${emu.controlUrl}/integrations`, { body: { scopes: ['spark:applications_token'] } });
  return (r.body as { accessToken: string }).accessToken;
}


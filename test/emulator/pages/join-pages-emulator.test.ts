import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';

/**
 * Every page of the join flow against the real emulator over HTTP (plain-http pages, as for local
 * demos): the lobby and the host's Admit button, blocked, full, expired and ended meetings.
 */

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, participantsPerMeeting: 2 });
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  expect((await fetch(`${emulator.controlUrl}/reset`, { method: 'POST' })).status).toBe(200);
});

async function api<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function scheduleVisit(security: 'allowJoin' | 'allowJoinWithLobby' | 'blockFromJoin'): Promise<{ startLink: string; joinLink: (name: string) => Promise<string> }> {
  const clock = (await (await fetch(`${emulator.controlUrl}/clock`)).json()) as { nowMs: number };
  const start = new Date(Math.ceil((clock.nowMs + 5 * 60_000) / 60_000) * 60_000);
  const meeting = await api<{ id: string }>('POST', '/meetings', {
    title: 'Plumbing consult',
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    enabledJoinBeforeHost: true,
    joinBeforeHostMinutes: 15,
    unlockedMeetingJoinSecurity: security,
  });
  const link = (name: string) =>
    api<{ startLink?: string; joinLink: string }>('POST', '/meetings/join', {
      meetingId: meeting.id, joinDirectly: false, email: `${name.toLowerCase()}@example.com`, displayName: name,
    });
  const host = await link('Expert');
  if (host.startLink === undefined) throw new Error('no startLink');
  return { startLink: host.startLink, joinLink: async (name) => (await link(name)).joinLink };
}

async function post(url: string, form: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, text: textOf(await response.text()), location: response.headers.get('location') };
}

async function get(url: string): Promise<{ status: number; html: string; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  const html = await response.text();
  return { status: response.status, html, text: textOf(html) };
}

const textOf = (html: string): string => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const page = (location: string | null): string => `${emulator.pagesUrl}${location ?? ''}`;

describe('join pages against the real emulator', () => {
  it('serves the links the emulator hands out', async () => {
    const visit = await scheduleVisit('allowJoin');
    expect(visit.startLink.startsWith(`${emulator.pagesUrl}/join/`)).toBe(true);
    const start = await get(visit.startLink);
    expect(start.status).toBe(200);
    expect(start.text).toContain('Plumbing consult');
    expect(start.text).toContain('You are joining as Host');
  });

  it('puts an uninvited attendee of a locked meeting in the lobby, and the host admits them from the meeting page', async () => {
    const visit = await scheduleVisit('allowJoinWithLobby');
    const host = await post(visit.startLink);
    expect(host.status).toBe(303);

    const guest = await post(await visit.joinLink('Homeowner'));
    expect(guest.status).toBe(303);
    expect((await get(page(guest.location))).text).toContain('Waiting in the lobby until the host lets you in');

    const hostPage = await get(page(host.location));
    const admit = /action="(\/admit\/[^"]+)"/.exec(hostPage.html)?.[1];
    expect(admit, 'the host sees an Admit button').toBeDefined();
    const admitted = await post(page(admit ?? ''), { back: host.location ?? '' });
    expect(admitted.status).toBe(303);
    expect(admitted.location).toBe(host.location);
    const guestPage = await get(page(guest.location));
    expect(guestPage.text).toContain('You are in the meeting as Attendee');
    expect(guestPage.text).toContain('Who is here (2)');
  });

  it('shows the blocked page to an uninvited attendee when the meeting blocks them', async () => {
    const visit = await scheduleVisit('blockFromJoin');
    await post(visit.startLink);
    const refused = await post(await visit.joinLink('Stranger'));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You cannot join this meeting');
    expect(refused.text).toContain('blocked');
  });

  it('shows the meeting-full page to the participant past the per-meeting cap', async () => {
    const visit = await scheduleVisit('allowJoin');
    await post(visit.startLink);
    expect((await post(await visit.joinLink('Second'))).status).toBe(303);
    const third = await post(await visit.joinLink('Third'));
    expect(third.status).toBe(403);
    expect(third.text).toContain('This meeting is full');
    expect(third.text).toContain('meeting_full');
  });

  it('shows the expired page for a link past its expiration, on open and on Join', async () => {
    const visit = await scheduleVisit('allowJoin');
    const joinLink = await visit.joinLink('Late');
    await fetch(`${emulator.controlUrl}/clock/advance`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 2 * 60 * 60_000 }),
    });
    const opened = await get(joinLink);
    expect(opened.status).toBe(410);
    expect(opened.text).toContain('This link has expired');
    const joined = await post(joinLink);
    expect(joined.status).toBe(410);
    expect(joined.text).toContain('link_expired');
  });

  it('shows the ended page for a link of a meeting the host ended', async () => {
    const visit = await scheduleVisit('allowJoin');
    const joinLink = await visit.joinLink('After');
    const host = await post(visit.startLink);
    const end = /action="(\/end\/[^"]+)"/.exec((await get(page(host.location))).html)?.[1];
    const ended = await post(page(end ?? ''));
    expect(ended.status).toBe(200);
    expect(ended.text).toContain('Meeting ended');
    const late = await post(joinLink);
    expect(late.status).toBe(410);
    expect(late.text).toContain('This meeting has ended');
  });

  it('answers 404 pages for a link the emulator never made', async () => {
    const unknown = await get(`${emulator.pagesUrl}/join/not-a-real-token`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Unknown link');
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { hasChromium, launchBrowser } from '../../support/browser.js';

/**
 * A person in a browser against the real emulator: its join pages over TLS (self-signed, accepted with
 * ignoreHTTPSErrors), its /v1 API to schedule, its control plane to check what happened.
 */

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

interface OverviewMeeting {
  id: string;
  title?: string;
  state?: string;
  meetingType?: string;
  participants?: { id: string; displayName?: string; role?: string; state?: string }[];
}
interface Overview {
  orgs: { orgId: string; sites: { siteUrl: string; concurrentMeetings: number; inProgress: number }[] }[];
  meetings: OverviewMeeting[];
}

let emulator: Emulator;
let browser: Browser;

beforeAll(async () => {
  // License 1: the second meeting to start on the site is refused.
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', license: 1 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});
beforeEach(async () => {
  const reset = await fetch(`${emulator.controlUrl}/reset`, { method: 'POST' });
  expect(reset.status).toBe(200);
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A hostless guest-to-guest meeting (join before host, unlocked) and its start and join links. */
async function scheduleVisit(title: string): Promise<{ seriesId: string; startLink: string; joinLink: string }> {
  const clock = await control<{ nowMs: number }>('GET', '/clock');
  // Starts in a few minutes: inside the join-before-host window, so the links work right away.
  const start = new Date(Math.ceil((clock.body.nowMs + 5 * 60_000) / 60_000) * 60_000);
  const meeting = await api<{ id: string }>('POST', '/meetings', {
    title,
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    enabledJoinBeforeHost: true,
    joinBeforeHostMinutes: 15,
    unlockedMeetingJoinSecurity: 'allowJoin',
  });
  const host = await api<{ startLink?: string; joinLink: string }>('POST', '/meetings/join', {
    meetingId: meeting.id, joinDirectly: false, email: 'expert@example.com', displayName: 'Dr. Ada',
  });
  const guest = await api<{ joinLink: string }>('POST', '/meetings/join', {
    meetingId: meeting.id, joinDirectly: false, email: 'patient@example.com', displayName: 'Pat',
  });
  if (host.startLink === undefined) throw new Error('no startLink');
  return { seriesId: meeting.id, startLink: host.startLink, joinLink: guest.joinLink };
}

async function overview(): Promise<Overview> {
  return (await control<Overview>('GET', '/overview')).body;
}

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 900, height: 700 } });
  return context.newPage();
}

/** Clicks a form button and waits for the page its POST answers (not the page the click started on). */
async function clickButton(page: Page, name: string, postPath: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(postPath)),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

const clickJoin = (page: Page): Promise<number> => clickButton(page, 'Join', '/join/');

describe.skipIf(!hasChromium())('join pages in a browser, against the real emulator', () => {
  it('starts the meeting from a start link, lets a guest join with a join link, and lets the guest leave', async () => {
    const visit = await scheduleVisit('Dental checkup');
    expect(visit.startLink).toMatch(/^https:\/\//);
    expect(visit.joinLink).toMatch(/^https:\/\//);

    const host = await openPage();
    await host.goto(visit.startLink);
    await expect.poll(() => host.getByTestId('title').textContent()).toBe('Dental checkup');
    expect(await host.getByTestId('role').textContent()).toBe('Host');
    expect(await clickJoin(host)).toBe(303);
    await host.waitForURL(/\/meetings\/.+\/as\/.+/);
    await expect.poll(() => host.getByTestId('headline').textContent()).toBe('You are in the meeting');

    // The overview lists the series and, once started, its instance (meetingType 'meeting') with the participants.
    const started = (await overview()).meetings.find((m) => m.title === 'Dental checkup' && m.meetingType === 'meeting');
    expect(started?.state).toBe('inProgress');

    const guest = await openPage();
    await guest.goto(visit.joinLink);
    expect(await guest.getByTestId('role').textContent()).toBe('Attendee');
    await guest.getByLabel('Your name').fill('Pat <b>P.</b>');
    await clickJoin(guest);
    await guest.waitForURL(/\/meetings\/.+\/as\/.+/);
    await expect.poll(() => guest.getByTestId('headline').textContent()).toBe('You are in the meeting');
    await host.reload();
    const names = await host.getByTestId('participant').allTextContents();
    expect(names.some((n) => n.includes('Pat <b>P.</b>') && n.includes('Attendee'))).toBe(true);
    expect(names.some((n) => n.includes('Dr. Ada') && n.includes('Host'))).toBe(true);
    expect(await guest.getByRole('button', { name: 'End meeting' }).count()).toBe(0);

    expect(await clickButton(guest, 'Leave', '/leave/')).toBe(200);
    await expect.poll(() => guest.locator('h1').textContent()).toBe('You left the meeting');
    const after = (await overview()).meetings.find((m) => m.id === started?.id);
    const pat = after?.participants?.find((p) => p.displayName === 'Pat <b>P.</b>');
    expect(pat?.state).not.toBe('joined');
    expect(after?.state).toBe('inProgress');

    expect(await clickButton(host, 'End meeting', '/end/')).toBe(200);
    await expect.poll(() => host.locator('h1').textContent()).toBe('Meeting ended');
    expect((await overview()).meetings.find((m) => m.id === started?.id)?.state).toBe('ended');
  });

  it('shows the license error page when the site already has its one licensed meeting in progress, and starts nothing', async () => {
    const first = await scheduleVisit('First visit');
    const second = await scheduleVisit('Second visit');
    const opened = await control<{ state: string }>('POST', '/links/open', { url: first.startLink, displayName: 'Dr. Ada' });
    expect(opened.status).toBe(200);

    const guest = await openPage();
    await guest.goto(second.joinLink);
    expect(await guest.getByTestId('title').textContent()).toBe('Second visit');
    expect(await clickJoin(guest)).toBe(403);
    await expect.poll(() => guest.locator('h1').textContent()).toBe('Meeting cannot start: license limit reached');
    expect(await guest.locator('main').textContent()).toContain("site's concurrent-meeting license is used up");
    await guest.screenshot({ path: '/tmp/g2g-license-error.png' });

    const state = await overview();
    expect(state.meetings.filter((m) => m.title === 'Second visit').every((m) => m.state !== 'inProgress' && m.state !== 'lobby')).toBe(true);
    expect(state.meetings.filter((m) => m.meetingType === 'meeting' && m.state === 'inProgress').map((m) => m.title)).toEqual(['First visit']);
    expect(state.orgs.flatMap((o) => o.sites).find((s) => s.siteUrl === emulator.seed.siteUrl)?.inProgress).toBe(1);
  });

  it('lists orgs, the meeting in progress and its participants, webhooks and deliveries on the debug page', async () => {
    // A real receiver for the emulator's webhook deliveries.
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => {
        received.push(req.url ?? '');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    onTestFinished(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    await api('POST', '/webhooks', { name: 'Debug hook', targetUrl: `http://127.0.0.1:${port}/hook`, resource: 'meetings', event: 'started', secret: 'debug-secret' });

    const visit = await scheduleVisit('Debuggable visit');
    await control('POST', '/links/open', { url: visit.startLink, displayName: 'Dr. Ada' });
    await control('POST', '/deliveries/flush');
    expect(received).toContain('/hook');
    const page = await openPage();
    await page.goto(emulator.controlUrl);
    // The instance row: title, state and who is in it.
    const row = page.locator('#meetings tbody tr', { hasText: 'Debuggable visit' }).filter({ hasText: 'Dr. Ada · host · joined' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('inProgress');
    expect(await page.locator('#orgs tbody').textContent()).toContain(emulator.seed.siteUrl);
    expect(await page.locator('#orgs tbody').textContent()).toContain('1 / 1');
    expect(await page.locator('#webhooks tbody').textContent()).toContain('Debug hook');
    await expect.poll(() => page.locator('#deliveries tbody').textContent()).toContain(`http://127.0.0.1:${port}/hook`);
    expect(await page.locator('#deliveries tbody tr').first().textContent()).toMatch(/meetings\s*started/);
    await page.screenshot({ path: '/tmp/g2g-debug-page.png', fullPage: true });
  });
});

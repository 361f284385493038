import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.skipIf(!hasChromium())('a guest held back by the license governor, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    // The waiting page asks again every second here (5 s in production) to keep the test short.
    stack = await startStack(sqlite, { governor: { retryAfterSeconds: 1 } });
    browser = await launchBrowser();
    const site = await fetch(`${stack.emulator.seed.controlUrl}/sites/${encodeURIComponent(stack.emulator.seed.siteUrl)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ concurrentMeetings: 1 }),
    });
    expect(site.status).toBe(200);
    expect((await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 1 } })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('sees a waiting page that refreshes by itself and lands on the join page once the running meeting ends', async () => {
    const schedule = async (title: string) => (await stack.api('POST', '/api/v1/visits', { body: { title, participants: [{ displayName: 'Pat' }] } })).json as VisitView;
    const first = await schedule('Already running');
    const second = await schedule('Consultation with Dr. Ada');
    const click = await stack.api('GET', new URL(first.participants[0]?.joinUrl ?? '').pathname, { key: null });
    const running = await stack.control.openLink({ url: String(click.headers.location) });
    if (!running.ok) throw new Error(`first meeting did not start: ${running.code}`);
    await stack.settle();

    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    try {
      const response = await page.goto(second.participants[0]?.joinUrl ?? '', { waitUntil: 'domcontentloaded' });
      expect(response?.status()).toBe(503);
      expect(await page.textContent('h1')).toBe('Your meeting room is being prepared');
      expect(await page.textContent('body')).toContain('Consultation with Dr. Ada');

      await stack.control.endMeeting(running.meetingId);
      await stack.settle();
      await page.waitForURL((url) => url.href.startsWith(stack.emulator.emulator.pagesUrl), { timeout: 10_000 });
      await expect.poll(async () => page.textContent('body')).toContain('Consultation with Dr. Ada');
    } finally {
      await page.close();
    }
  });
});

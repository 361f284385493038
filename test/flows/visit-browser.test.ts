import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.skipIf(!hasChromium())('a person opens a g2g join link in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    stack = await startStack(sqlite);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('follows the redirect to a freshly minted Webex link and lands on the join page showing the title', async () => {
    const visit = (await stack.api('POST', '/api/v1/visits', { body: { title: 'Consultation with Dr. Ada', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } }))
      .json as VisitView;
    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    try {
      const response = await page.goto(visit.participants[0]?.joinUrl ?? '', { waitUntil: 'domcontentloaded' });
      expect(response?.status()).toBe(200);
      expect(page.url().startsWith(stack.emulator.emulator.pagesUrl)).toBe(true);
      await expect.poll(async () => page.textContent('body')).toContain('Consultation with Dr. Ada');
    } finally {
      await page.close();
    }
    // The link was minted when the browser asked, not when the visit was made.
    expect(await stack.control.requests({ method: 'POST', path: '/v1/meetings/join' })).toHaveLength(1);
  });

  it('shows a friendly page for a revoked link', async () => {
    const visit = (await stack.api('POST', '/api/v1/visits', { body: { title: 'Revoked', participants: [{ displayName: 'Pat' }] } })).json as VisitView;
    const seat = visit.participants[0];
    await stack.api('DELETE', `/api/v1/visits/${visit.id}/participants/${seat?.id}/link`);
    const page = await browser.newPage();
    try {
      const response = await page.goto(seat?.joinUrl ?? '');
      expect(response?.status()).toBe(410);
      expect(await page.textContent('h1')).toBe('This link was turned off');
    } finally {
      await page.close();
    }
  });
});

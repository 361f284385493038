import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDebugPage } from '../../../src/emulator/pages/debug-page.js';
import { hasChromium, launchBrowser } from '../../support/browser.js';

/** The debug page alone, in a browser, fed by an overview this test controls (real HTTP). */

let server: FastifyInstance;
let url: string;
let browser: Browser;
let overview: unknown;

const sneakyTitle = 'Visit <img src=x onerror="document.body.dataset.pwned=1">';

beforeAll(async () => {
  server = Fastify({ logger: false });
  server.get('/_emulator', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderDebugPage()));
  server.get('/_emulator/overview', async () => overview);
  // The same page mounted where no overview answers.
  server.get('/_broken', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderDebugPage()));
  url = `${await server.listen({ host: '127.0.0.1', port: 0 })}/_emulator`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!hasChromium())('debug page', () => {
  it('shows sites with license use, meetings with participants, deliveries; escapes names; refreshes', async () => {
    overview = {
      orgs: [{ orgId: 'org-1', name: 'Acme', sites: [{ siteUrl: 'acme-g2g.webex.com', concurrentMeetings: 3, inProgress: 2 }] }],
      meetings: [
        { id: 'm-ended', meetingType: 'meeting', title: 'Old visit', state: 'ended', siteUrl: 'acme-g2g.webex.com', participants: [] },
        {
          id: 'm-1_I_1', meetingType: 'meeting', title: sneakyTitle, state: 'inProgress', siteUrl: 'acme-g2g.webex.com',
          participants: [{ id: 'p1', displayName: 'Dr. Ada', role: 'host', state: 'joined' }],
        },
      ],
      webhooks: [{ id: 'wh-1', name: 'g2g meetings', resource: 'meetings', event: 'all', targetUrl: 'http://127.0.0.1:9/hook', status: 'active' }],
      deliveries: [{ id: 'd1', webhookId: 'wh-1', resource: 'meetings', event: 'started', targetUrl: 'http://127.0.0.1:9/hook', status: 'delivered', attempts: 1, lastStatusCode: 200 }],
      clock: { now: '2026-11-25T09:00:00.000Z' },
    };
    const page = await browser.newPage();
    await page.goto(url);
    const firstRow = page.locator('#meetings tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain(sneakyTitle);
    // In progress sorts first; the title is text, not markup.
    expect(await firstRow.textContent()).toContain('Dr. Ada · host · joined');
    expect(await page.locator('#meetings img').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset['pwned'])).toBeUndefined();
    expect(await page.locator('#orgs tbody').textContent()).toContain('2 / 3');
    expect(await page.locator('#deliveries tbody').textContent()).toContain('delivered (200)');
    expect(await page.locator('#webhooks tbody').textContent()).toContain('g2g meetings');
    expect(await page.locator('#status').textContent()).toContain('2026-11-25T09:00:00.000Z');

    overview = { ...(overview as object), meetings: [{ id: 'm-2', meetingType: 'meeting', title: 'Fresh visit', state: 'scheduled', participants: [] }] };
    await expect.poll(() => page.locator('#meetings tbody').textContent(), { timeout: 5_000 }).toContain('Fresh visit');
    await page.close();
  });

  it('is usable at 390 px: no horizontal scroll, every value labelled by its column, long ids wrap', async () => {
    const longId = 'ciscospark://us/WEBHOOK/' + 'f'.repeat(120);
    overview = {
      orgs: [{ orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8' + 'a'.repeat(60), name: 'Acme', sites: [{ siteUrl: 'a-very-long-guest-to-guest-site-name.webex.com', concurrentMeetings: 10, inProgress: 1 }] }],
      meetings: [{ id: '0123456789abcdef0123456789abcdef_I_123456789', meetingType: 'meeting', title: 'A visit with a rather long title that must wrap on a phone', state: 'inProgress', siteUrl: 'a-very-long-guest-to-guest-site-name.webex.com', participants: [{ displayName: 'Dr. Ada Lovelace', role: 'host', state: 'joined' }] }],
      webhooks: [{ id: longId, name: 'g2g meetings', resource: 'meetings', event: 'all', targetUrl: 'https://g2g.example.com/webhooks/webex/with/a/long/path/' + 'x'.repeat(60), status: 'active' }],
      deliveries: [{ id: 'd1', webhookId: longId, resource: 'meetings', event: 'started', targetUrl: 'https://g2g.example.com/webhooks/webex', status: 'delivered', attempts: 1, lastStatusCode: 200 }],
      clock: { now: '2026-11-25T09:00:00.000Z' },
    };
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    await expect.poll(() => page.locator('#webhooks tbody').textContent()).toContain('g2g meetings');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // No section scrolls sideways either: everything fits its card.
    const overflowing = await page.evaluate(() => Array.from(document.querySelectorAll('section')).filter((s) => s.scrollWidth > s.clientWidth).length);
    expect(overflowing).toBe(0);
    expect(await page.locator('#meetings tbody td').first().getAttribute('data-label')).toBe('Title');
    expect(await page.locator('#meetings thead').isVisible()).toBe(false);
    await page.close();
  });

  it('says so when the overview is unavailable', async () => {
    const page = await browser.newPage();
    await page.goto(url.replace('/_emulator', '/_broken'));
    await expect.poll(() => page.locator('#status').textContent()).toContain('overview unavailable: HTTP 404');
    await page.close();
  });
});

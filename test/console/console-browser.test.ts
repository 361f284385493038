import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { Secret } from '../../src/secret.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const TOKEN = 'operator-token-for-the-console-test-0123456789';
const ARTEFACTS = path.resolve('test-results/console');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The company app's event endpoint: refuses until told otherwise, so the first event goes dead. */
async function startReceiver() {
  let status = 503;
  const delivered: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (status < 300) delivered.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string }).type);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    delivered,
    accept: () => void (status = 200),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

describe.skipIf(!hasChromium())('the operator console in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let base: string;

  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    mkdirSync(ARTEFACTS, { recursive: true });
    receiver = await startReceiver();
    stack = await startStack(sqlite, {
      config: {
        adminToken: new Secret(TOKEN),
        events: { url: receiver.url, secrets: [new Secret('console-test-signing-secret')], retryBaseMs: 10, maxRetryDelayMs: 20, maxAttempts: 1, pollIntervalMs: 20, timeoutMs: 2000 },
      },
    });
    base = stack.config.publicUrl;
    browser = await launchBrowser();
    // axe is injected as an inline script, which the console's CSP (rightly) refuses.
    context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
    await receiver?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });

  it('signs in with the operator token and shows the sandbox org ready', async () => {
    await page.goto(`${base}/console/visits`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByLabel('Operator token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.textContent('[role=status]')).toContain('not the operator token');
    await page.getByLabel('Operator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/console/visits');
    const cookie = (await context.cookies()).find((c) => c.name === 'g2g_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(cookie?.value).not.toContain(TOKEN);

    await page.goto(`${base}/console`);
    await expect.poll(() => page.textContent('main')).toContain(stack.orgId);
    expect(await page.textContent('main')).toContain('Every org is ready.');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('overview');
    await page.goto(`${base}/console/orgs/${encodeURIComponent(stack.orgId)}`);
    // The test emulator's seed leaves join before host off: the one fix the API can make, from the page.
    expect(await page.locator('td .status', { hasText: 'failed' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Apply the fixes the API can make' }).click();
    expect(await page.textContent('[role=status]')).toContain('Applied');
    expect(await page.locator('td .status', { hasText: 'failed' }).count()).toBe(0);
    expect(await page.textContent('[data-testid=guest-count]')).toMatch(/^\d+$/);
    await shot('org');
  });

  it('finds a visit scheduled through the API, revokes a link, and the guest meets the turned-off page', async () => {
    const res = await stack.api('POST', '/api/v1/visits', { body: { title: 'Console check-up', externalId: 'console-e2e', hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } });
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    await page.goto(`${base}/console/visits`);
    await page.getByLabel('External id').fill('console-e2e');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Console check-up' }).click();
    expect(await page.textContent('h1')).toBe('Console check-up');
    expect(await page.textContent('ol.timeline')).toContain('scheduled for');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Revoke link' }).first().click();
    expect(await page.textContent('[role=status]')).toContain('Link revoked');
    await shot('visit');
    const old = await stack.api('GET', new URL(visit.participants[0]?.joinUrl ?? '').pathname, { key: null });
    expect(old.status).toBe(410);
    expect(old.body).toContain('This link was turned off');
  });

  it('replays a dead event, which the app then receives', async () => {
    await expect.poll(async () => (await page.goto(`${base}/console/events?status=dead`), await page.locator('tbody tr').count()), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('events');
    receiver.accept();
    await page.getByRole('button', { name: /^Replay event visit\.scheduled/ }).first().click();
    expect(await page.textContent('[role=status]')).toContain('put back in the queue');
    await expect.poll(() => receiver.delivered.includes('visit.scheduled'), { timeout: 10_000 }).toBe(true);
  });

  it('downloads the usage CSV and draws the capacity charts', async () => {
    await page.goto(`${base}/console/usage`);
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^[a-z_,]*meetings/i);
    await shot('usage');
    await page.goto(`${base}/console/capacity`);
    await expect.poll(() => page.locator('.capacity-chart canvas').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Concurrent-meeting licence').fill('7');
    await page.getByRole('button', { name: 'Save licence' }).click();
    expect(await page.textContent('[role=status]')).toContain('set to 7');
    await shot('capacity');
  });

  it('creates a key shown once, and a revoked key gets 401 at once', async () => {
    await page.goto(`${base}/console/keys`);
    await page.getByLabel('Tenant name').fill('console tenant');
    await page.getByLabel('Orgs it may use').selectOption(stack.orgId);
    await page.getByRole('button', { name: 'Create key' }).click();
    const apiKey = (await page.textContent('#new-key'))?.trim() ?? '';
    expect(apiKey).toMatch(/^g2g_[0-9a-f]{12}_/);
    expect((await stack.api('GET', '/api/v1/visits', { key: apiKey })).status).toBe(200);
    await page.goto(`${base}/console/keys`);
    expect(await page.textContent('main')).not.toContain(apiKey);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Revoke key ${apiKey.slice(4, 16)}` }).click();
    expect(await page.textContent('[role=status]')).toContain('revoked');
    expect((await stack.api('GET', '/api/v1/visits', { key: apiKey })).status).toBe(401);
    await shot('keys');
  });

  it('has no horizontal scroll at 390 px on any page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/console', '/console/orgs', `/console/orgs/${encodeURIComponent(stack.orgId)}`, '/console/visits', '/console/capacity', '/console/events', '/console/keys', '/console/usage']) {
      await page.goto(`${base}${p}`);
      await page.waitForLoadState('load');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, p).toBeLessThanOrEqual(390);
    }
    await shot('narrow-usage');
  });
});

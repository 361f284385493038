import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const TOKEN = 'operator-token-for-console-security-0123456789';

const cookieOf = (setCookie: string | string[] | number | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0] ?? '';
const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe.each(testDatabases())('console sessions and changes on $name', (database) => {
  let stack: Stack;
  const clock = createManualClock(Date.now());
  beforeAll(async () => {
    stack = await startStack(database, { clock, config: { adminToken: new Secret(TOKEN) } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const inject = (opts: { method?: 'GET' | 'POST'; url: string; cookie?: string; form?: Record<string, string>; origin?: string }) =>
    stack.g2g.app.inject({
      method: opts.method ?? 'GET',
      url: opts.url,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(opts.origin ? { origin: opts.origin } : {}),
      },
      ...(opts.form ? { payload: new URLSearchParams(opts.form).toString() } : {}),
    });

  const signIn = async () => {
    const res = await inject({ method: 'POST', url: '/console/sign-in', form: { token: TOKEN, next: '/console/capacity' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/capacity');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(TOKEN);
    return cookieOf(res.headers['set-cookie']);
  };

  it('sends a visitor without a valid session to sign in, and never redirects off the console', async () => {
    const none = await inject({ url: '/console/visits?status=ended' });
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fvisits%3Fstatus%3Dended');
    expect((await inject({ url: '/console', cookie: 'g2g_console=1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(303);
    const wrong = await inject({ method: 'POST', url: '/console/sign-in', form: { token: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const offsite = await inject({ method: 'POST', url: '/console/sign-in', form: { token: TOKEN, next: '//evil.example/console' } });
    expect(offsite.headers.location).toBe('/console');
    expect((await inject({ url: '/' })).headers.location).toBe('/console');
  });

  it('serves pages with a strict CSP to a session, and ends the session after 12 hours', async () => {
    const cookie = await signIn();
    const page = await inject({ url: '/console', cookie });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain(stack.orgId);
    clock.advance(12 * 3_600_000 + 1);
    expect((await inject({ url: '/console', cookie })).statusCode).toBe(303);
  });

  it('refuses a change without the CSRF token or from another origin, and makes it with both', async () => {
    const cookie = await signIn();
    const csrf = csrfIn((await inject({ url: '/console/capacity', cookie })).body);
    expect(csrf).not.toBe('');
    const url = `/console/capacity/${encodeURIComponent(stack.orgId)}`;
    expect((await inject({ method: 'POST', url, cookie, form: { licensed: '3' } })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url, cookie, form: { licensed: '3', _csrf: 'forged' } })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url, cookie, origin: 'https://evil.example', form: { licensed: '3', _csrf: csrf } })).statusCode).toBe(403);
    expect((await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`)).json).toMatchObject({ licensed: null });
    const ok = await inject({ method: 'POST', url, cookie, form: { licensed: '3', _csrf: csrf } });
    expect(ok.statusCode).toBe(303);
    expect((await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`)).json).toMatchObject({ licensed: 3 });
    // Bad input is said on the page and changes nothing.
    const bad = await inject({ method: 'POST', url, cookie, form: { licensed: 'lots', _csrf: csrf } });
    expect(decodeURIComponent(String(bad.headers.location))).toContain('whole number');
    expect((await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`)).json).toMatchObject({ licensed: 3 });
    // An unknown visit is a 404 page, not a 500.
    expect((await inject({ url: '/console/visits/no-such-visit', cookie })).statusCode).toBe(404);
  });

  it('shows a Webex failure during a fix on the page (502 with what Webex said), never a 500', async () => {
    const cookie = await signIn();
    const orgUrl = `/console/orgs/${encodeURIComponent(stack.orgId)}`;
    const csrf = csrfIn((await inject({ url: orgUrl, cookie })).body);
    await stack.control.addFault({ method: 'PUT', path: '/v1/meetingPreferences/schedulingOptions', status: 503, count: 100 });
    await stack.control.addFault({ method: 'GET', path: '/v1/meetingPreferences/schedulingOptions', status: 503, count: 100 });
    try {
      const res = await inject({ method: 'POST', url: `${orgUrl}/fix`, cookie, form: { _csrf: csrf } });
      expect(res.statusCode).toBeGreaterThanOrEqual(502);
      expect(res.statusCode).toBeLessThan(600);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toMatch(/class="notice error"[^>]*>[^<]*Webex/);
    } finally {
      await stack.control.clearFaults();
    }
  });

  it('sets a tenant brand through the admin API, refusing bad fields by name', async () => {
    const tenantId = (await stack.internals.tenants.authenticate(stack.apiKey))?.id ?? '';
    const admin = (method: 'GET' | 'PUT', body?: unknown) =>
      stack.g2g.app.inject({ method, url: `/api/v1/admin/tenants/${tenantId}/brand`, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    expect((await admin('GET')).json()).toEqual({ displayName: null, logoUrl: null, accentColor: null, language: 'en' });
    const bad = await admin('PUT', { accentColor: 'blue', language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['accentColor', 'language']);
    expect((await admin('PUT', { displayName: 'Acme Care', language: 'es' })).json()).toMatchObject({ displayName: 'Acme Care', language: 'es' });
    expect((await stack.g2g.app.inject({ method: 'GET', url: `/api/v1/admin/tenants/${tenantId}/brand` })).statusCode).toBe(401);
  });

  it('keeps console pages out of the OpenAPI document', async () => {
    const doc = (await stack.g2g.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console') || p === '/')).toEqual([]);
  });
});

describe('the console without an operator token', () => {
  it('says how to turn it on, and lets nobody in', async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    const stack = await startStack(sqlite);
    try {
      const page = await stack.g2g.app.inject({ method: 'GET', url: '/console/sign-in' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('G2G_ADMIN_TOKEN');
      expect((await stack.g2g.app.inject({ method: 'GET', url: '/console' })).statusCode).toBe(303);
    } finally {
      await stack.close();
    }
  });
});

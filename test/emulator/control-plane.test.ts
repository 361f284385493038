import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, flushDeliveries, startTestEmulator, startWebhookReceiver } from './support/emulator-harness.js';

let emu: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeEach(async () => {
  emu = await startTestEmulator();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emu.close();
  await receiver.close();
});

async function registerServiceAppWebhook(secret = 'whsec-123'): Promise<void> {
  for (const event of ['authorized', 'deauthorized']) {
    const r = await call(`${emu.baseUrl}/webhooks`, {
      token: emu.seed.tokenManager.accessToken,
      body: { name: `sa ${event}`, targetUrl: receiver.url, resource: 'serviceApp', event, filter: `id=${emu.seed.serviceApp.applicationId}`, secret },
    });
    expect(r.status).toBe(200);
  }
}

async function newOrg(body: Record<string, unknown> = {}): Promise<{ orgId: string; siteUrl: string }> {
  const r = await call(`${emu.controlUrl}/orgs`, { body });
  expect(r.status).toBe(200);
  return r.body as { orgId: string; siteUrl: string };
}

async function appToken(orgId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { serviceApp, tokenManager } = emu.seed;
  const r = await call(`${emu.baseUrl}/applications/${serviceApp.applicationId}/token`, {
    token: tokenManager.accessToken,
    body: { clientId: serviceApp.clientId, clientSecret: serviceApp.clientSecret, targetOrgId: orgId },
  });
  return { status: r.status, body: r.body as Record<string, unknown> };
}

describe('seed', () => {
  it('describes a working sandbox: URLs, credentials and the license', async () => {
    const { seed } = emu;
    expect(seed.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(seed.controlUrl).toBe(seed.baseUrl.replace(/\/v1$/, '/_emulator'));
    expect(seed.license).toEqual({ concurrentMeetings: 10, participantsPerMeeting: 400 });
    expect(Buffer.from(seed.serviceApp.applicationId, 'base64url').toString()).toBe(`ciscospark://us/APPLICATION/${seed.serviceApp.clientId}`);
    expect(seed.serviceApp.scopes).toContain('guest-meeting:rw');
    const me = await call(`${seed.baseUrl}/people/me`, { token: seed.serviceApp.accessToken });
    expect(me.status).toBe(200);
    expect((me.body as { orgId: string }).orgId).toBe(seed.orgId);
    const again = await call(`${emu.controlUrl}/seed`);
    expect(again.body).toEqual(seed);
  });
});

describe('authorizing a Service App for an org', () => {
  it('sends a signed serviceApp:authorized webhook naming the org, scopes and site, then issues that org tokens', async () => {
    await registerServiceAppWebhook('s3cret');
    const org = await newOrg({ name: 'Acme Clinic', siteUrl: 'acme-g2g.webex.com', concurrentMeetings: 3 });
    expect((await appToken(org.orgId)).status).toBe(403);

    const r = await call(`${emu.controlUrl}/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, { body: { orgId: org.orgId } });
    expect(r.status).toBe(200);
    await flushDeliveries(emu);
    expect(receiver.received).toHaveLength(1);
    const delivery = receiver.received[0];
    if (!delivery) throw new Error('no delivery');
    expect(delivery.headers['x-spark-signature']).toBe(createHmac('sha1', 's3cret').update(delivery.raw).digest('hex'));
    expect(delivery.body).toMatchObject({ resource: 'serviceApp', event: 'authorized', orgId: org.orgId, ownedBy: 'creator', status: 'active' });
    expect(delivery.body.data).toMatchObject({
      id: emu.seed.serviceApp.applicationId,
      orgId: org.orgId,
      authorizerOrgId: org.orgId,
      siteUrls: ['acme-g2g.webex.com'],
    });
    expect(delivery.body.data.scopes).toEqual(emu.seed.serviceApp.scopes);

    const tokens = await appToken(org.orgId);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), refresh_token_expires_in: expect.any(Number) });
    const me = await call(`${emu.baseUrl}/people/me`, { token: tokens.body.access_token as string });
    expect((me.body as { orgId: string }).orgId).toBe(org.orgId);
    const journal = await call(`${emu.controlUrl}/requests?path=/v1/applications/${emu.seed.serviceApp.applicationId}/token`);
    expect((journal.body as { items: { status: number }[] }).items.map((i) => i.status)).toEqual([403, 200]);
  });

  it('deauthorizing revokes the org tokens and sends serviceApp:deauthorized', async () => {
    await registerServiceAppWebhook();
    const org = await newOrg();
    await call(`${emu.controlUrl}/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, { body: { orgId: org.orgId } });
    const tokens = await appToken(org.orgId);
    const access = tokens.body.access_token as string;
    expect((await call(`${emu.baseUrl}/people/me`, { token: access })).status).toBe(200);

    const r = await call(`${emu.controlUrl}/service-apps/${emu.seed.serviceApp.applicationId}/deauthorize`, { body: { orgId: org.orgId } });
    expect(r.status).toBe(200);
    expect((await call(`${emu.baseUrl}/people/me`, { token: access })).status).toBe(401);
    const refresh = await call(`${emu.baseUrl}/access_token`, {
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.seed.serviceApp.clientId, client_secret: emu.seed.serviceApp.clientSecret, refresh_token: tokens.body.refresh_token as string }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body).toMatchObject({ error: 'invalid_grant' });
    expect((await appToken(org.orgId)).status).toBe(403);
    await flushDeliveries(emu);
    expect(receiver.received.map((d) => d.body.event)).toEqual(['authorized', 'deauthorized']);
  });

  it('keeps one Service App per guest-to-guest site and one site per Service App (Control Hub 1:1)', async () => {
    const org = await newOrg({ siteUrl: 'one-g2g.webex.com' });
    const second = await call(`${emu.controlUrl}/orgs/${org.orgId}/sites`, { body: { siteUrl: 'two-g2g.webex.com' } });
    expect(second.status).toBe(200);
    const appId = emu.seed.serviceApp.applicationId;
    expect((await call(`${emu.controlUrl}/service-apps/${appId}/authorize`, { body: { orgId: org.orgId, siteUrl: 'one-g2g.webex.com' } })).status).toBe(200);
    const bound = await call(`${emu.controlUrl}/service-apps/${appId}/authorize`, { body: { orgId: org.orgId, siteUrl: 'two-g2g.webex.com' } });
    expect(bound.status).toBe(409);
    expect(bound.body).toMatchObject({ code: 'app_bound' });

    const other = await call(`${emu.controlUrl}/service-apps`, { body: { name: 'Other G2G app' } });
    const taken = await call(`${emu.controlUrl}/service-apps/${(other.body as { applicationId: string }).applicationId}/authorize`, {
      body: { orgId: org.orgId, siteUrl: 'one-g2g.webex.com' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'site_taken' });
  });

  it('answers 404 for an unknown app or org and 400 naming a missing field', async () => {
    expect((await call(`${emu.controlUrl}/service-apps/nope/authorize`, { body: { orgId: emu.seed.orgId } })).status).toBe(404);
    const missing = await call(`${emu.controlUrl}/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("'orgId' is required");
    expect((await call(`${emu.controlUrl}/service-apps/${emu.seed.serviceApp.applicationId}/authorize`, { body: { orgId: 'unknown' } })).status).toBe(404);
  });
});

describe('tokens', () => {
  it('refreshes with client credentials in the form body or as HTTP Basic, and expires by the emulator clock', async () => {
    const { serviceApp } = emu.seed;
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: serviceApp.refreshToken });
    const basic = Buffer.from(`${serviceApp.clientId}:${serviceApp.clientSecret}`).toString('base64');
    const viaBasic = await call(`${emu.baseUrl}/access_token`, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(viaBasic.status).toBe(200);
    const fresh = (viaBasic.body as { access_token: string; expires_in: number }).access_token;
    expect(fresh).not.toBe(serviceApp.accessToken);

    const expiresIn = (viaBasic.body as { expires_in: number }).expires_in;
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: expiresIn * 1000 + 1000 } });
    const expired = await call(`${emu.baseUrl}/people/me`, { token: fresh });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('trackingid')).toBe((expired.body as { trackingId: string }).trackingId);

    form.set('client_id', serviceApp.clientId);
    form.set('client_secret', serviceApp.clientSecret);
    const viaBody = await call(`${emu.baseUrl}/access_token`, { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(viaBody.status).toBe(200);
    expect((await call(`${emu.baseUrl}/people/me`, { token: (viaBody.body as { access_token: string }).access_token })).status).toBe(200);

    form.set('client_secret', 'wrong');
    expect((await call(`${emu.baseUrl}/access_token`, { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);
  });

  it('revokes access or refresh tokens of an org on demand', async () => {
    const { serviceApp, orgId } = emu.seed;
    const r = await call(`${emu.controlUrl}/tokens/revoke`, { body: { orgId, kind: 'refresh' } });
    expect((r.body as { revoked: number }).revoked).toBeGreaterThan(0);
    expect((await call(`${emu.baseUrl}/people/me`, { token: serviceApp.accessToken })).status).toBe(200);
    const refresh = await call(`${emu.baseUrl}/access_token`, {
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: serviceApp.clientId, client_secret: serviceApp.clientSecret, refresh_token: serviceApp.refreshToken }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refresh.body).toMatchObject({ error: 'invalid_grant' });
    await call(`${emu.controlUrl}/tokens/revoke`, { body: { orgId, kind: 'access' } });
    expect((await call(`${emu.baseUrl}/people/me`, { token: serviceApp.accessToken })).status).toBe(401);
    // The token manager is not a Service App token: untouched.
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.tokenManager.accessToken })).status).toBe(200);
  });

  it('answers 401 without a token, 401 for an unknown one and 403 for a missing scope', async () => {
    expect((await call(`${emu.baseUrl}/meetings`)).status).toBe(401);
    expect((await call(`${emu.baseUrl}/meetings`, { token: 'nope' })).status).toBe(401);
    const forbidden = await call(`${emu.baseUrl}/meetings`, { token: emu.seed.tokenManager.accessToken });
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as { errors: { description: string }[] }).errors[0]?.description).toContain('meeting:schedules_read');
  });
});

describe('faults, rate limit and the journal', () => {
  it('injects a status with Retry-After a given number of times, then lets requests through', async () => {
    const token = emu.seed.serviceApp.accessToken;
    const f = await call(`${emu.controlUrl}/faults`, { body: { method: 'GET', path: '/v1/people/*', status: 503, count: 2, retryAfterSeconds: 7 } });
    expect(f.status).toBe(200);
    const first = await call(`${emu.baseUrl}/people/me`, { token });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.body).toMatchObject({ message: expect.any(String), trackingId: expect.any(String) });
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(503);
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(200);
    // Other paths were never affected.
    const journal = await call(`${emu.controlUrl}/requests?method=GET&path=/v1/people/me`);
    expect((journal.body as { items: { status: number }[] }).items.map((i) => i.status)).toEqual([503, 503, 200]);
  });

  it('rejects a fault without a path and removes all faults on DELETE', async () => {
    const bad = await call(`${emu.controlUrl}/faults`, { body: { status: 700 } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("'path' is required");
    await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/*', status: 500 } });
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.serviceApp.accessToken })).status).toBe(500);
    expect((await call(`${emu.controlUrl}/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.serviceApp.accessToken })).status).toBe(200);
  });

  it('limits requests per token per minute of the emulator clock with 429 and Retry-After', async () => {
    await call(`${emu.controlUrl}/rate-limit`, { method: 'PUT', body: { requestsPerMinute: 2 } });
    const token = emu.seed.serviceApp.accessToken;
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(200);
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(200);
    const limited = await call(`${emu.baseUrl}/people/me`, { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another token has its own budget.
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.admin.accessToken })).status).toBe(200);
    await call(`${emu.controlUrl}/clock/advance`, { body: { ms: 60_000 } });
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(200);
  });
});

describe('state', () => {
  it('exports, resets and imports the whole state', async () => {
    const org = await newOrg({ name: 'Kept' });
    const snapshot = await call(`${emu.controlUrl}/state`);
    expect(snapshot.status).toBe(200);
    const reset = await call(`${emu.controlUrl}/reset`, { method: 'POST' });
    expect(reset.body).toMatchObject({ orgId: emu.seed.orgId });
    let overview = await call(`${emu.controlUrl}/overview`);
    expect((overview.body as { orgs: { orgId: string }[] }).orgs.map((o) => o.orgId)).not.toContain(org.orgId);
    expect((await call(`${emu.baseUrl}/people/me`, { token: emu.seed.serviceApp.accessToken })).status).toBe(200);
    const put = await call(`${emu.controlUrl}/state`, { method: 'PUT', body: snapshot.body });
    expect(put.status).toBe(204);
    overview = await call(`${emu.controlUrl}/overview`);
    expect((overview.body as { orgs: { orgId: string }[] }).orgs.map((o) => o.orgId)).toContain(org.orgId);
    const bad = await call(`${emu.controlUrl}/state`, { method: 'PUT', body: { version: 2 } });
    expect(bad.status).toBe(400);
    const broken = { ...(snapshot.body as Record<string, unknown>), meetings: [1, { id: 'x' }] };
    expect((await call(`${emu.controlUrl}/state`, { method: 'PUT', body: broken })).body).toMatchObject({ code: 'invalid_state' });
    // The state in use is still the imported one.
    overview = await call(`${emu.controlUrl}/overview`);
    expect((overview.body as { orgs: { orgId: string }[] }).orgs.map((o) => o.orgId)).toContain(org.orgId);
  });

  it('serves the debug page at /_emulator', async () => {
    const r = await fetch(emu.controlUrl);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await r.text()).toContain('<html');
  });
});

describe('fault options', () => {
  it('probability 0 never fires, probability 1 always does, and latency alone still answers', async () => {
    const token = emu.seed.serviceApp.accessToken;
    await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/meetingPreferences', status: 500, probability: 0 } });
    for (let i = 0; i < 5; i += 1) expect((await call(`${emu.baseUrl}/meetingPreferences`, { token })).status).toBe(200);
    await call(`${emu.controlUrl}/faults`, { method: 'DELETE' });
    await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/meetingPreferences', status: 502, probability: 1 } });
    for (let i = 0; i < 3; i += 1) expect((await call(`${emu.baseUrl}/meetingPreferences`, { token })).status).toBe(502);
    await call(`${emu.controlUrl}/faults`, { method: 'DELETE' });
    const slow = await call(`${emu.controlUrl}/faults`, { body: { path: '/v1/people/me', latencyMs: 5, count: 1 } });
    expect(slow.status).toBe(200);
    expect((await call(`${emu.baseUrl}/people/me`, { token })).status).toBe(200);
    expect(((await call(`${emu.controlUrl}/faults`)).body as { items: unknown[] }).items).toEqual([]);
  });
});

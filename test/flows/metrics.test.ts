import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createG2G } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { parsePrometheusText, type ParsedMetrics } from '../support/prometheus-text.js';
import { startStack, TEST_WEBHOOK_SECRET, type Stack } from '../support/stack.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe.each(testDatabases())('GET /metrics on $name', (database) => {
  let stack: Stack;
  /** Everything secret this suite handed out or saw: none may appear in the metrics text. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    stack = await startStack(database, { config: { metricsToken: new Secret(METRICS_TOKEN) } });
    const seed = stack.emulator.seed;
    for (const s of [stack.apiKey, METRICS_TOKEN, TEST_WEBHOOK_SECRET, seed.tokenManager.accessToken, seed.serviceApp.clientSecret, seed.serviceApp.accessToken, seed.serviceApp.refreshToken]) secrets.add(s);
    secrets.add(await stack.internals.vault.accessToken(stack.orgId));
  });
  afterAll(async () => {
    await stack?.close();
  });

  const scrape = async (): Promise<ParsedMetrics & { text: string }> => {
    const res = await stack.g2g.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return { ...parsePrometheusText(res.body), text: res.body };
  };
  const schedule = async (title: string, participants: number): Promise<VisitView> => {
    const res = await stack.api('POST', '/api/v1/visits', {
      body: { title, participants: Array.from({ length: participants }, (_, i) => ({ displayName: `Guest ${i + 1}` })) },
    });
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    for (const p of visit.participants) if (p.joinUrl) secrets.add(p.joinUrl.split('/j/')[1] ?? p.joinUrl);
    return visit;
  };
  const click = (joinUrl: string | null | undefined) => stack.api('GET', new URL(joinUrl ?? '').pathname, { key: null });
  const org = () => ({ org_id: stack.orgId });

  it('asks for the metrics bearer: 401 with none, with a tenant API key, or with a wrong token', async () => {
    for (const authorization of [undefined, `Bearer ${stack.apiKey}`, 'Bearer not-the-metrics-token', METRICS_TOKEN]) {
      const res = await stack.g2g.app.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('g2g_');
    }
  });

  it('counts a click, the Webex calls behind it, and shows the started meeting in the in-progress gauge', async () => {
    const before = await scrape();
    expect(before.types.get('g2g_join_clicks_total')).toBe('counter');
    expect(before.types.get('g2g_webex_request_duration_seconds')).toBe('histogram');
    expect(before.types.get('g2g_org_meetings_in_progress')).toBe('gauge');
    expect(before.value('g2g_orgs', { status: 'ready' })).toBe(1);
    expect(before.value('g2g_org_meetings_in_progress', org())).toBe(0);

    const visit = await schedule('Metrics visit', 2);
    const scheduled = await scrape();
    expect(scheduled.value('g2g_visits', { status: 'scheduled' })).toBe(before.value('g2g_visits', { status: 'scheduled' }) + 1);
    expect(scheduled.value('g2g_webex_requests_total', { operation: 'POST /meetings', status_class: '2xx' })).toBe(
      before.value('g2g_webex_requests_total', { operation: 'POST /meetings', status_class: '2xx' }) + 1,
    );
    expect(scheduled.value('g2g_join_clicks_total', { outcome: 'redirected' })).toBe(before.value('g2g_join_clicks_total', { outcome: 'redirected' }));

    const redirect = await click(visit.participants[0]?.joinUrl);
    expect(redirect.status).toBe(302);
    const webexLink = String(redirect.headers.location);
    secrets.add(webexLink);
    const clicked = await scrape();
    expect(clicked.value('g2g_join_clicks_total', { outcome: 'redirected' })).toBe(scheduled.value('g2g_join_clicks_total', { outcome: 'redirected' }) + 1);
    const joinCall = { operation: 'POST /meetings/join', status_class: '2xx' };
    expect(clicked.value('g2g_webex_requests_total', joinCall)).toBe(scheduled.value('g2g_webex_requests_total', joinCall) + 1);
    const latency = { operation: 'POST /meetings/join' };
    expect(clicked.value('g2g_webex_request_duration_seconds_count', latency)).toBe(scheduled.value('g2g_webex_request_duration_seconds_count', latency) + 1);
    expect(clicked.value('g2g_webex_request_duration_seconds_bucket', { ...latency, le: '+Inf' })).toBe(clicked.value('g2g_webex_request_duration_seconds_count', latency));
    expect(clicked.value('g2g_webex_request_duration_seconds_sum', latency)).toBeGreaterThan(0);

    const opened = await stack.control.openLink({ url: webexLink });
    expect(opened).toMatchObject({ ok: true });
    await stack.settle();
    const running = await scrape();
    expect(running.value('g2g_org_meetings_in_progress', org())).toBe(1);
    expect(running.value('g2g_visits', { status: 'in_progress' })).toBe(before.value('g2g_visits', { status: 'in_progress' }) + 1);
    // The meetings:started (and participant) webhooks went through the inbox and were processed.
    expect(running.value('g2g_webhook_events', { status: 'done' })).toBeGreaterThan(before.value('g2g_webhook_events', { status: 'done' }));
    expect(running.value('g2g_webhook_backlog')).toBe(0);

    if (!opened.ok) throw new Error('link did not open');
    await stack.control.endMeeting(opened.meetingId);
    await stack.settle();
    const ended = await scrape();
    expect(ended.value('g2g_org_meetings_in_progress', org())).toBe(0);
    expect(ended.value('g2g_visits', { status: 'ended' })).toBe(before.value('g2g_visits', { status: 'ended' }) + 1);
  });

  it('counts revoked, unknown and capacity-deferred clicks apart, and shows the license and the start let through', async () => {
    const before = await scrape();
    const visit = await schedule('Revoked seat', 1);
    const seat = visit.participants[0];
    expect((await stack.api('DELETE', `/api/v1/visits/${visit.id}/participants/${seat?.id ?? ''}/link`)).status).toBe(200);
    expect((await click(seat?.joinUrl)).status).toBe(410);
    expect((await stack.api('GET', `/j/${randomBytes(32).toString('base64url')}`, { key: null })).status).toBe(404);

    expect((await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 1 } })).status).toBe(200);
    const first = await schedule('Takes the license', 1);
    expect((await click(first.participants[0]?.joinUrl)).status).toBe(302);
    const second = await schedule('Has to wait', 1);
    const wait = await click(second.participants[0]?.joinUrl);
    expect(wait.status).toBe(503);

    const after = await scrape();
    const delta = (outcome: string) => after.value('g2g_join_clicks_total', { outcome }) - before.value('g2g_join_clicks_total', { outcome });
    expect({ revoked: delta('revoked'), unknown: delta('unknown'), deferred: delta('deferred'), redirected: delta('redirected') }).toEqual({ revoked: 1, unknown: 1, deferred: 1, redirected: 1 });
    expect(after.value('g2g_org_meetings_licensed', org())).toBe(1);
    // The first click was let through to start but Webex has not said it runs: it holds the license.
    expect(after.value('g2g_org_meetings_starting', org())).toBe(1);
  });

  it('counts a failing g2g event handler by event name', async () => {
    const before = await scrape();
    const off = stack.g2g.on('visit.scheduled', () => {
      throw new Error('the company handler broke');
    });
    try {
      await schedule('Handler breaks', 1);
      await expect
        .poll(async () => (await scrape()).value('g2g_event_handler_failures_total', { event: 'visit.scheduled' }))
        .toBe(before.value('g2g_event_handler_failures_total', { event: 'visit.scheduled' }) + 1);
    } finally {
      off();
    }
  });

  it('counts a token refresh after Webex rejected the access token', async () => {
    const before = await scrape();
    await stack.control.revokeTokens({ orgId: stack.orgId, kind: 'access' });
    await schedule('After a revoked access token', 1);
    secrets.add(await stack.internals.vault.accessToken(stack.orgId));
    const after = await scrape();
    expect(after.value('g2g_token_refreshes_total', { outcome: 'refreshed' })).toBe(before.value('g2g_token_refreshes_total', { outcome: 'refreshed' }) + 1);
    const rejected = { operation: 'POST /meetings', status_class: '4xx' };
    expect(after.value('g2g_webex_requests_total', rejected)).toBe(before.value('g2g_webex_requests_total', rejected) + 1);
    const exchange = { operation: 'POST /access_token', status_class: '2xx' };
    expect(after.value('g2g_webex_requests_total', exchange)).toBe(before.value('g2g_webex_requests_total', exchange) + 1);
  });

  it('shows a failing webhook event in the failure counter and the backlog', async () => {
    const before = await scrape();
    stack.internals.inbox.on('meetings', () => Promise.reject(new Error('a meetings handler broke')));
    // A meeting made in Webex itself makes Webex send meetings:created, which now fails in g2g (and waits for a
    // retry). Not a visit scheduled through g2g: the echo of our own create is answered without being worked.
    const start = new Date(Date.now() + 3600_000);
    await stack.internals.webexForOrg(stack.orgId).meetings.create({
      title: 'Webhook breaks',
      start: start.toISOString(),
      end: new Date(start.getTime() + 1800_000).toISOString(),
      siteUrl: stack.emulator.seed.siteUrl,
    });
    await stack.settle();
    const after = await scrape();
    expect(after.value('g2g_webhook_event_failures_total', { resource: 'meetings', final: 'false' })).toBeGreaterThan(
      before.value('g2g_webhook_event_failures_total', { resource: 'meetings', final: 'false' }),
    );
    expect(after.value('g2g_webhook_events', { status: 'failed' })).toBeGreaterThan(0);
    expect(after.value('g2g_webhook_backlog')).toBeGreaterThan(0);
    expect(after.value('g2g_webhook_backlog_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts a refused refresh token and shows the org needing re-authorization', async () => {
    const before = await scrape();
    await stack.control.revokeTokens({ orgId: stack.orgId, kind: 'all' });
    const res = await stack.api('POST', '/api/v1/visits', { body: { title: 'Refused', participants: [{ displayName: 'Pat' }] } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const after = await scrape();
    expect(after.value('g2g_token_refreshes_total', { outcome: 'refused' })).toBe(before.value('g2g_token_refreshes_total', { outcome: 'refused' }) + 1);
    expect(after.value('g2g_orgs', { status: 'needs_reauth' })).toBe(1);
    expect(after.value('g2g_orgs', { status: 'ready' })).toBe(0);
  });

  it('never shows an API key, join code, Webex link, token or secret, nor the tenant name', async () => {
    const { text } = await scrape();
    expect(secrets.size).toBeGreaterThan(8);
    for (const secret of secrets) expect(text.includes(secret), `metrics text holds a secret (${secret.slice(0, 6)}…)`).toBe(false);
    expect(text).not.toContain('acme');
    // Labels hold only bounded values: Webex ids collapse to {id}.
    for (const [series] of (await scrape()).samples) {
      const operation = /operation="([^"]*)"/.exec(series)?.[1];
      if (operation !== undefined) expect(operation).toMatch(/^(GET|POST|PUT|PATCH|DELETE) (\/(\{id\}|[a-zA-Z_]+))+$/);
    }
  });
});

describe.each(testDatabases())('without G2G_METRICS_TOKEN on $name', (database) => {
  it('serves no /metrics at all (404), and still answers join links', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-metrics-off-'));
    const config = loadConfig({
      env: {},
      overrides: {
        dataDir,
        encryptionKeys: [{ id: 'k1', key: new Secret(randomBytes(32).toString('base64')) }],
        webhookSecrets: [new Secret(TEST_WEBHOOK_SECRET)],
        webex: undefined,
      },
    });
    expect(config.metricsToken).toBeUndefined();
    const g2g = await createG2G(config, { db: await database.open(), log: createLogger({ level: 'silent' }), sweepIntervalMs: 0 });
    try {
      const res = await g2g.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('g2g_');
      expect((await g2g.app.inject({ method: 'GET', url: `/j/${randomBytes(32).toString('base64url')}` })).statusCode).toBe(404);
    } finally {
      await g2g.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

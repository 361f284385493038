import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebexClient,
  WebexApiError,
  type TokenSource,
  type WebexClientOptions,
  type WebexRequestLog,
  type WebexResponseLog,
} from '../../src/webex/index.js';
import { startRecorder, type Recorder, type RecorderHandler } from '../support/http-recorder.js';
import { createFakeTimers } from './fake-timers.js';

const TOKEN = 'tok_AAAAAAAAAAAAAAAAAAAAAAAAAAAA_P0A1_8cbb430e';
const meetingBody = { title: 'Visit', start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:30:00Z' };
const meeting = { id: '870f51ff287b41be84648412901e0402', title: 'Visit', state: 'active', meetingType: 'meetingSeries' };

let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

/**
 * A recorder plus a client on fake timers. When the handler holds a request (`hang`), the client's timeout fires
 * right after the server has received it: "sent, but no answer in time", without racing a real timer.
 */
async function setup(handler: RecorderHandler, extra: WebexClientOptions = {}) {
  const timers = createFakeTimers();
  recorder = await startRecorder(async (req, i) => {
    const script = await handler(req, i);
    if (script.hang) setImmediate(() => timers.fireTimeouts());
    return script;
  });
  const client = createWebexClient({
    baseUrl: recorder.baseUrl,
    token: () => Promise.resolve(TOKEN),
    timers,
    random: () => 0.5,
    retryBaseDelayMs: 100,
    ...extra,
  });
  return { client, timers, recorder };
}

async function caught(promise: Promise<unknown>): Promise<WebexApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebexApiError) return error;
    throw error;
  }
  throw new Error('expected a WebexApiError, got success');
}

/** A port with nothing listening: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('429 Too Many Requests', () => {
  it('waits Retry-After seconds and repeats the request, even a create', async () => {
    const { client, timers, recorder } = await setup((_req, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '2', 'content-type': 'text/html' }, body: '<html>slow down</html>' } : { body: meeting },
    );
    await expect(client.meetings.create(meetingBody)).resolves.toMatchObject({ id: meeting.id });
    expect(recorder.requests).toHaveLength(2);
    expect(timers.sleeps).toEqual([2000]);
  });

  it('fails at once with retryAfterMs when Webex asks for a longer wait than maxRetryAfterMs', async () => {
    const { client, timers, recorder } = await setup(() => ({ status: 429, headers: { 'retry-after': '120' } }), { maxRetryAfterMs: 10_000 });
    const err = await caught(client.people.me());
    expect(err.code).toBe('webex_rate_limited');
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.retryable).toBe(true);
    expect(recorder.requests).toHaveLength(1);
    expect(timers.sleeps).toEqual([]);
  });

  it('gives up after maxRetries and says the call can be retried later', async () => {
    const { client, recorder } = await setup(() => ({ status: 429, headers: { 'retry-after': '1' } }), { maxRetries: 2 });
    const err = await caught(client.rooms.get('r1'));
    expect(err.code).toBe('webex_rate_limited');
    expect(recorder.requests).toHaveLength(3);
  });

  it('stops waiting when the caller aborts during the Retry-After pause', async () => {
    const controller = new AbortController();
    recorder = await startRecorder(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    // Real timers: the abort, fired as soon as the 429 is seen, must cut the 30 s wait short.
    const client = createWebexClient({
      baseUrl: recorder.baseUrl,
      token: () => Promise.resolve(TOKEN),
      onResponse: (e) => {
        if (e.status === 429) controller.abort();
      },
    });
    const err = await caught(client.people.me({}, { signal: controller.signal }));
    expect(err.code).toBe('webex_aborted');
    expect(recorder.requests).toHaveLength(1);
  });
});

describe('502/503/504 and lost connections', () => {
  it('backs off with jitter and repeats a GET until it succeeds', async () => {
    const { client, timers, recorder } = await setup((_req, i) => (i < 2 ? { status: 503 } : { body: meeting }));
    await expect(client.meetings.get(meeting.id)).resolves.toMatchObject({ id: meeting.id });
    expect(recorder.requests).toHaveLength(3);
    // Full jitter with random() = 0.5 and base 100: 0.5 * 100 * 2^0, then 0.5 * 100 * 2^1.
    expect(timers.sleeps).toEqual([50, 100]);
  });

  it('uses Retry-After on a 503 when Webex gives one', async () => {
    const { client, timers } = await setup((_req, i) => (i === 0 ? { status: 503, headers: { 'retry-after': '3' } } : { body: meeting }));
    await client.meetings.get(meeting.id);
    expect(timers.sleeps).toEqual([3000]);
  });

  it('fails at once with retryAfterMs when a 503 asks for a longer wait than maxRetryAfterMs', async () => {
    const { client, timers, recorder } = await setup(() => ({ status: 503, headers: { 'retry-after': '600' } }), { maxRetryAfterMs: 60_000 });
    const err = await caught(client.meetings.get('m1'));
    expect(err).toMatchObject({ code: 'webex_unavailable', retryAfterMs: 600_000, retryable: true });
    expect(recorder.requests).toHaveLength(1);
    expect(timers.sleeps).toEqual([]);
  });

  it('reports webex_unavailable, retryable, after the retries of a GET are used up', async () => {
    const { client, recorder } = await setup(() => ({ status: 502 }), { maxRetries: 3 });
    const err = await caught(client.meetings.get('m1'));
    expect(err).toMatchObject({ code: 'webex_unavailable', status: 502, retryable: true, outcomeUnknown: false, method: 'GET', path: '/meetings/m1' });
    expect(recorder.requests).toHaveLength(4);
  });

  it('never repeats a create after a 503, and marks a 504 on a create as outcome unknown', async () => {
    const first = await setup(() => ({ status: 503 }));
    const err503 = await caught(first.client.meetings.create(meetingBody));
    expect(err503).toMatchObject({ code: 'webex_unavailable', outcomeUnknown: false });
    expect(first.recorder.requests).toHaveLength(1);
    await first.recorder.close();

    const second = await setup(() => ({ status: 504 }));
    const err504 = await caught(second.client.rooms.create({ title: 'Space' }));
    expect(err504).toMatchObject({ code: 'webex_unavailable', outcomeUnknown: true });
    expect(err504.message).toMatch(/look it up before trying again/);
    expect(second.recorder.requests).toHaveLength(1);
  });

  it('repeats POST /meetings/join, which creates nothing', async () => {
    const { client, recorder } = await setup((_req, i) => (i === 0 ? { status: 503 } : { body: { joinLink: 'https://x/j?integrationJoinToken=abc' } }));
    await expect(client.meetings.join({ meetingId: 'm1', email: 'a@example.com', displayName: 'A' })).resolves.toHaveProperty('joinLink');
    expect(recorder.requests).toHaveLength(2);
    expect(recorder.requests[0]?.json).toMatchObject({ joinDirectly: false, meetingId: 'm1' });
  });

  it('repeats even a create when the connection was refused (nothing was sent)', async () => {
    const port = await closedPort();
    const attempts: WebexRequestLog[] = [];
    const timers = createFakeTimers();
    const client = createWebexClient({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      token: () => Promise.resolve(TOKEN),
      timers,
      random: () => 0.5,
      maxRetries: 2,
      onRequest: (e) => attempts.push(e),
    });
    const err = await caught(client.meetings.create(meetingBody));
    expect(err).toMatchObject({ code: 'webex_unavailable', status: 0, outcomeUnknown: false, retryable: true });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  });
});

describe('timeouts', () => {
  it('times out with the real timers too (per-attempt timeoutMs)', async () => {
    recorder = await startRecorder(() => ({ hang: true }));
    const client = createWebexClient({ baseUrl: recorder.baseUrl, token: () => Promise.resolve(TOKEN), timeoutMs: 200 });
    const err = await caught(client.rooms.create({ title: 'x' }));
    expect(err.code).toBe('webex_outcome_unknown');
    expect(err.message).toMatch(/within 200 ms/);
  });

  it('does not repeat a timed-out create: the outcome is unknown', async () => {
    const { client, recorder } = await setup(() => ({ hang: true }));
    const err = await caught(client.meetings.create(meetingBody));
    expect(err.code).toBe('webex_outcome_unknown');
    expect(err.outcomeUnknown).toBe(true);
    expect(err.status).toBe(0);
    expect(err.method).toBe('POST');
    expect(err.path).toBe('/meetings');
    expect(recorder.requests).toHaveLength(1);
  });

  it('does not repeat a create whose connection drops without an answer', async () => {
    const { client, recorder } = await setup(() => ({ destroy: true }));
    const err = await caught(client.guests.createToken({ subject: 's1', displayName: 'Guest' }));
    expect(err).toMatchObject({ code: 'webex_outcome_unknown', outcomeUnknown: true });
    expect(recorder.requests).toHaveLength(1);
  });

  it('repeats a timed-out GET and returns the answer of the next attempt', async () => {
    const { client, recorder } = await setup((_req, i) => (i === 0 ? { hang: true } : { body: meeting }));
    await expect(client.meetings.get(meeting.id)).resolves.toMatchObject({ id: meeting.id });
    expect(recorder.requests).toHaveLength(2);
  });

  it('reports webex_timeout once a safe request has used its retries', async () => {
    const { client, recorder } = await setup(() => ({ hang: true }), { maxRetries: 1 });
    const err = await caught(client.webhooks.get('w1'));
    expect(err).toMatchObject({ code: 'webex_timeout', retryable: true, outcomeUnknown: false });
    expect(recorder.requests).toHaveLength(2);
  });
});

describe('401 Unauthorized', () => {
  function rotatingSource() {
    const calls: string[] = [];
    let current = 'token-old-0123456789';
    const source: TokenSource = {
      getToken: () => Promise.resolve(current),
      refreshToken: (rejected) => {
        calls.push(rejected);
        current = 'token-new-0123456789';
        return Promise.resolve(current);
      },
    };
    return { source, calls };
  }

  it('asks the token source for a fresh token once and repeats the request with it', async () => {
    const { source, calls } = rotatingSource();
    const { client, recorder } = await setup(
      (req) => (req.headers.authorization === 'Bearer token-new-0123456789' ? { body: meeting } : { status: 401, body: { message: 'expired', trackingId: 'T1' } }),
      { token: source },
    );
    await expect(client.meetings.create(meetingBody)).resolves.toMatchObject({ id: meeting.id });
    expect(calls).toEqual(['token-old-0123456789']);
    expect(recorder.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-old-0123456789', 'Bearer token-new-0123456789']);
  });

  it('fails with webex_unauthorized when the fresh token is refused too, refreshing only once', async () => {
    const { source, calls } = rotatingSource();
    const { client, recorder } = await setup(() => ({ status: 401, body: { message: 'The request requires a valid access token set in the Authorization request header.', trackingId: 'ROUTER_1' } }), {
      token: source,
    });
    const err = await caught(client.people.me());
    expect(err).toMatchObject({ code: 'webex_unauthorized', status: 401, retryable: false, trackingId: 'ROUTER_1' });
    expect(calls).toHaveLength(1);
    expect(recorder.requests).toHaveLength(2);
  });

  it('asks a plain token function again after a 401', async () => {
    let n = 0;
    const tokens = ['first-token-abcdef', 'second-token-abcdef'];
    const { client, recorder } = await setup((req) => (req.headers.authorization === 'Bearer second-token-abcdef' ? { body: {} } : { status: 401 }), {
      token: () => Promise.resolve(tokens[Math.min(n++, 1)] ?? ''),
    });
    await client.rooms.get('r1');
    expect(recorder.requests).toHaveLength(2);
  });

  it('refuses to call an authenticated endpoint without a token source, sending nothing', async () => {
    recorder = await startRecorder();
    const client = createWebexClient({ baseUrl: recorder.baseUrl });
    const err = await caught(client.people.me());
    expect(err.code).toBe('webex_unauthorized');
    expect(err.message).toMatch(/token/);
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('pagination', () => {
  it('follows Link rel="next" across pages, including an empty page, using the links as given', async () => {
    const pages = [
      { items: [{ id: 'a' }, { id: 'b' }], next: '/v1/meetings?max=2&cursor=p2' },
      { items: [], next: '/v1/meetings?max=2&cursor=p3' },
      { items: [{ id: 'c' }], next: undefined },
    ];
    const { client, recorder } = await setup((req) => {
      const index = req.query.get('cursor') === 'p2' ? 1 : req.query.get('cursor') === 'p3' ? 2 : 0;
      const page = pages[index]!;
      const headers: Record<string, string> = page.next ? { link: `<${recorder!.origin}${page.next}>; rel="next"` } : {};
      return { headers, body: { items: page.items } };
    });
    const ids: string[] = [];
    for await (const m of client.meetings.list({ max: 2, meetingType: 'meeting', state: 'ended', from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', siteUrl: 'x.webex.com' })) ids.push(m.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(recorder.requests.map((r) => r.url)).toEqual([
      '/v1/meetings?max=2&meetingType=meeting&state=ended&from=2026-11-01T00%3A00%3A00Z&to=2026-11-08T00%3A00%3A00Z&siteUrl=x.webex.com',
      '/v1/meetings?max=2&cursor=p2',
      '/v1/meetings?max=2&cursor=p3',
    ]);
    expect(recorder.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('hands out one page at a time with its next-page URL', async () => {
    const { client } = await setup((req) =>
      req.query.get('after') ? { body: { items: [{ id: 'w2' }] } } : { headers: { link: `<${recorder!.baseUrl}/webhooks?after=w1>; rel="next"` }, body: { items: [{ id: 'w1' }] } },
    );
    const first = await client.webhooks.listPage({ max: 1 });
    expect(first.items.map((w) => w.id)).toEqual(['w1']);
    expect(first.nextPageUrl).toBe(`${recorder!.baseUrl}/webhooks?after=w1`);
    const second = await client.webhooks.listPage({}, { pageUrl: first.nextPageUrl! });
    expect(second).toEqual({ items: [{ id: 'w2' }], nextPageUrl: undefined });
  });

  it('refuses to follow a next link to another origin, so the token never leaves', async () => {
    const other = await startRecorder(() => ({ body: { items: [] } }));
    try {
      const { client } = await setup(() => ({ headers: { link: `<${other.origin}/v1/rooms?page=2>; rel="next"` }, body: { items: [{ id: 'r1' }] } }));
      const seen: string[] = [];
      const err = await caught(
        (async () => {
          for await (const r of client.rooms.list()) seen.push(r.id);
        })(),
      );
      expect(seen).toEqual(['r1']);
      expect(err.message).toMatch(/Refusing to follow a link/);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('errors', () => {
  it('carries status, Webex message, descriptions, trackingId from the body, method and path; 4xx are final', async () => {
    const body = {
      message: 'The request could not be understood by the server due to malformed syntax.',
      errors: [{ description: "'siteUrl' cannot be empty" }, { description: 'second problem' }],
      trackingId: '92B0280B23E64C249456513AC7409D56_1661400232754',
    };
    const { client, recorder } = await setup(() => ({ status: 400, body, headers: { trackingid: 'HEADER_ID' } }));
    const err = await caught(client.meetings.create(meetingBody));
    expect(err).toBeInstanceOf(WebexApiError);
    expect(err).toMatchObject({
      name: 'WebexApiError',
      code: 'webex_bad_request',
      status: 400,
      webexMessage: body.message,
      descriptions: ["'siteUrl' cannot be empty", 'second problem'],
      trackingId: body.trackingId,
      method: 'POST',
      path: '/meetings',
      retryable: false,
      outcomeUnknown: false,
    });
    expect(err.message).toContain("'siteUrl' cannot be empty");
    expect(recorder.requests).toHaveLength(1);
  });

  it('takes the trackingId from the Trackingid header when the body has none', async () => {
    const { client } = await setup(() => ({ status: 409, headers: { Trackingid: 'ROUTER_62E068B0-FA5E-01BB-1501-0AFE2B641501' }, body: { message: 'Some users in the list have been invited.' } }));
    const err = await caught(client.memberships.create({ roomId: 'r1', personEmail: 'a@example.com' }));
    expect(err).toMatchObject({ code: 'webex_conflict', status: 409, trackingId: 'ROUTER_62E068B0-FA5E-01BB-1501-0AFE2B641501', descriptions: [] });
  });

  it.each([
    [403, 'webex_forbidden'],
    [404, 'webex_not_found'],
    [405, 'webex_method_not_allowed'],
    [410, 'webex_gone'],
    [415, 'webex_unsupported_media_type'],
    [428, 'webex_precondition_required'],
    [500, 'webex_server_error'],
  ] as const)('maps %i to %s without retrying', async (status, code) => {
    const { client, recorder } = await setup(() => ({ status, body: { message: 'no', trackingId: 't' } }));
    const err = await caught(client.recordings.get('rec1'));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(status >= 500);
    expect(recorder.requests).toHaveLength(1);
  });

  it('reads OAuth-shaped errors of /access_token (invalid_grant) and sends the refresh as a form without a bearer', async () => {
    const { client, recorder } = await setup(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token has been revoked' } }));
    const err = await caught(client.oauth.refreshToken({ clientId: 'Cabc', clientSecret: 'client-secret-value-123', refreshToken: 'refresh-token-value-456' }));
    expect(err).toMatchObject({ code: 'webex_bad_request', oauthError: 'invalid_grant', webexMessage: 'The refresh token has been revoked' });
    const sent = recorder.requests[0]!;
    expect(sent.path).toBe('/v1/access_token');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent.bodyText))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'Cabc',
      client_secret: 'client-secret-value-123',
      refresh_token: 'refresh-token-value-456',
    });
    expect(err.message).not.toContain('client-secret-value-123');
  });

  it('does not repeat a timed-out token refresh (a rotated refresh token could be lost)', async () => {
    const { client, recorder } = await setup(() => ({ hang: true }));
    const err = await caught(client.oauth.refreshToken({ clientId: 'Cabc', clientSecret: 'client-secret-value-123', refreshToken: 'refresh-token-value-456' }));
    expect(err.code).toBe('webex_outcome_unknown');
    expect(recorder.requests).toHaveLength(1);
  });

  it('says a 2xx body that is not JSON is an invalid response', async () => {
    const { client } = await setup(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{oops' }));
    expect((await caught(client.people.me())).code).toBe('webex_invalid_response');
  });

  it('keeps tokens and secrets Webex echoes back out of the error message', async () => {
    const { client } = await setup(() => ({ status: 400, body: { message: `Token ${TOKEN} is malformed`, errors: [{ description: `bad ${TOKEN}` }] } }));
    const err = await caught(client.people.me());
    expect(err.message).not.toContain(TOKEN);
    expect(err.webexMessage).toBe('Token [redacted] is malformed');
    expect(err.descriptions).toEqual(['bad [redacted]']);
  });
});

describe('text answers', () => {
  it('reads GET /guests/count as a number and a transcript download as text', async () => {
    const { client, recorder } = await setup((req) =>
      req.path.endsWith('/guests/count')
        ? { headers: { 'content-type': 'text/plain' }, body: '112' }
        : { headers: { 'content-type': 'text/vtt' }, body: 'WEBVTT\n\n1\n00:00:20.904 --> 00:00:24.564\nHello\n' },
    );
    await expect(client.guests.count()).resolves.toBe(112);
    await expect(client.meetingTranscripts.download('t1', { format: 'vtt' })).resolves.toMatch(/^WEBVTT/);
    expect(recorder.requests[1]?.url).toBe('/v1/meetingTranscripts/t1/download?format=vtt');
  });

  it('rejects a guest count that is not a number', async () => {
    const { client } = await setup(() => ({ headers: { 'content-type': 'text/plain' }, body: 'many' }));
    expect((await caught(client.guests.count())).code).toBe('webex_invalid_response');
  });
});

describe('log hooks', () => {
  it('never show tokens, secrets, passwords or join links', async () => {
    const joinLink = 'https://example.webex.com/wbxmjs/joinservice/sites/example/meeting/download/cded?siteurl=example&integrationJoinToken=SECRETJOINTOKEN123';
    const startLink = 'https://example.webex.com/wbxmjs/joinservice/sites/example/meeting/download/b9dd?siteurl=example&integrationJoinToken=SECRETSTARTTOKEN456&principal=PRINCIPALXYZ';
    const events: (WebexRequestLog | WebexResponseLog)[] = [];
    const { client } = await setup(
      (req) => {
        if (req.path.endsWith('/meetings/join')) return { body: { joinLink, startLink, expiration: '2026-12-01T10:00:00Z' } };
        if (req.path.endsWith('/access_token'))
          return { body: { access_token: 'NEWACCESSTOKEN789', refresh_token: 'NEWREFRESHTOKEN000', expires_in: 1209599, refresh_token_expires_in: 7775999, token_type: 'Bearer' } };
        if (req.path.endsWith('/guests/token')) return { body: { id: 'g1', subject: 's', displayName: 'G', email: 'g@appid.ciscospark.com', accessToken: 'GUESTACCESSTOKEN111', expiresIn: 64799 } };
        if (req.path.endsWith('/webhooks')) return { body: { id: 'w1', name: 'n', targetUrl: 'https://h/x', resource: 'meetings', event: 'started', secret: 'WEBHOOKSECRET222', status: 'active', created: 'x' } };
        return { status: 401, body: { message: 'bad' } };
      },
      { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) },
    );
    await client.meetings.join({ meetingId: 'm1', email: 'a@example.com', displayName: 'A', password: 'MEETINGPASSWORD333' });
    await client.oauth.refreshToken({ clientId: 'Cabc', clientSecret: 'CLIENTSECRET444', refreshToken: 'OLDREFRESHTOKEN555' });
    await client.guests.createToken({ subject: 's', displayName: 'G' });
    await client.webhooks.create({ name: 'n', targetUrl: 'https://h/x', resource: 'meetings', event: 'started', secret: 'WEBHOOKSECRET222' });
    await caught(client.applications.createToken('app1', { clientId: 'Cabc', clientSecret: 'CLIENTSECRET444', targetOrgId: 'org1' }));
    const logged = JSON.stringify(events);
    for (const secret of [
      TOKEN,
      'SECRETJOINTOKEN123',
      'SECRETSTARTTOKEN456',
      'PRINCIPALXYZ',
      'MEETINGPASSWORD333',
      'NEWACCESSTOKEN789',
      'NEWREFRESHTOKEN000',
      'CLIENTSECRET444',
      'OLDREFRESHTOKEN555',
      'GUESTACCESSTOKEN111',
      'WEBHOOKSECRET222',
    ]) {
      expect(logged, secret).not.toContain(secret);
    }
    expect(logged).toContain('[redacted]');
    // The hooks still say what happened: method, status, attempt, non-secret fields.
    expect(events.some((e) => 'status' in e && e.status === 200 && e.url.endsWith('/meetings/join'))).toBe(true);
    expect(logged).toContain('a@example.com');
  });
});

describe('client-side rate limit', () => {
  it('spaces requests of one token to the configured rate, and keeps tokens apart', async () => {
    const { client, timers, recorder } = await setup(() => ({ body: {} }), { rateLimit: { requestsPerSecond: 2 } });
    for (let i = 0; i < 5; i++) await client.people.me();
    expect(recorder.requests).toHaveLength(5);
    // Burst of 2, then one request every 500 ms.
    expect(timers.sleeps).toEqual([500, 500, 500]);

    const other = createWebexClient({ baseUrl: recorder.baseUrl, token: () => Promise.resolve('another-token-xyz'), timers, rateLimit: { requestsPerSecond: 2 } });
    await other.people.me();
    expect(timers.sleeps).toHaveLength(3);
  });
});

describe('idempotent deletes and looping pages', () => {
  it('reports success when a DELETE repeated after a lost answer finds the resource already gone', async () => {
    const { client, recorder } = await setup((_req, i) => (i === 0 ? { hang: true } : { status: 404, body: { message: 'Not found', trackingId: 't' } }));
    await expect(client.webhooks.delete('w1')).resolves.toBeUndefined();
    expect(recorder.requests).toHaveLength(2);
  });

  it('still reports a 404 for a DELETE whose first answer was a 404', async () => {
    const { client } = await setup(() => ({ status: 404, body: { message: 'Not found', trackingId: 't' } }));
    expect((await caught(client.rooms.delete('r1'))).code).toBe('webex_not_found');
  });

  it('still reports a 404 for a DELETE repeated after a 503 (Webex did nothing the first time)', async () => {
    const { client } = await setup((_req, i) => (i === 0 ? { status: 503 } : { status: 404, body: { message: 'Not found', trackingId: 't' } }));
    expect((await caught(client.memberships.delete('m1'))).code).toBe('webex_not_found');
  });

  it('stops with an error when a next link points back to a page already read', async () => {
    const { client, recorder } = await setup(() => ({ headers: { link: `<${recorder!.baseUrl}/rooms?page=2>; rel="next"` }, body: { items: [{ id: 'r' }] } }));
    const err = await caught(
      (async () => {
        for await (const _room of client.rooms.list()) {
          // drain
        }
      })(),
    );
    expect(err.code).toBe('webex_invalid_response');
    // The first page, then page 2 once; page 2 pointing at itself is not fetched again.
    expect(recorder.requests).toHaveLength(2);
  });
});

describe('options', () => {
  it.each([
    [{ baseUrl: 'webexapis.com/v1' }, /baseUrl must be an absolute http\(s\) URL/],
    [{ baseUrl: 'ftp://webexapis.com/v1' }, /baseUrl/],
    [{ timeoutMs: 0 }, /timeoutMs must be a number >= 1, got 0/],
    [{ maxRetries: 1.5 }, /maxRetries must be an integer >= 0/],
    [{ maxRetryAfterMs: -1 }, /maxRetryAfterMs/],
    [{ rateLimit: { requestsPerSecond: 0 } }, /rateLimit.requestsPerSecond must be a number > 0/],
  ] as const)('refuses %j, naming the option', (options, message) => {
    expect(() => createWebexClient(options)).toThrow(message);
  });
});

describe('log hooks that throw', () => {
  it('do not fail or repeat the call', async () => {
    const { client, recorder } = await setup(() => ({ body: meeting }), {
      onRequest: () => {
        throw new Error('logger down');
      },
      onResponse: () => {
        throw new Error('logger down');
      },
    });
    await expect(client.meetings.create(meetingBody)).resolves.toMatchObject({ id: meeting.id });
    expect(recorder.requests).toHaveLength(1);
  });
});

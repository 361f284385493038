import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';
import { captureLogs } from './orgs-stack.js';

const ADMIN_TOKEN = 'op-token-0123456789abcdef';

/** Receives outbound events; answers `status` (changeable). */
async function startReceiver(): Promise<{ url: string; count(): number; setStatus(s: number): void; close(): Promise<void> }> {
  let status = 500;
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (status < 300) count += 1;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, count: () => count, setStatus: (s) => void (status = s), close: () => new Promise((r) => server.close(() => r())) };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(testDatabases())('the admin API over HTTP on $name', (database) => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let base: string;
  const logs = captureLogs();
  const secretsSeen: string[] = [ADMIN_TOKEN];

  const call = async (method: string, path: string, opts: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}) => {
    const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field and checked by expect
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack(database, {
      log: logs.log,
      config: {
        adminToken: new Secret(ADMIN_TOKEN),
        events: { url: receiver.url, secrets: [new Secret('evsec-admin-0123456789')], retryBaseMs: 10, maxRetryDelayMs: 20, maxAttempts: 1, pollIntervalMs: 15, timeoutMs: 2000 },
      },
    });
    base = `http://127.0.0.1:${stack.config.port}`;
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('refuses a missing or wrong operator token, and an API key, with 401 problem+json', async () => {
    for (const token of [null, 'wrong-token-0123456789', stack.apiKey]) {
      const res = await call('GET', '/api/v1/admin/orgs', { token });
      expect(res.status).toBe(401);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.code).toBe('unauthenticated');
    }
  });

  it('lists and shows every org with capacity, and answers 404 for an unknown one', async () => {
    const list = await call('GET', '/api/v1/admin/orgs');
    expect(list.status).toBe(200);
    expect(list.json.items.map((o: { id: string }) => o.id)).toContain(stack.orgId);
    const one = await call('GET', `/api/v1/admin/orgs/${stack.orgId}`);
    expect(one.json).toMatchObject({ id: stack.orgId, status: 'ready', capacity: { inProgress: 0 } });
    const guests = await call('GET', `/api/v1/admin/orgs/${stack.orgId}/guests/count`);
    expect(guests.json).toEqual({ orgId: stack.orgId, count: expect.any(Number) });
    expect((await call('GET', '/api/v1/admin/orgs/no-such-org/guests/count')).status).toBe(404);
    const missing = await call('GET', '/api/v1/admin/orgs/no-such-org');
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
  });

  it('preflight --fix turns join before host back on through the Webex API', async () => {
    const prefs = stack.internals.webexForOrg(stack.orgId).meetingPreferences;
    const current = await prefs.getSchedulingOptions();
    await prefs.updateSchedulingOptions({ ...current, enabledJoinBeforeHost: false, joinBeforeHostMinutes: 0 });
    const before = await call('GET', `/api/v1/admin/orgs/${stack.orgId}/preflight`);
    expect(before.json.checks.find((c: { name: string }) => c.name === 'join_before_host')).toMatchObject({ ok: false });
    const fixed = await call('POST', `/api/v1/admin/orgs/${stack.orgId}/preflight/fix`);
    expect(fixed.status).toBe(200);
    expect(fixed.json.applied).toHaveLength(1);
    expect(fixed.json.preflight.checks.find((c: { name: string }) => c.name === 'join_before_host')).toMatchObject({ ok: true });
    expect((await prefs.getSchedulingOptions()).enabledJoinBeforeHost).toBe(true);
  });

  it('sets and shows capacity, naming the field on bad input', async () => {
    const set = await call('PUT', `/api/v1/admin/orgs/${stack.orgId}/capacity`, { body: { licensed: 7 } });
    expect(set.json).toMatchObject({ orgId: stack.orgId, licensed: 7, inProgress: 0, available: 7 });
    expect((await call('GET', `/api/v1/admin/orgs/${stack.orgId}/capacity`)).json.licensed).toBe(7);
    const bad = await call('PUT', `/api/v1/admin/orgs/${stack.orgId}/capacity`, { body: { licensed: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('licensed');
    expect((await call('GET', `/api/v1/admin/orgs/${stack.orgId}/capacity`)).json.licensed).toBe(7);
    expect((await call('PUT', '/api/v1/admin/orgs/nope/capacity', { body: { licensed: 3 } })).status).toBe(404);
  });

  it('creates a key (refusing an unknown org and a past expiry), lists it, and a revoked key gets 401 at once', async () => {
    const unknown = await call('POST', '/api/v1/admin/keys', { body: { tenantName: 'clinic', orgIds: ['doesnotexist'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0]).toMatchObject({ field: 'orgIds' });
    expect(unknown.json.detail).toContain('doesnotexist');
    const past = await call('POST', '/api/v1/admin/keys', { body: { tenantName: 'clinic', orgIds: [stack.orgId], expiresAt: '2001-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.json.errors[0].field).toBe('expiresAt');
    expect((await call('GET', '/api/v1/admin/tenants')).json.items.map((t: { name: string }) => t.name)).not.toContain('clinic');

    const created = await call('POST', '/api/v1/admin/keys', { body: { tenantName: 'clinic', orgIds: [stack.orgId], expiresAt: '2099-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    const { apiKey, keyId, tenantId } = created.json as { apiKey: string; keyId: string; tenantId: string };
    secretsSeen.push(apiKey);
    expect(apiKey).toMatch(/^g2g_/);
    expect((await stack.api('GET', '/api/v1/orgs', { key: apiKey })).status).toBe(200);

    const keys = await call('GET', `/api/v1/admin/keys?tenantId=${tenantId}`);
    expect(keys.json.items).toEqual([expect.objectContaining({ id: keyId, status: 'active', expiresAt: '2099-01-01T00:00:00.000Z' })]);
    expect(keys.text).not.toContain(apiKey);
    const tenants = await call('GET', '/api/v1/admin/tenants');
    expect(tenants.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: tenantId, name: 'clinic', orgIds: [stack.orgId] })]));

    const revoked = await call('DELETE', `/api/v1/admin/keys/${keyId}`);
    expect(revoked.json).toMatchObject({ id: keyId, status: 'revoked' });
    expect((await stack.api('GET', '/api/v1/orgs', { key: apiKey })).status).toBe(401);
    expect((await call('DELETE', '/api/v1/admin/keys/000000000000')).status).toBe(404);
  });

  it("finds any tenant's visit, revokes and re-issues a link, reschedules and cancels it", async () => {
    const made = await stack.api('POST', '/api/v1/visits', { body: { title: 'Admin check', hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } });
    expect(made.status).toBe(201);
    const visit = made.json as { id: string; participants: { id: string; joinUrl: string }[] };
    const seat = visit.participants[0] as { id: string; joinUrl: string };

    const list = await call('GET', `/api/v1/admin/visits?orgId=${encodeURIComponent(stack.orgId)}&status=scheduled`);
    expect(list.json.items.map((v: { id: string }) => v.id)).toContain(visit.id);
    const tenantId = list.json.items.find((v: { id: string }) => v.id === visit.id).tenantId;
    expect((await call('GET', `/api/v1/admin/visits?tenantId=${tenantId}`)).json.items.map((v: { id: string }) => v.id)).toContain(visit.id);
    expect((await call('GET', '/api/v1/admin/visits?tenantId=nobody')).json.items).toEqual([]);
    expect((await call('GET', '/api/v1/admin/visits?status=sideways')).status).toBe(400);

    const revoked = await call('DELETE', `/api/v1/admin/visits/${visit.id}/participants/${seat.id}/link`);
    expect(revoked.json.joinUrl).toBeNull();
    const opened = await fetch(seat.joinUrl, { redirect: 'manual' });
    expect(opened.status).toBe(410);
    const reissued = await call('POST', `/api/v1/admin/visits/${visit.id}/participants/${seat.id}/link`);
    expect(reissued.json.joinUrl).toMatch(/\/j\//);
    expect(reissued.json.joinUrl).not.toBe(seat.joinUrl);

    const renamed = await call('PATCH', `/api/v1/admin/visits/${visit.id}`, { body: { title: 'Admin check (moved)' } });
    expect(renamed.json).toMatchObject({ id: visit.id, title: 'Admin check (moved)', tenantId });
    const cancelled = await call('DELETE', `/api/v1/admin/visits/${visit.id}`);
    expect(cancelled.json.status).toBe('cancelled');
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as { status: string }).status).toBe('cancelled');
    expect((await call('GET', '/api/v1/admin/visits/nope')).status).toBe(404);
  });

  it('lists dead outbound events with the last error and replays one and a time range', async () => {
    await waitFor('a dead event', async () => (await call('GET', '/api/v1/admin/events?status=dead')).json.items.length >= 2);
    const dead = (await call('GET', '/api/v1/admin/events?status=dead')).json.items as { id: string; lastError: string; status: string }[];
    expect(dead[0]?.lastError).toContain('500');
    receiver.setStatus(200);
    const one = await call('POST', `/api/v1/admin/events/${dead[0]?.id}/replay`);
    expect(one.json.replayed).toEqual([dead[0]?.id]);
    await waitFor('the replayed event delivered', async () => (await call('GET', '/api/v1/admin/events?status=delivered')).json.items.some((e: { id: string }) => e.id === dead[0]?.id));
    const range = await call('POST', '/api/v1/admin/events/replay', { body: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' } });
    expect(range.json.replayed.length).toBeGreaterThanOrEqual(1);
    await waitFor('no dead events left', async () => (await call('GET', '/api/v1/admin/events?status=dead,failed,pending')).json.items.length === 0);
    expect(receiver.count()).toBeGreaterThanOrEqual(2);
    expect((await call('POST', '/api/v1/admin/events/nope/replay')).status).toBe(404);
    const backwards = await call('POST', '/api/v1/admin/events/replay', { body: { from: '2100-01-01T00:00:00Z', to: '2000-01-01T00:00:00Z' } });
    expect(backwards.status).toBe(400);
    expect(backwards.json.errors[0].field).toBe('to');
  });

  it('never logs the operator token or a key it made (debug level)', () => {
    const text = logs.text();
    expect(text).toContain('request done');
    for (const secret of secretsSeen) expect(text).not.toContain(secret);
  });
});

describe('the admin API without G2G_ADMIN_TOKEN', () => {
  it('refuses every call with 401 saying how to turn it on', async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    const stack = await startStack(sqlite);
    try {
      const res = await fetch(`http://127.0.0.1:${stack.config.port}/api/v1/admin/orgs`, { headers: { authorization: 'Bearer anything-at-all-0123456789' } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toContain('G2G_ADMIN_TOKEN');
    } finally {
      await stack.close();
    }
  });
});

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

function captureLogs() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (c: Buffer) => {
    for (const l of c.toString('utf8').split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l) as Record<string, unknown>);
  });
  return { log: createLogger({ level: 'info', destination: stream }), lines };
}

const visit = { title: 'Request id', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] };

describe('x-request-id, trusted proxies and the per-key rate limit, over HTTP', () => {
  const logs = captureLogs();
  let stack: Stack;
  let base: string;
  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    stack = await startStack(sqlite, { log: logs.log, config: { trustProxy: ['127.0.0.1'], rateLimitPerMinute: 5 } });
    base = `http://127.0.0.1:${stack.config.port}`;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const post = (headers: Record<string, string> = {}, key = stack.apiKey) =>
    fetch(`${base}/api/v1/visits`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(visit) });

  it('keeps a well-formed x-request-id, echoes it, and puts it on every log line of the request (core modules too)', async () => {
    const res = await post({ 'x-request-id': 'req-abc.123' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('req-abc.123');
    await stack.settle();
    const mine = logs.lines.filter((l) => l.requestId === 'req-abc.123');
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['visit scheduled', 'request done']));
    expect(mine.find((l) => l.msg === 'visit scheduled')).not.toHaveProperty('reqId');
  });

  it('makes an id when none (or a malformed one) comes, and logs the client address a trusted proxy forwarded', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces', 'x-forwarded-for': '203.0.113.7' } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const done = logs.lines.find((l) => l.requestId === id && l.msg === 'request done');
    expect(done?.ip).toBe('203.0.113.7');
  });

  it('limits each API key on its own: 429 problem+json with Retry-After once over the limit', async () => {
    const { apiKey: other } = await stack.g2g.tenants.createKey({ tenantName: 'rate-other', orgIds: [stack.orgId] });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      const res = await fetch(`${base}/api/v1/visits?limit=1`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(limited?.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another key still has its whole budget; the webhook receiver, join links and health are not limited.
    expect((await fetch(`${base}/api/v1/visits?limit=1`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

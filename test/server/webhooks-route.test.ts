import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/logger.js';
import { testDatabases } from '../support/databases.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startOrgStack, WEBHOOK_SECRET, type OrgStack } from './orgs-stack.js';

/** An emulator and an orgs stack on a fresh SQLite database for the enclosing describe (each describe its own). */
function useOrgStack(): () => OrgStack {
  let emu: TestEmulator | undefined;
  let stack: OrgStack | undefined;
  beforeAll(async () => {
    const clock = createManualClock(Date.now());
    emu = await startTestEmulator({ clock });
    const [sqlite] = testDatabases();
    stack = await startOrgStack({ emulator: emu, databaseUrl: await (sqlite?.freshUrl() ?? Promise.reject(new Error('no sqlite'))), clock, log: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await stack?.close();
    await emu?.close();
  });
  return () => {
    if (stack === undefined) throw new Error('the org stack is read before beforeAll ran');
    return stack;
  };
}

describe('POST /webhooks/webex under arbitrary input', () => {
  const orgStack = useOrgStack();

  it('never answers 5xx: any body, content type and signature gets 200, 202, 400, 401 or 415', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), fc.json().map((j) => Buffer.from(j)), fc.jsonValue().map((v) => Buffer.from(JSON.stringify({ resource: 'meetings', event: 'x', data: v })))),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', undefined),
        fc.constantFrom('valid', 'wrong', 'missing', 'garbage'),
        async (body, contentType, signature) => {
          const headers: Record<string, string> = {};
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (signature === 'valid') headers['x-spark-signature'] = createHmac('sha1', WEBHOOK_SECRET).update(body).digest('hex');
          if (signature === 'wrong') headers['x-spark-signature'] = createHmac('sha1', 'another-secret').update(body).digest('hex');
          if (signature === 'garbage') headers['x-spark-signature'] = 'zz';
          const res = await orgStack().app.inject({ method: 'POST', url: '/webhooks/webex', headers, payload: body });
          expect([200, 202, 400, 401, 415]).toContain(res.statusCode);
          if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
          if (signature !== 'valid' && res.statusCode < 400) throw new Error('accepted without a valid signature');
        },
      ),
      { numRuns: 150 },
    );
    await orgStack().services.idle();
  });
});

describe('POST /webhooks/webex with deeply nested data', () => {
  const orgStack = useOrgStack();

  async function postSigned(body: string): Promise<Response> {
    const signature = createHmac('sha1', WEBHOOK_SECRET).update(body).digest('hex');
    return fetch(`${orgStack().baseUrl}/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-spark-signature': signature }, body });
  }

  it('refuses a validly signed body nesting arrays 2,300 deep with 400 problem+json naming body, and stores nothing', async () => {
    const res = await postSigned(`{"resource":"meetings","event":"started","data":{"x":${'['.repeat(2300)}${']'.repeat(2300)}}}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors[0]).toMatchObject({ field: 'body' });
    expect(problem.errors[0]?.message).toMatch(/32 levels/);
    const stored = await orgStack().db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
  });

  it('still accepts a body nested to the limit, and brackets inside strings do not count', async () => {
    const res = await postSigned(`{"resource":"meetings","event":"started","data":{"s":"${'['.repeat(500)}","x":${'['.repeat(29)}${']'.repeat(29)}}}`);
    expect(res.status).toBe(202);
  });
});

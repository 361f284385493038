import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe('visit routes against bad input', () => {
  let stack: Stack;
  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    stack = await startStack(sqlite);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('never answers a 5xx to any JSON body, and every refusal is problem+json naming fields', async () => {
    const participant = fc.record(
      { displayName: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()), email: fc.oneof(fc.emailAddress(), fc.string()), role: fc.oneof(fc.constantFrom('host', 'cohost', 'guest'), fc.string()) },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          title: fc.oneof(fc.string({ maxLength: 140 }), fc.constant(null)),
          durationMinutes: fc.oneof(fc.integer({ min: -10, max: 2000 }), fc.double(), fc.string()),
          start: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
          participants: fc.oneof(fc.array(participant, { maxLength: 4 }), fc.string()),
          hostless: fc.oneof(fc.boolean(), fc.string()),
          orgId: fc.string(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await stack.g2g.app.inject({
          method: 'POST',
          url: '/api/v1/visits',
          headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(res.body) as { code: string; errors?: { field: string }[] };
          if (problem.code === 'validation_failed') expect(problem.errors?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers malformed JSON with a 400 problem, not a stack trace', async () => {
    const res = await stack.g2g.app.inject({
      method: 'POST',
      url: '/api/v1/visits',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      payload: '{"title": "x", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('shows the friendly page for mangled join links of any length', async () => {
    for (const url of ['/j/x', `/j/${'A'.repeat(43)}`, `/j/${'A'.repeat(500)}`, '/j/abc/def', '/j/%E0%A4%A']) {
      const res = await stack.g2g.app.inject({ method: 'GET', url });
      expect([400, 404, 414]).toContain(res.statusCode);
      if (res.statusCode === 404) expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
  });
});

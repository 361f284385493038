import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startStack, TEST_WEBHOOK_SECRET, type Stack } from '../support/stack.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object with a `default` inside.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;
interface Media { schema?: Json }
interface ResponseObject { description: string; content?: Record<string, Media>; headers?: Record<string, unknown> }
interface Operation { operationId?: string; security?: Json[]; responses: Record<string, ResponseObject>; requestBody?: { content: Record<string, Media> } }
interface OpenApiDocument {
  openapi: string;
  security?: Json[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/Problem';
/** Answers for people and load balancers, not API errors: each is checked for what it is instead. */
const NOT_PROBLEMS: Record<string, string> = {
  'GET /healthz 503': 'application/json',
  'GET /readyz 503': 'application/json',
  'GET /j/{code} 404': 'text/html',
  'GET /j/{code} 410': 'text/html',
  'GET /j/{code} 502': 'text/html',
  'GET /j/{code} 503': 'text/html',
};
const PUBLIC_OPERATIONS = ['GET /healthz', 'GET /readyz', 'GET /j/{code}', 'POST /webhooks/webex'];

function operations(doc: OpenApiDocument): { key: string; path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) => ({ key: `${m.toUpperCase()} ${p}`, path: p, method: m, op: item[m] as Operation })),
  );
}

describe('the OpenAPI document at /docs/json', () => {
  let stack: Stack;
  let doc: OpenApiDocument;
  let baseUrl: string;
  let validate: (ref: string, value: unknown) => string[];

  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    stack = await startStack(sqlite);
    baseUrl = `http://127.0.0.1:${stack.config.port}`;
    const res = await fetch(`${baseUrl}/docs/json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
    // OpenAPI 3.0 schemas are JSON schema plus `nullable` and `example`, which ajv knows or (strict off) skips.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'g2g-openapi', components: doc.components });
    validate = (ref, value) => {
      const check = ajv.compile({ $ref: `g2g-openapi${ref}` });
      return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);
    };
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations(doc).map(({ key, op }) => op.operationId ?? `(none on ${key})`);
    expect(ids.filter((id) => id.startsWith('(none'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['createVisit', 'getVisit', 'listVisits', 'openJoinLink', 'receiveWebexWebhook', 'getHealth']));
  });

  it('answers every 4xx and 5xx as application/problem+json with the shared Problem schema (join pages and health aside)', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const types = Object.keys(response.content ?? {});
        const exempt = NOT_PROBLEMS[`${key} ${status}`];
        if (exempt !== undefined) {
          if (types.join() !== exempt) wrong.push(`${key} ${status}: ${types.join()} (expected ${exempt})`);
          continue;
        }
        const ref = response.content?.['application/problem+json']?.schema?.['$ref'];
        if (types.join() !== 'application/problem+json' || ref !== PROBLEM_REF) wrong.push(`${key} ${status}: ${types.join()} ${String(ref)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(doc.components.schemas['Problem']).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']) });
  });

  it('declares a 2xx and a 4xx on every operation but the three that have none, and 500 on all', () => {
    const missing: string[] = [];
    for (const { key, op } of operations(doc)) {
      const statuses = Object.keys(op.responses).map(Number);
      if (key !== 'GET /j/{code}' && !statuses.some((s) => s >= 200 && s < 300)) missing.push(`${key}: no 2xx`);
      if (key !== 'GET /healthz' && key !== 'GET /readyz' && !statuses.some((s) => s >= 400 && s < 500)) missing.push(`${key}: no 4xx`);
      if (!statuses.includes(500)) missing.push(`${key}: no 500`);
      // The per-key rate limit covers every tenant API route.
      if (key.includes(' /api/v1/') && !key.includes('/admin/') && !statuses.includes(429)) missing.push(`${key}: no 429`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths['/j/{code}']?.['get']?.responses ?? {}).sort()).toEqual(['302', '404', '410', '500', '502', '503']);
  });

  it('declares the API key (tenant routes) and the operator token (admin routes) as bearer schemes, and no security on the public ones', () => {
    expect(doc.components.securitySchemes['apiKey']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes['operatorToken']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { key, op } of operations(doc)) {
      if (PUBLIC_OPERATIONS.includes(key)) expect(op.security, key).toEqual([]);
      else if (key.includes(' /api/v1/admin/')) expect(op.security, key).toEqual([{ operatorToken: [] }]);
      else expect(op.security, key).toEqual([{ apiKey: [] }]);
    }
    expect(operations(doc).filter(({ key }) => PUBLIC_OPERATIONS.includes(key))).toHaveLength(4);
  });

  it('names its schemas as components and lists none that no operation uses', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(expect.arrayContaining(['Visit', 'Participant', 'VisitPage', 'Problem', 'Org', 'Capacity', 'NewVisitInput']));
    const text = JSON.stringify(doc.paths);
    const reachable = new Set<string>();
    const walk = (s: string) => {
      for (const [, name] of s.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
        if (name !== undefined && !reachable.has(name)) {
          reachable.add(name);
          walk(JSON.stringify(doc.components.schemas[name]));
        }
      }
    };
    walk(text);
    expect(names.filter((n) => !reachable.has(n))).toEqual([]);
  });

  it('has request examples that match their schemas', () => {
    for (const name of ['NewVisitInput', 'VisitChangesInput', 'NewParticipantInput', 'LicensedCapacityInput', 'Problem']) {
      const schema = doc.components.schemas[name];
      expect(schema?.['example'], name).toBeDefined();
      expect(validate(`#/components/schemas/${name}`, schema?.['example']), name).toEqual([]);
    }
  });

  it('passes redocly lint with 0 errors and 0 warnings (redocly.yaml)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'g2g-openapi-lint-'));
    try {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const bin = path.resolve('node_modules/.bin/redocly');
      const { stdout, stderr } = await promisify(execFile)(bin, ['lint', file, '--format=json', '--config', path.resolve('redocly.yaml')], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`), stderr).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  describe('the answers the running service gives are the ones it declares', () => {
    const checkAnswer = async (method: string, template: string, res: Response): Promise<void> => {
      const op = doc.paths[template]?.[method.toLowerCase()];
      expect(op, `${method} ${template}`).toBeDefined();
      const declared = op?.responses[String(res.status)];
      expect(declared, `${method} ${template} answered ${res.status}, declared ${Object.keys(op?.responses ?? {}).join(', ')}`).toBeDefined();
      const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const media = declared?.content;
      if (media === undefined) {
        expect(await res.text()).toBe('');
        return;
      }
      expect(Object.keys(media), `${method} ${template} ${res.status}`).toContain(type);
      const ref = media[type]?.schema?.['$ref'];
      if (typeof ref === 'string') expect(validate(ref, await res.json()), `${method} ${template} ${res.status}`).toEqual([]);
      for (const header of Object.keys(declared?.headers ?? {})) expect(res.headers.get(header), `${header} on ${res.status}`).not.toBeNull();
    };
    const call = (method: string, url: string, init: { body?: string; headers?: Record<string, string>; key?: string | null } = {}) =>
      fetch(`${baseUrl}${url}`, {
        method,
        redirect: 'manual',
        headers: { ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? stack.apiKey}` }), ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
    const json = { 'content-type': 'application/json' };
    const guests = { title: 'Checked answers', participants: [{ displayName: 'Ada' }, { displayName: 'Sam', email: 'sam@example.com' }] };

    it('schedules (201 with Location, then 200 for the same Idempotency-Key), reads, lists, and refuses with problem+json', async () => {
      const headers = { ...json, 'idempotency-key': 'openapi-doc-1' };
      const created = await call('POST', '/api/v1/visits', { body: JSON.stringify(guests), headers });
      expect(created.status).toBe(201);
      const visit = (await created.clone().json()) as { id: string; participants: { id: string; joinUrl: string }[] };
      await checkAnswer('POST', '/api/v1/visits', created);
      const again = await call('POST', '/api/v1/visits', { body: JSON.stringify(guests), headers });
      expect(again.status).toBe(200);
      await checkAnswer('POST', '/api/v1/visits', again);
      await checkAnswer('GET', '/api/v1/visits/{id}', await call('GET', `/api/v1/visits/${visit.id}`));
      await checkAnswer('GET', '/api/v1/visits', await call('GET', '/api/v1/visits?limit=5'));

      const refusals: [string, string, Response, number][] = [
        ['POST', '/api/v1/visits', await call('POST', '/api/v1/visits', { body: 'title=x', headers: { 'content-type': 'text/plain' } }), 415],
        ['POST', '/api/v1/visits', await call('POST', '/api/v1/visits', { body: JSON.stringify({ ...guests, title: 'x'.repeat(1_100_000) }), headers: json }), 413],
        ['POST', '/api/v1/visits', await call('POST', '/api/v1/visits', { body: JSON.stringify({ title: 'No seats', participants: [] }), headers: json }), 400],
        ['GET', '/api/v1/visits', await call('GET', '/api/v1/visits', { key: null }), 401],
        ['GET', '/api/v1/visits/{id}', await call('GET', '/api/v1/visits/no-such-visit'), 404],
        ['GET', '/api/v1/visits', await call('GET', '/api/v1/visits?colour=red'), 400],
      ];
      for (const [method, template, res, status] of refusals) {
        expect(res.status, `${method} ${template}`).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        await checkAnswer(method, template, res);
      }
    });

    it('answers 429 with Retry-After (problem+json) when Webex rate-limits the org', async () => {
      await stack.control.addFault({ method: 'POST', path: '/v1/meetings', status: 429, retryAfterSeconds: 120, count: 1 });
      try {
        const res = await call('POST', '/api/v1/visits', { body: JSON.stringify({ ...guests, title: 'Rate limited' }), headers: json });
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('120');
        expect(((await res.clone().json()) as { code: string }).code).toBe('webex_unavailable');
        await checkAnswer('POST', '/api/v1/visits', res);
      } finally {
        await stack.control.clearFaults();
      }
      // Nothing was scheduled: the listing has no such visit.
      const page = (await (await call('GET', '/api/v1/visits?limit=200')).json()) as { items: { title: string }[] };
      expect(page.items.map((v) => v.title)).not.toContain('Rate limited');
    });

    it('opens join links with 302, and answers 404 and 410 pages as declared', async () => {
      const created = (await (await call('POST', '/api/v1/visits', { body: JSON.stringify({ ...guests, title: 'Join check' }), headers: json })).json()) as {
        id: string;
        participants: { id: string; joinUrl: string }[];
      };
      const [first, second] = created.participants;
      if (first === undefined || second === undefined) throw new Error('two seats expected');
      const opened = await call('GET', new URL(first.joinUrl).pathname, { key: null });
      expect(opened.status).toBe(302);
      expect(opened.headers.get('location')).toMatch(/^https?:\/\//);
      await checkAnswer('GET', '/j/{code}', opened);
      await checkAnswer('GET', '/j/{code}', await call('GET', '/j/not-a-real-code', { key: null }));
      expect((await call('DELETE', `/api/v1/visits/${created.id}/participants/${second.id}/link`)).status).toBe(200);
      const revoked = await call('GET', new URL(second.joinUrl).pathname, { key: null });
      expect(revoked.status).toBe(410);
      await checkAnswer('GET', '/j/{code}', revoked);
    });

    it('receives webhooks as declared: 401 unsigned, 415 not JSON, 202 then 200 for a signed delivery', async () => {
      const body = JSON.stringify({ id: 'wh-openapi-1', resource: 'meetings', event: 'started', data: { id: 'no-such-meeting' } });
      const signature = createHmac('sha1', TEST_WEBHOOK_SECRET).update(body).digest('hex');
      const answers: [Response, number][] = [
        [await call('POST', '/webhooks/webex', { body, headers: json, key: null }), 401],
        [await call('POST', '/webhooks/webex', { body, headers: { 'content-type': 'text/plain', 'x-spark-signature': signature }, key: null }), 415],
        [await call('POST', '/webhooks/webex', { body, headers: { ...json, 'x-spark-signature': signature }, key: null }), 202],
        [await call('POST', '/webhooks/webex', { body, headers: { ...json, 'x-spark-signature': signature }, key: null }), 200],
      ];
      for (const [res, status] of answers) {
        expect(res.status).toBe(status);
        await checkAnswer('POST', '/webhooks/webex', res);
      }
      await stack.settle();
    });

    it('answers /healthz as declared', async () => {
      await checkAnswer('GET', '/healthz', await call('GET', '/healthz', { key: null }));
    });

    it('answers /readyz as declared', async () => {
      await checkAnswer('GET', '/readyz', await call('GET', '/readyz', { key: null }));
    });
  });
});

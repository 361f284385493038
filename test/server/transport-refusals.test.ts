import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

/** One raw HTTP/1.1 exchange, so nothing between the test and g2g trims the request or the answer. */
async function rawRequest(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('refusals before routing answer problem+json', () => {
  let stack: Stack;
  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (sqlite === undefined) throw new Error('no test database');
    stack = await startStack(sqlite, { authorize: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a path parameter over 100 characters is a 414 problem that does not echo the path', async () => {
    const id = `v${'a'.repeat(150)}SECRETPART`;
    const res = await fetch(`http://127.0.0.1:${stack.config.port}/api/v1/visits/${id}`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('SECRETPART');
    expect(JSON.parse(text)).toMatchObject({ status: 414, code: 'validation_failed', errors: [{ field: 'path' }] });
  });

  it('a join code over 100 characters gets the join page, without the code in it', async () => {
    const res = await fetch(`http://127.0.0.1:${stack.config.port}/j/${'c'.repeat(120)}SECRETCODE`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).not.toContain('SECRETCODE');
  });

  it('headers over 16 KB are a 431 problem', async () => {
    const res = await rawRequest(stack.config.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'validation_failed', errors: [{ field: 'headers' }] });
  });

  it('a request line that is not HTTP is a 400 problem', async () => {
    const res = await rawRequest(stack.config.port, `GARBAGE\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

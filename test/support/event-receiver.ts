import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventsConfig } from '../../src/config.js';
import type { OutboundEventBody } from '../../src/index.js';
import { Secret } from '../../src/secret.js';

export const SIGNING = 'evsec-first-0123456789';
export const OLD = 'evsec-older-0123456789';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: OutboundEventBody;
  status: number;
}

/** A real HTTP receiver on port 0: records every POST and answers what `answer` says (200 by default). */
export async function startReceiver(): Promise<{ url: string; received: Received[]; answer: (body: OutboundEventBody) => number; setAnswer(f: (b: OutboundEventBody) => number): void; close(): Promise<void> }> {
  const received: Received[] = [];
  let answer = (_b: OutboundEventBody) => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as OutboundEventBody;
      const status = answer(body);
      received.push({ headers: req.headers, raw, body, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/g2g-events`,
    received,
    get answer() {
      return answer;
    },
    setAnswer(f) {
      answer = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const eventsConfig = (url: string): EventsConfig => ({
  url,
  secrets: [new Secret(SIGNING), new Secret(OLD)],
  retryBaseMs: 10,
  maxRetryDelayMs: 40,
  maxAttempts: 3,
  pollIntervalMs: 15,
  timeoutMs: 2000,
});

export const twoGuests = (title: string) => ({ title, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] });

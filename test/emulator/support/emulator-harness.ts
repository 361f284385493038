import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../../src/emulator/index.js';
import { findWebexOperation, validateWebexResponse } from '../../support/openapi.js';

/** The emulator in-process on port 0, with webhook retries fast enough for tests (no timed assertions). */
export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [5, 5], webhookTimeoutMs: 2000, ...options });
}

export interface Call {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** fetch with JSON in and out; never throws on a status. */
export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  checkAgainstSpec(init.method ?? (init.body === undefined ? 'GET' : 'POST'), url, response, text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/**
 * Every /v1 response any emulator test receives is validated against the OpenAPI subset (status declared,
 * content type, body schema, Webex error body), not only in the fidelity test. Redirects (302 from
 * /meetings/join) and operations outside the spec (/access_token, unknown paths) are left to the tests.
 */
function checkAgainstSpec(method: string, url: string, response: Response, text: string): void {
  const { pathname } = new URL(url);
  const v1 = pathname.indexOf('/v1/');
  if (v1 < 0 || response.status === 302) return;
  const path = pathname.slice(v1 + 3);
  if (!findWebexOperation(method, path)) return;
  const result = validateWebexResponse({ method, path, status: response.status, body: text, contentType: response.headers.get('content-type') ?? undefined });
  // Erratum: the Webhook schema's enums omit `all`, which the webhooks guide (S2) allows and Webex echoes back.
  const errors = result.errors.filter((e) => !(/^body(\/items\/\d+)?\/(event|resource): must be one of/.test(e) && text.includes('"all"')));
  if (errors.length > 0) throw new Error(`${method} ${path} answered ${response.status} off-spec: ${errors.join('; ')}`);
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { resource: string; event: string; data: Record<string, unknown>; [key: string]: unknown };
}

/** A real HTTP server receiving webhook deliveries; answers `status()` (200 by default). */
export async function startWebhookReceiver(status: () => number = () => 200): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as ReceivedWebhook['body'] });
      res.statusCode = status();
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until every webhook delivery is done (the control plane's flush), so assertions need no sleeps. */
export async function flushDeliveries(emu: RunningEmulator): Promise<void> {
  const r = await call(`${emu.controlUrl}/deliveries/flush`, { method: 'POST', body: {} });
  if ((r.body as { pending: number }).pending !== 0) throw new Error('webhook deliveries did not settle');
}

/** An ISO time `minutes` from the emulator's now. Meetings made by `createMeeting` start in 10 minutes and last 30. */
export async function emulatorTime(emu: RunningEmulator, minutes: number): Promise<string> {
  const r = await call(`${emu.controlUrl}/clock`);
  return new Date((r.body as { nowMs: number }).nowMs + minutes * 60_000).toISOString();
}

export async function createMeeting(emu: RunningEmulator, extra: Record<string, unknown> = {}, token = emu.seed.serviceApp.accessToken): Promise<Record<string, unknown>> {
  const r = await call(`${emu.baseUrl}/meetings`, {
    token,
    body: { title: 'Consultation', start: await emulatorTime(emu, 10), end: await emulatorTime(emu, 40), ...extra },
  });
  if (r.status !== 200) throw new Error(`create meeting answered ${r.status}: ${r.text}`);
  return r.body as Record<string, unknown>;
}

export async function joinLinks(emu: RunningEmulator, meetingId: string, extra: Record<string, unknown> = {}): Promise<{ joinLink: string; startLink: string; expiration: string }> {
  const r = await call(`${emu.baseUrl}/meetings/join`, {
    token: emu.seed.serviceApp.accessToken,
    body: { meetingId, joinDirectly: false, email: 'guest@example.com', displayName: 'Guest', ...extra },
  });
  if (r.status !== 200) throw new Error(`join answered ${r.status}: ${r.text}`);
  return r.body as { joinLink: string; startLink: string; expiration: string };
}

export async function openLink(emu: RunningEmulator, url: string, displayName?: string): Promise<Call> {
  return call(`${emu.controlUrl}/links/open`, { body: { url, ...(displayName ? { displayName } : {}) } });
}

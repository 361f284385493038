import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, webexConfigFromSeed } from '../config.js';
import { startEmulator } from '../emulator/index.js';
import { createG2G, type G2G } from '../g2g.js';
import { createLogger } from '../logger.js';
import { Secret } from '../secret.js';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';

interface Step {
  step: string;
  result: string;
  ms: number;
}

/** `g2g demo`: the whole seed flow on the embedded emulator, narrated, in a throw-away data directory. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Run the whole flow on the embedded emulator (authorize, tokens, visit, two guests join, meeting runs and ends, events delivered) and print a summary')
    .action(
      action(io, async ({ io: cio, out }) => {
        const steps = await runDemo(cio.env, out);
        out.result({ ok: true, steps }, () => {
          out.line();
          out.table(steps.map((s) => ({ ...s, ms: String(s.ms) })), ['step', 'result', 'ms']);
        });
      }),
    );
}

function port(env: CliIo['env'], name: 'G2G_PORT' | 'G2G_EMULATOR_PORT'): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw usageError(`${name} must be a port number (0-65535)`);
  return n === 0 ? undefined : n;
}

/** A port nobody listens on right now (the emulator must know g2g's address before g2g listens). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return p;
}

/** Receives g2g's outbound events for the demo (the "company app"). */
async function startReceiver(): Promise<{ url: string; types: string[]; close(): Promise<void> }> {
  const types: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        types.push(String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: unknown }).type));
      } catch {
        // not an event: ignore
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${p}/events`, types, close: () => new Promise((r) => server.close(() => r())) };
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new CliError(`demo: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runDemo(env: CliIo['env'], out: Output): Promise<Step[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-demo-'));
  const receiver = await startReceiver();
  const emulator = await startEmulator({ port: port(env, 'G2G_EMULATOR_PORT') ?? 0, host: '127.0.0.1', pagesTls: false, pagesPort: 0, logLevel: 'silent' });
  let g2g: G2G | undefined;
  const steps: Step[] = [];
  let t = Date.now();
  const done = (step: string, result: string) => {
    const now = Date.now();
    steps.push({ step, result, ms: now - t });
    out.progress(`${out.green('✓')} ${step}: ${result}`);
    t = now;
  };
  try {
    const seed = emulator.seed;
    const g2gPort = port(env, 'G2G_PORT') ?? (await freePort());
    const config = loadConfig({
      env: {},
      overrides: {
        port: g2gPort,
        host: '127.0.0.1',
        dataDir,
        databaseUrl: `sqlite:${path.join(dataDir, 'g2g.sqlite')}`,
        logLevel: 'silent',
        webex: webexConfigFromSeed(seed),
        encryptionKeys: [{ id: 'demo', key: new Secret(randomBytes(32).toString('base64')) }],
        webhookSecrets: [new Secret(randomBytes(24).toString('base64url'))],
        events: { url: receiver.url, secrets: [new Secret(randomBytes(24).toString('base64url'))], retryBaseMs: 100, maxRetryDelayMs: 1000, maxAttempts: 5, pollIntervalMs: 100, timeoutMs: 5000 },
      },
    });
    g2g = await createG2G(config, { log: createLogger({ level: 'silent' }) });
    const { url } = await g2g.start();
    out.progress(`g2g on ${url}, Webex emulator on ${seed.baseUrl}`);
    const app = g2g;

    const authorize = await fetch(`${seed.controlUrl}/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: seed.orgId, siteUrl: seed.siteUrl }),
    });
    if (!authorize.ok) throw new CliError(`demo: the emulator refused to authorize the sandbox org (HTTP ${authorize.status})`);
    const org = await until('the org to be ready', async () => {
      const o = await app.orgs.get(seed.orgId);
      return o?.status === 'ready' ? o : undefined;
    });
    done('authorize', `org ready on ${org.siteUrl ?? '?'} (serviceApp:authorized webhook)`);
    done('tokens', `org tokens stored encrypted; access token until ${org.accessTokenExpiresAt ?? '?'}`);

    const { apiKey } = await app.tenants.createKey({ tenantName: 'demo', orgIds: [seed.orgId] });
    const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}/api/v1${p}`, { method, headers: { authorization: `Bearer ${apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (!res.ok) throw new CliError(`demo: ${method} /api/v1${p} answered ${res.status}`);
      return (await res.json()) as T;
    };
    type DemoVisit = { id: string; status: string; meeting: { id: string | null }; participants: { id: string; displayName: string; joinUrl: string | null; joinedAt: string | null }[] };
    const visit = await api<DemoVisit>('POST', '/visits', { title: 'Demo consultation', hostless: true, durationMinutes: 30, participants: [{ displayName: 'Pat Guest' }, { displayName: 'Sam Expert' }] });
    done('visit', `scheduled ${visit.id} (Webex meeting ${visit.meeting.id ?? '?'}, ${visit.participants.length} join links)`);

    for (const seat of visit.participants) {
      const click = await fetch(seat.joinUrl ?? '', { redirect: 'manual' });
      const location = click.headers.get('location');
      if (click.status !== 302 || location === null) throw new CliError(`demo: ${seat.displayName}'s join link answered ${click.status}`);
      const joined = await fetch(`${seed.controlUrl}/links/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: location, displayName: seat.displayName }) });
      if (!joined.ok) throw new CliError(`demo: the emulator did not let ${seat.displayName} join (HTTP ${joined.status})`);
    }
    const running = await until('both guests in the meeting', async () => {
      const v = await api<DemoVisit>('GET', `/visits/${visit.id}`);
      return v.status === 'in_progress' && v.participants.every((p) => p.joinedAt !== null) ? v : undefined;
    });
    done('both guests join', running.participants.map((p) => p.displayName).join(' and ') + ' joined through their g2g links');
    done('meeting in progress', `visit ${running.status}, capacity ${(await api<{ inProgress: number; licensed: number | null }>('GET', `/orgs/${encodeURIComponent(seed.orgId)}/capacity`)).inProgress} in progress`);

    const end = await fetch(`${seed.controlUrl}/meetings/${encodeURIComponent(visit.meeting.id ?? '')}/end`, { method: 'POST' });
    if (!end.ok) throw new CliError(`demo: the emulator did not end the meeting (HTTP ${end.status})`);
    await until('the visit to end', async () => ((await api<DemoVisit>('GET', `/visits/${visit.id}`)).status === 'ended' ? true : undefined));
    done('ended', 'meetings:ended webhook received, visit ended');

    const wanted = ['visit.scheduled', 'visit.started', 'visit.ended'];
    await until('events delivered', async () => (wanted.every((w) => receiver.types.includes(w)) ? true : undefined));
    done('events delivered', `${receiver.types.length} signed events to the app: ${[...new Set(receiver.types)].join(', ')}`);
    return steps;
  } finally {
    await g2g?.stop().catch(() => undefined);
    await emulator.close().catch(() => undefined);
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

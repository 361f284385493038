/**
 * Question: when a g2g instance is killed with SIGKILL in the middle of a load and started again, is every visit it
 * acknowledged (201) intact, and is every event of an acknowledged change delivered? The instance runs in a child
 * process (bench/chaos/g2g-instance.ts) on a SQLite file (or BENCH_DATABASE_URL), against the emulator and a real
 * receiver for outbound events in this process. BENCH_VISITS (default 300) visits at concurrency 8; the child is
 * killed once a third are acknowledged, started again, and the load goes on.
 * Prints { bench, node, visits, acknowledged, failedWhileDown, intact, missingVisits, missingEvents, restartMs }.
 * Target: missingVisits 0 and missingEvents 0. Run: `npx tsx bench/chaos/kill-restart.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { startEmulator } from '../../src/emulator/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import { freePort } from '../../test/support/free-port.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 300);
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-kill-'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'g2g.sqlite')}`;

const scheduledEvents = new Set<string>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { visitId?: string } };
    if (body.type === 'visit.scheduled' && body.data.visitId !== undefined) scheduledEvents.add(body.data.visitId);
    res.writeHead(200).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [50, 200, 1000] });
const seed = emulator.seed;
const port = await freePort();
const setup = {
  port,
  dataDir,
  databaseUrl,
  key: randomBytes(32).toString('base64'),
  webhookSecret: 'chaos-webhook-secret-0123456789',
  webex: { baseUrl: seed.baseUrl, applicationId: seed.serviceApp.applicationId, clientId: seed.serviceApp.clientId, clientSecret: seed.serviceApp.clientSecret, tokenManagerToken: seed.tokenManager.accessToken },
  eventsUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`,
  eventsSecret: 'chaos-events-secret-0123456789',
  orgId: seed.orgId,
};

function startInstance(): Promise<{ child: ChildProcess; apiKey: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'g2g-instance.ts')], { env: { ...process.env, G2G_CHAOS: JSON.stringify(setup) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /ready (\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve({ child, apiKey: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`instance exited with ${String(code)} before it was ready`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let instance = await startInstance();
await fetch(`${seed.controlUrl}/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orgId: seed.orgId }) });
await sleep(1500);

const acknowledged = new Map<number, string>();
let failedWhileDown = 0;
let killed = false;
let restartMs = 0;
const attempt = async (i: number): Promise<void> => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/visits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${instance.apiKey}`, 'content-type': 'application/json', 'idempotency-key': `kill-${i}` },
      body: JSON.stringify({ title: `Kill ${i}`, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
    });
    const json = (await res.json()) as { id?: string };
    if ((res.status === 201 || res.status === 200) && json.id !== undefined) acknowledged.set(i, json.id);
  } catch {
    failedWhileDown += 1; // the connection died with the instance
  }
  if (!killed && acknowledged.size >= VISITS / 3) {
    killed = true;
    instance.child.kill('SIGKILL');
    const t0 = Date.now();
    instance = await startInstance();
    restartMs = Date.now() - t0;
  }
};
const limit = pLimit(8);
await Promise.all(Array.from({ length: VISITS }, (_, i) => limit(() => attempt(i))));
await Promise.all(Array.from({ length: VISITS }, (_, i) => limit(() => (acknowledged.has(i) ? Promise.resolve() : attempt(i)))));

// Every acknowledged visit: in the database with its seats and links, and its meeting in Webex.
const db = await openDatabase(databaseUrl, { migrate: false });
let intact = 0;
const missingVisits: string[] = [];
const meetings = new Set((emulator as unknown as { ctx?: unknown }) && [...(((await (await fetch(`${seed.controlUrl}/state`)).json()) as { meetings: { integrationTags: string[] }[] }).meetings.flatMap((m) => m.integrationTags))]);
for (const visitId of acknowledged.values()) {
  const visit = await db.selectFrom('visits').select(['status']).where('id', '=', visitId).executeTakeFirst();
  const seats = await db.selectFrom('visit_participants').select('id').where('visit_id', '=', visitId).execute();
  const links = await db.selectFrom('visit_links').select('code_hash').where('visit_id', '=', visitId).execute();
  if (visit?.status === 'scheduled' && seats.length === 2 && links.length === 2 && meetings.has(visitId)) intact += 1;
  else missingVisits.push(visitId);
}
await db.destroy();
// Every event of an acknowledged change reaches the receiver (the restarted instance delivers what the killed one stored).
for (let i = 0; i < 100 && [...acknowledged.values()].some((v) => !scheduledEvents.has(v)); i += 1) await sleep(100);
const missingEvents = [...acknowledged.values()].filter((v) => !scheduledEvents.has(v)).length;

instance.child.kill('SIGTERM');
await sleep(300);
await emulator.close();
receiver.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ bench: 'chaos/kill-restart', node: process.version, visits: VISITS, acknowledged: acknowledged.size, failedWhileDown, intact, missingVisits: missingVisits.length, missingEvents, restartMs })}\n`);

/**
 * Question: how many visits per second and webhooks per second does g2g take, next to what it stands on?
 * Three processes: the emulator (bench/throughput/emulator-process.ts), this one (g2g on a real socket, SQLite
 * file unless BENCH_DATABASE_URL, plus a bare HMAC endpoint), and the load generator
 * (bench/throughput/load-process.ts), so the load generator's and Webex's CPU are not charged to g2g.
 *   - visits: "webex create meeting (direct)" (POST /v1/meetings with the Service App token) against
 *     "g2g POST /api/v1/visits" (hostless, two guests). Target: g2g / direct >= 0.8.
 *   - webhooks: "bare HMAC endpoint" (node:http: read the body, check X-Spark-Signature, answer 202) against
 *     "g2g POST /webhooks/webex" (verify, store, answer 202, then work it in the background). Target: >= 0.5.
 * BENCH_LATENCY_MS (default 100) is added to every emulator /v1 call, as Webex's own latency.
 * Then the same calls one at a time: CPU ms of this process per call (`cpuMsPerOp`; the calling fetch is in it, so
 * compare g2g with its baseline) and, on SQLite, statements and commits per call.
 * Prints one JSON document: { bench, node, latencyMs, concurrency, visits, webhooks, visitsRatio, webhookRatio,
 * cpuMsPerOp, sqlPerVisit, sqlPerWebhook, sqlPerWebhookInBurst } (the last: statements and commits per g2g delivery
 * during the concurrent webhook load, background work included).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig, webexConfigFromSeed } from '../src/config.js';
import type { Seed } from '../src/emulator/index.js';
import { createG2G } from '../src/g2g.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { openDatabase } from '../src/store/open-database.js';
import { freePort } from '../test/support/free-port.js';
import { emulatorControl, sleep } from './support/bench-utils.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WEBHOOK_REQUESTS = Number(process.env.BENCH_WEBHOOK_REQUESTS ?? 1000);
const WEBHOOK_SECRET = 'bench-webhook-secret';
/** Calls made one at a time for the CPU and SQL counts. */
const OPS = Number(process.env.BENCH_COUNTED_OPS ?? 30);

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-bench-throughput-'));
const emulatorChild = spawnTsx('throughput/emulator-process.ts', []);
const seed = JSON.parse(await firstLine(emulatorChild)) as Seed;
const control = emulatorControl(seed.controlUrl);

const port = await freePort();
const config = loadConfig({
  env: {},
  overrides: {
    port,
    host: '127.0.0.1',
    dataDir,
    ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
    logLevel: 'silent',
    // The bench sends far more than an API key's per-minute budget: the limit would measure 429s, not visits.
    rateLimitPerMinute: 0,
    encryptionKeys: [{ id: 'bench', key: new Secret(randomBytes(32).toString('base64')) }],
    webhookSecrets: [new Secret(WEBHOOK_SECRET)],
    webex: webexConfigFromSeed(seed),
  },
});
// On SQLite, statements and commits are counted (docs/performance.md §3): every text the driver runs is seen here.
const sqlCount = { statements: 0, commits: 0, inTransaction: false, texts: new Map<string, number>() };
const countedDb = process.env.BENCH_DATABASE_URL
  ? undefined
  : await openDatabase(`sqlite:${path.join(dataDir, 'g2g.sqlite')}`, { onSqliteStatement: countStatement });
const g2g = await createG2G(config, { log: createLogger({ level: 'silent' }), sweepIntervalMs: 0, ...(countedDb ? { db: countedDb } : {}) });
const bare = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const expected = createHmac('sha1', WEBHOOK_SECRET).update(Buffer.concat(parts)).digest();
    const given = Buffer.from(String(req.headers['x-spark-signature'] ?? ''), 'hex');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    res.writeHead(ok ? 202 : 401, { 'content-type': 'application/json' }).end(ok ? '{"status":"accepted"}' : '{}');
  });
});

try {
  await g2g.start();
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareAddress = bare.address();
  const bareUrl = typeof bareAddress === 'object' && bareAddress !== null ? `http://127.0.0.1:${bareAddress.port}/` : '';
  await control('POST', `/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, { orgId: seed.orgId });
  for (let i = 0; i < 500 && (await g2g.orgs.get(seed.orgId))?.status !== 'ready'; i += 1) await sleep(10);
  if ((await g2g.orgs.get(seed.orgId))?.status !== 'ready') throw new Error('org did not become ready');
  const { apiKey } = await g2g.tenants.createKey({ tenantName: 'bench', orgIds: [seed.orgId] });
  if (LATENCY_MS > 0) await control('POST', '/faults', { path: '/v1/*', latencyMs: LATENCY_MS });

  const json = { 'content-type': 'application/json' };
  const visits = await load({
    requests: REQUESTS,
    warmup: 20,
    variants: [
      {
        name: 'webex create meeting (direct)',
        method: 'POST',
        url: `${seed.baseUrl}/meetings`,
        headers: { ...json, authorization: `Bearer ${seed.serviceApp.accessToken}` },
        body: JSON.stringify({
          title: 'Bench',
          start: '{start}',
          end: '{end}',
          siteUrl: seed.siteUrl,
          enabledJoinBeforeHost: true,
          joinBeforeHostMinutes: 5,
          unlockedMeetingJoinSecurity: 'allowJoin',
          sendEmail: false,
          integrationTags: ['bench-{n}'],
        }),
        expect: 200,
      },
      {
        name: 'g2g POST /api/v1/visits',
        method: 'POST',
        url: `${config.publicUrl}/api/v1/visits`,
        headers: { ...json, authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ title: 'Bench', start: '{start}', durationMinutes: 30, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
        expect: 201,
      },
    ],
  });
  // An event about a meeting g2g does not know (each one new, so none is a duplicate): verify, store, answer, look up.
  const webhookBody = JSON.stringify({ id: 'hook-1', name: 'g2g', resource: 'meetings', event: 'started', orgId: seed.orgId, data: { id: 'bench-meeting-{n}', state: 'inProgress' } });
  // The burst also has its SQL counted: under load an org's deliveries queue behind each other (held, claimed, woken).
  await sleep(1000);
  resetSqlCount();
  const webhooks = await load({
    requests: WEBHOOK_REQUESTS,
    warmup: 200,
    variants: [
      { name: 'bare HMAC endpoint', method: 'POST', url: bareUrl, headers: json, body: webhookBody, hmacSecret: WEBHOOK_SECRET, expect: 202 },
      { name: 'g2g POST /webhooks/webex', method: 'POST', url: `${config.publicUrl}/webhooks/webex`, headers: json, body: webhookBody, hmacSecret: WEBHOOK_SECRET, expect: 202 },
    ],
  });
  await sleep(1500); // the burst's background work
  const burstDeliveries = 200 + ROUNDS * WEBHOOK_REQUESTS;
  const sqlPerWebhookInBurst = countedDb === undefined ? null : { statements: Math.round((sqlCount.statements / burstDeliveries) * 100) / 100, commits: Math.round((sqlCount.commits / burstDeliveries) * 100) / 100 };
  // One at a time, with CPU time of this process (g2g, the bare endpoint and the calling fetch) and SQL counted.
  const countedStart = () => new Date(Date.now() + 7200_000 + Math.random() * 3600_000);
  const directOnce = await measureOps(OPS, async () => {
    const start = countedStart();
    const res = await fetch(`${seed.baseUrl}/meetings`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${seed.serviceApp.accessToken}` },
      body: JSON.stringify({ title: 'Count', start: start.toISOString(), end: new Date(start.getTime() + 1800_000).toISOString(), siteUrl: seed.siteUrl, sendEmail: false }),
    });
    if (res.status !== 200) throw new Error(`counted direct create answered ${res.status}`);
    await res.arrayBuffer();
  });
  const perVisit = await measureOps(OPS, async () => {
    const res = await fetch(`${config.publicUrl}/api/v1/visits`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ title: 'Count', start: countedStart().toISOString(), durationMinutes: 30, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
    });
    if (res.status !== 201) throw new Error(`counted visit answered ${res.status}`);
    await res.arrayBuffer();
  });
  const signedPost = async (url: string) => {
    const body = webhookBody.replace('{n}', `count-${randomBytes(6).toString('hex')}`);
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...json, 'x-spark-signature': createHmac('sha1', WEBHOOK_SECRET).update(body).digest('hex') },
      body,
    });
    if (res.status !== 202) throw new Error(`counted webhook answered ${res.status}`);
    await res.arrayBuffer();
  };
  const bareOnce = await measureOps(OPS, () => signedPost(bareUrl));
  const perWebhook = await measureOps(OPS, () => signedPost(`${config.publicUrl}/webhooks/webex`));
  const ratio = (r: { variants: { rps: number }[] }) => Math.round(((r.variants[1]?.rps ?? Number.NaN) / (r.variants[0]?.rps ?? Number.NaN)) * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'throughput',
      node: process.version,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      visits,
      webhooks,
      visitsRatio: ratio(visits),
      webhookRatio: ratio(webhooks),
      cpuMsPerOp: { directCreate: directOnce.cpuMs, g2gVisit: perVisit.cpuMs, bareWebhook: bareOnce.cpuMs, g2gWebhook: perWebhook.cpuMs },
      sqlPerVisit: perVisit.sql,
      sqlPerWebhook: perWebhook.sql,
      sqlPerWebhookInBurst,
    }),
  );
} finally {
  await g2g.stop();
  await countedDb?.destroy();
  await new Promise((resolve) => bare.close(resolve));
  for (const child of children) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

function resetSqlCount(): void {
  sqlCount.statements = 0;
  sqlCount.commits = 0;
  sqlCount.texts.clear();
}

function countStatement(text: string): void {
  const sql = text.trim().toLowerCase();
  if (sql.startsWith('begin')) {
    sqlCount.inTransaction = true;
    return;
  }
  if (sql === 'commit' || sql === 'rollback') {
    sqlCount.inTransaction = false;
    if (sql === 'commit') sqlCount.commits += 1;
    return;
  }
  sqlCount.statements += 1;
  if (!sqlCount.inTransaction && !sql.startsWith('select')) sqlCount.commits += 1; // autocommit write
  const shape = sql.slice(0, 60);
  sqlCount.texts.set(shape, (sqlCount.texts.get(shape) ?? 0) + 1);
}

/**
 * One call of `run` at a time, `times` over: the CPU time this process spent per call (its webhook echoes and
 * background work included) and, on SQLite, the statements and commits per call.
 */
async function measureOps(times: number, run: () => Promise<void>): Promise<{ cpuMs: number; sql: { statements: number; commits: number; texts: Record<string, number> } | null }> {
  await sleep(1000); // let earlier background work finish
  resetSqlCount();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < times; i += 1) await run();
  await sleep(1500); // webhook echoes (the emulator's meetings:created) and background work
  const cpu = process.cpuUsage(cpu0);
  const per = (n: number) => Math.round((n / times) * 10) / 10;
  return {
    cpuMs: Math.round(((cpu.user + cpu.system) / 1000 / times) * 100) / 100,
    sql: countedDb === undefined ? null : { statements: per(sqlCount.statements), commits: per(sqlCount.commits), texts: Object.fromEntries([...sqlCount.texts].map(([k, v]) => [k, per(v)])) },
  };
}

async function load(job: { requests: number; warmup: number; variants: unknown[] }): Promise<{ variants: { name: string; rps: number; p50Ms: number }[] }> {
  const child = spawnTsx('throughput/load-process.ts', [JSON.stringify({ ...job, rounds: ROUNDS, concurrency: CONCURRENCY, startBaseMs: Date.now() + 3600_000 })]);
  const line = await firstLine(child);
  return JSON.parse(line) as { variants: { name: string; rps: number; p50Ms: number }[] };
}

function spawnTsx(file: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, file), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('child has no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`child exited with ${String(code)} before printing`)));
  });
}

/**
 * Question: does the cost of each endpoint stay flat as one org's visits grow from 10 000 to 1 000 000?
 * One emulator and, side by side, one g2g per size, each on its own PostgreSQL schema. Each schema gets `size`
 * background visits (two seats and links each) built inside PostgreSQL with generate_series (a million in a minute
 * or two), plus visits created through the API for the join click. Every endpoint then runs in alternating rounds
 * on both instances, and the p50 of the big one is divided by the p50 of the small one. Target: <= 1.5 everywhere.
 * Needs PostgreSQL: BENCH_DATABASE_URL, else G2G_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 * Prints one JSON document: { bench, node, sizes, buildSeconds, endpoints: [{ name, p50Ms: {size: ms}, ratio }], worstRatio }.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig, webexConfigFromSeed } from '../src/config.js';
import { startEmulator } from '../src/emulator/index.js';
import { createG2G, type G2G } from '../src/g2g.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { openDatabase } from '../src/store/open-database.js';
import { insertBulkVisits } from '../test/support/bulk-visits.js';
import { freePort } from '../test/support/free-port.js';
import { emulatorControl, percentile, round2, sleep } from './support/bench-utils.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.G2G_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KEY_ID = 'bench';
const NOW = Date.now();

interface Instance {
  size: number;
  schema: string;
  g2g: G2G;
  url: string;
  apiKey: string;
  joinPaths: string[];
  probeIds: string[];
  created: number;
}

const dataDirs: string[] = [];
const schemas: string[] = [];
const running: G2G[] = [];
const instances: Instance[] = [];
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', license: 100_000, pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [20, 50] });
const seed = emulator.seed;
const control = emulatorControl(seed.controlUrl);
const encryptionKey = new Secret(randomBytes(32).toString('base64'));
const buildSeconds: Record<string, number> = {};

try {
  await control('POST', `/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, { orgId: seed.orgId });
  for (const size of SIZES) instances.push(await startInstance(size));

  const endpoints: Record<string, (i: Instance, k: number) => Promise<void>> = {
    'GET /visits/{id}': (i, k) => get(i, `/api/v1/visits/${i.probeIds[k % i.probeIds.length] ?? ''}`),
    'GET /visits (first page)': (i) => get(i, '/api/v1/visits?limit=50'),
    'GET /visits (deep cursor page)': (i) => get(i, `/api/v1/visits?limit=50&cursor=${cursorAt(i.size, Math.floor(i.size / 2))}`),
    'GET /visits?status=scheduled': (i) => get(i, '/api/v1/visits?limit=50&status=scheduled'),
    'GET /visits?externalId=': (i, k) => get(i, `/api/v1/visits?externalId=bulk-x-${1 + ((k * 7919) % i.size)}`),
    'GET /visits?from&to': (i) => {
      const from = new Date(startOf(i.size, Math.floor(i.size / 3))).toISOString();
      return get(i, `/api/v1/visits?limit=50&from=${from}&to=${new Date(Date.parse(from) + 2 * 3600_000).toISOString()}`);
    },
    'GET /orgs/{id}/capacity': (i) => get(i, `/api/v1/orgs/${encodeURIComponent(seed.orgId)}/capacity`),
    'GET /j/{code}': (i, k) => get(i, i.joinPaths[k % i.joinPaths.length] ?? '', 302),
    'POST /visits': (i) => createVisit(i).then(() => undefined),
    'minute sweep': async (i) => {
      await i.g2g.sweep();
    },
  };

  for (const i of instances) for (const run of Object.values(endpoints)) for (let k = 0; k < 5; k += 1) await run(i, k);
  const samples = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? instances : [...instances].reverse();
    for (const [name, run] of Object.entries(endpoints)) {
      for (const i of order) {
        const key = `${name}@${i.size}`;
        const list = samples.get(key) ?? [];
        samples.set(key, list);
        for (let k = 0; k < CALLS; k += 1) {
          const t0 = performance.now();
          await run(i, round * CALLS + k);
          list.push(performance.now() - t0);
        }
      }
    }
  }

  const smallest = instances[0];
  const largest = instances[instances.length - 1];
  const rows = Object.keys(endpoints).map((name) => {
    const p50Ms = Object.fromEntries(instances.map((i) => [String(i.size), round2(percentile(samples.get(`${name}@${i.size}`) ?? [], 50))]));
    const small = smallest ? (p50Ms[String(smallest.size)] ?? Number.NaN) : Number.NaN;
    const big = largest ? (p50Ms[String(largest.size)] ?? Number.NaN) : Number.NaN;
    return { name, p50Ms, ratio: round2(big / small) };
  });
  console.log(
    JSON.stringify({
      bench: 'growth',
      node: process.version,
      sizes: SIZES,
      rounds: ROUNDS,
      callsPerRound: CALLS,
      buildSeconds,
      endpoints: rows,
      worstRatio: Math.max(...rows.map((r) => r.ratio)),
    }),
  );
} finally {
  for (const g2g of running) await g2g.stop().catch(() => undefined);
  await emulator.close();
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

async function startInstance(size: number): Promise<Instance> {
  const schema = `g2g_bench_growth_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  schemas.push(schema);
  const dbUrl = new URL(BASE_URL);
  dbUrl.searchParams.set('schema', schema);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-bench-growth-'));
  dataDirs.push(dataDir);
  const port = await freePort();
  const config = loadConfig({
    env: {},
    overrides: {
      port,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: dbUrl.toString(),
      logLevel: 'silent',
      encryptionKeys: [{ id: KEY_ID, key: encryptionKey }],
      webhookSecrets: [new Secret('bench-webhook-secret')],
      webex: webexConfigFromSeed(seed),
    },
  });
  const g2g = await createG2G(config, { log: createLogger({ level: 'silent' }), sweepIntervalMs: 0 });
  running.push(g2g);
  await g2g.start();
  const instance: Instance = { size, schema, g2g, url: config.publicUrl, apiKey: '', joinPaths: [], probeIds: [], created: 0 };
  // The org was authorized before this instance listened: it picks the authorization up through Webex's listing.
  for (let k = 0; k < 500 && (await g2g.orgs.get(seed.orgId))?.status !== 'ready'; k += 1) {
    if (k % 50 === 0) await control('POST', `/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, { orgId: seed.orgId });
    await sleep(20);
  }
  if ((await g2g.orgs.get(seed.orgId))?.status !== 'ready') throw new Error(`org did not become ready on the ${size} instance`);
  const { tenantId, apiKey } = await g2g.tenants.createKey({ tenantName: `bench-${size}`, orgIds: [seed.orgId] });
  instance.apiKey = apiKey;

  const db = await openDatabase(dbUrl.toString(), { migrate: false });
  try {
    const t0 = performance.now();
    await insertBulkVisits(db, 'postgres', { tenantId, orgId: seed.orgId, count: size, now: NOW, keyId: KEY_ID });
    buildSeconds[String(size)] = round2((performance.now() - t0) / 1000);
  } finally {
    await db.destroy();
  }
  for (let k = 0; k < 10; k += 1) {
    const view = await createVisit(instance);
    instance.probeIds.push(view.id);
    for (const p of view.participants) if (p.joinUrl) instance.joinPaths.push(new URL(p.joinUrl).pathname);
  }
  return instance;
}

/** A hostless two-guest visit a day ahead, among the background visits (one a minute from now on). */
async function createVisit(i: Instance): Promise<{ id: string; participants: { joinUrl: string | null }[] }> {
  i.created += 1;
  const res = await fetch(`${i.url}/api/v1/visits`, {
    method: 'POST',
    headers: { authorization: `Bearer ${i.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Growth',
      start: new Date(NOW + 86_400_000 + i.created * 60_000).toISOString(),
      durationMinutes: 30,
      hostless: true,
      participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }],
    }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /visits on the ${i.size} instance answered ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string; participants: { joinUrl: string | null }[] };
}

async function get(i: Instance, p: string, expected = 200): Promise<void> {
  const res = await fetch(`${i.url}${p}`, { headers: { authorization: `Bearer ${i.apiKey}` }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== expected) throw new Error(`GET ${p} on the ${i.size} instance answered ${res.status}`);
}

/** Background visit n (1-based) of insertBulkVisits: 90% ended before NOW, then one a minute. */
function startOf(size: number, n: number): number {
  return NOW + (n - Math.floor(size * 0.9)) * 60_000;
}

function cursorAt(size: number, n: number): string {
  return Buffer.from(JSON.stringify([startOf(size, n), `bulk-v-${n}`])).toString('base64url');
}

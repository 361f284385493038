/**
 * Question: what does g2g add on top of Webex when scheduling a visit?
 * One process runs the emulator (100 ms latency injected on every /v1 call, as a fault) and g2g (SQLite file,
 * listening on a real socket, org authorized through the real webhook path). It then measures, in alternating
 * rounds after a warm-up:
 *   - "webex create meeting (direct)": one `POST /v1/meetings` with fetch and the Service App token;
 *   - "g2g POST /api/v1/visits": a hostless two-guest visit through g2g's HTTP API.
 * and the throughput of each at a fixed concurrency. Target: g2g p50 / direct p50 <= 1.15, which needs exactly one
 * Webex call on the hot path (links are minted at click time, tokens come from the vault's cache).
 * Prints one JSON document: { bench, node, latencyMs, variants: [{ name, p50Ms, p99Ms, rps }], ratio, ratioP99,
 * throughputRatio, webexCallsPerVisit }.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, webexConfigFromSeed } from '../src/config.js';
import { startEmulator } from '../src/emulator/index.js';
import { createG2G } from '../src/g2g.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { freePort } from '../test/support/free-port.js';
import { emulatorControl, percentile, round2, sleep } from './support/bench-utils.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 15);
const WARMUP = 10;
const THROUGHPUT_REQUESTS = Number(process.env.BENCH_THROUGHPUT_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-bench-'));
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', license: 1000, pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [20, 50] });
const seed = emulator.seed;
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
    encryptionKeys: [{ id: 'bench', key: new Secret(randomBytes(32).toString('base64')) }],
    webhookSecrets: [new Secret('bench-webhook-secret')],
    webex: webexConfigFromSeed(seed),
  },
});
const g2g = await createG2G(config, { log: createLogger({ level: 'silent' }), sweepIntervalMs: 0 });
await g2g.start();

try {
  await control('POST', `/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, { orgId: seed.orgId });
  for (let i = 0; i < 500 && (await g2g.orgs.get(seed.orgId))?.status !== 'ready'; i += 1) await sleep(10);
  if ((await g2g.orgs.get(seed.orgId))?.status !== 'ready') throw new Error('org did not become ready');
  const { apiKey } = await g2g.tenants.createKey({ tenantName: 'bench', orgIds: [seed.orgId] });
  await control('POST', '/faults', { path: '/v1/*', latencyMs: LATENCY_MS });

  let n = 0;
  const startIso = () => new Date(Date.now() + 3600_000 + (n += 1) * 1000).toISOString();
  const variants: Record<string, () => Promise<void>> = {
    'webex create meeting (direct)': async () => {
      const start = startIso();
      const res = await fetch(`${seed.baseUrl}/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Bench',
          start,
          end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
          siteUrl: seed.siteUrl,
          enabledJoinBeforeHost: true,
          joinBeforeHostMinutes: 5,
          unlockedMeetingJoinSecurity: 'allowJoin',
          sendEmail: false,
          integrationTags: [`bench-${n}`],
        }),
      });
      if (res.status !== 200) throw new Error(`direct create answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    },
    'g2g POST /api/v1/visits': async () => {
      const res = await fetch(`${config.publicUrl}/api/v1/visits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Bench', start: startIso(), durationMinutes: 30, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
      });
      if (res.status !== 201) throw new Error(`g2g answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    },
  };

  for (const run of Object.values(variants)) for (let i = 0; i < WARMUP; i += 1) await run();

  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? Object.keys(variants) : Object.keys(variants).reverse();
    for (const name of order) {
      const run = variants[name] as () => Promise<void>;
      for (let i = 0; i < CALLS_PER_ROUND; i += 1) {
        const t0 = performance.now();
        await run();
        samples[name]?.push(performance.now() - t0);
      }
    }
  }

  // Webex calls per visit, counted by the emulator's journal over a few fresh visits.
  await control('DELETE', '/requests');
  const g2gRun = variants['g2g POST /api/v1/visits'] as () => Promise<void>;
  for (let i = 0; i < 5; i += 1) await g2gRun();
  const journal = (await control('GET', '/requests')) as { items: { method: string; path: string }[] };
  const webexCallsPerVisit = journal.items.filter((r) => r.path.startsWith('/v1/')).length / 5;

  const rps: Record<string, number> = {};
  for (const [name, run] of Object.entries(variants)) {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < THROUGHPUT_REQUESTS) {
          next += 1;
          await run();
        }
      }),
    );
    rps[name] = THROUGHPUT_REQUESTS / ((performance.now() - t0) / 1000);
  }

  const rows = Object.entries(samples).map(([name, values]) => ({
    name,
    p50Ms: round2(percentile(values, 50)),
    p99Ms: round2(percentile(values, 99)),
    rps: round2(rps[name] ?? 0),
    samples: values.length,
  }));
  const [direct, viaG2g] = rows;
  console.log(
    JSON.stringify({
      bench: 'visits-latency',
      node: process.version,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      variants: rows,
      ratio: direct && viaG2g ? round2(viaG2g.p50Ms / direct.p50Ms) : null,
      ratioP99: direct && viaG2g ? round2(viaG2g.p99Ms / direct.p99Ms) : null,
      throughputRatio: direct && viaG2g ? round2(viaG2g.rps / direct.rps) : null,
      webexCallsPerVisit,
    }),
  );
} finally {
  await g2g.stop();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * How fast is the emulator's /v1 API next to a bare Fastify handler, and how much memory do 100,000
 * meetings take? One process, one run: a bare Fastify server answering a fixed meeting JSON (the
 * same bytes the emulator returns for a meeting) is the baseline; the emulator's
 * `GET /v1/meetings/{id}` and `POST /v1/meetings` are measured with the same client (node:http,
 * keep-alive agent, fixed concurrency, fixed request count, after a warm-up). Target: ratio >= 0.5.
 *
 * Run: `npx tsx bench/emulator-throughput.ts` (env BENCH_REQUESTS per round, BENCH_ROUNDS,
 * BENCH_CONCURRENCY, BENCH_MEETINGS shrink or grow the workload). Prints one JSON document on stdout.
 *
 * Client and servers share this process and the machine's cores, so absolute numbers say little;
 * compare the ratios, which both sides pay equally.
 */
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Fastify from 'fastify';
import { startEmulator } from '../src/emulator/index.js';

const REQUESTS = positiveInt(process.env['BENCH_REQUESTS'], 10_000);
const WARMUP = Math.max(1_000, Math.floor(REQUESTS / 5));
const CONCURRENCY = positiveInt(process.env['BENCH_CONCURRENCY'], 32);
const ROUNDS = positiveInt(process.env['BENCH_ROUNDS'], 3);
const MEETINGS = positiveInt(process.env['BENCH_MEETINGS'], 100_000);

interface Variant {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

interface Target {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  /** A fresh body per request (the create bench sends a new title each time). */
  body?: (i: number) => string;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function once(agent: Agent, target: Target, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = target.body?.(i);
    const req = request(
      target.url,
      {
        method: target.method,
        agent,
        headers: body === undefined ? target.headers : { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` requests with `concurrency` in flight; returns per-request latencies (ms) and errors. */
async function drive(target: Target, count: number, concurrency: number, offset = 0): Promise<{ latencies: Float64Array; errors: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(count);
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const status = await once(agent, target, offset + i);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      if (status < 200 || status >= 300) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { latencies, errors, seconds };
}

function percentile(sorted: Float64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)] ?? 0);
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * Baseline and emulator alternate in ROUNDS rounds (A B A B ...), so drift on a shared machine (other
 * processes, JIT, GC of earlier rounds) falls on both sides alike. rps is the median round; p50/p99
 * are over every request of every round.
 */
async function measurePair(names: [string, string], targets: [Target, Target], offset: number): Promise<[Variant, Variant]> {
  for (const target of targets) await drive(target, WARMUP, CONCURRENCY, offset);
  const per: { rps: number[]; latencies: Float64Array[]; errors: number }[] = [
    { rps: [], latencies: [], errors: 0 },
    { rps: [], latencies: [], errors: 0 },
  ];
  let at = offset + WARMUP;
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of [0, 1] as const) {
      const run = await drive(targets[side], REQUESTS, CONCURRENCY, at);
      at += REQUESTS;
      const bucket = per[side];
      if (bucket === undefined) continue;
      bucket.rps.push(REQUESTS / run.seconds);
      bucket.latencies.push(run.latencies);
      bucket.errors += run.errors;
    }
  }
  const summarize = (side: 0 | 1): Variant => {
    const bucket = per[side] ?? { rps: [], latencies: [], errors: 0 };
    const all = new Float64Array(bucket.latencies.reduce((n, l) => n + l.length, 0));
    let i = 0;
    for (const l of bucket.latencies) {
      all.set(l, i);
      i += l.length;
    }
    all.sort();
    const sortedRps = [...bucket.rps].sort((a, b) => a - b);
    return {
      name: names[side],
      rps: Math.round(sortedRps[Math.floor(sortedRps.length / 2)] ?? 0),
      p50Ms: percentile(all, 50),
      p99Ms: percentile(all, 99),
      requests: all.length,
      errors: bucket.errors,
    };
  };
  return [summarize(0), summarize(1)];
}

function collectGarbage(): () => void {
  // --expose-gc without asking the caller for node flags (tsx starts node for us).
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const gc = collectGarbage();

  // --- throughput -------------------------------------------------------------------------------
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false });
  const token = emulator.seed.serviceApp.accessToken;
  const auth = { authorization: `Bearer ${token}` };
  const clock = (await (await fetch(`${emulator.controlUrl}/clock`)).json()) as { nowMs: number };
  const start = new Date(Math.ceil((clock.nowMs + 3_600_000) / 60_000) * 60_000);
  const meetingBody = (i: number): string =>
    JSON.stringify({
      title: `Bench visit ${i}`,
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      siteUrl: emulator.seed.siteUrl,
    });

  const created = await fetch(`${emulator.baseUrl}/meetings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: meetingBody(0) });
  if (!created.ok) throw new Error(`emulator refused POST /v1/meetings: ${created.status} ${await created.text()}`);
  const meeting = (await created.json()) as { id: string };
  const meetingJson = await (await fetch(`${emulator.baseUrl}/meetings/${meeting.id}`, { headers: auth })).text();

  // The baseline: the least a Node HTTP server can do for these two calls.
  const bare = Fastify({ logger: false });
  bare.get('/v1/meetings/:id', async (_request, reply) => reply.type('application/json;charset=UTF-8').send(meetingJson));
  bare.post('/v1/meetings', async (_request, reply) => reply.type('application/json;charset=UTF-8').send(meetingJson));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const variants: Variant[] = [
    ...(await measurePair(
      ['bare-fastify GET /v1/meetings/{id}', 'emulator GET /v1/meetings/{id}'],
      [
        { method: 'GET', url: new URL(`${bareUrl}/v1/meetings/${meeting.id}`), headers: auth },
        { method: 'GET', url: new URL(`${emulator.baseUrl}/meetings/${meeting.id}`), headers: auth },
      ],
      0,
    )),
    ...(await measurePair(
      ['bare-fastify POST /v1/meetings', 'emulator POST /v1/meetings'],
      [
        { method: 'POST', url: new URL(`${bareUrl}/v1/meetings`), headers: auth, body: meetingBody },
        { method: 'POST', url: new URL(`${emulator.baseUrl}/meetings`), headers: auth, body: meetingBody },
      ],
      1,
    )),
  ];
  await bare.close();
  await emulator.close();

  // --- memory -----------------------------------------------------------------------------------
  // A fresh emulator; meetings are created through its HTTP API (the way every client does), so the
  // figure includes everything the emulator keeps per meeting (indexes, request journal entries).
  gc();
  const fresh = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false });
  gc();
  const before = process.memoryUsage();
  const freshToken = { authorization: `Bearer ${fresh.seed.serviceApp.accessToken}` };
  const fill = await drive({ method: 'POST', url: new URL(`${fresh.baseUrl}/meetings`), headers: freshToken, body: meetingBody }, MEETINGS, 64);
  gc();
  const after = process.memoryUsage();
  await fresh.close();

  const rps = (name: string): number => variants.find((v) => v.name === name)?.rps ?? 0;
  const result = {
    bench: 'emulator-throughput',
    node: process.version,
    concurrency: CONCURRENCY,
    requestsPerRound: REQUESTS,
    rounds: ROUNDS,
    variants,
    ratios: {
      get: round(rps('emulator GET /v1/meetings/{id}') / rps('bare-fastify GET /v1/meetings/{id}'), 3),
      create: round(rps('emulator POST /v1/meetings') / rps('bare-fastify POST /v1/meetings'), 3),
    },
    target: 0.5,
    memory: {
      meetings: MEETINGS,
      created: MEETINGS - fill.errors,
      method: 'POST /v1/meetings over HTTP, 64 in flight',
      createSeconds: round(fill.seconds, 1),
      heapUsedMB: round((after.heapUsed - before.heapUsed) / MB, 1),
      rssMB: round((after.rss - before.rss) / MB, 1),
      bytesPerMeeting: Math.round((after.heapUsed - before.heapUsed) / Math.max(1, MEETINGS - fill.errors)),
    },
  };
  // One line: bench/run-all.mjs reads the last line of stdout as the result.
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const failed = variants.some((v) => v.errors > 0) || fill.errors > 0;
  if (failed) {
    process.stderr.write('some requests failed: see "errors" and memory.created\n');
    process.exitCode = 1;
  }
}

await main();

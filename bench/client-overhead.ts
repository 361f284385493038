/**
 * Question: what does the typed client cost per call compared with a bare `fetch` of the same request?
 * Both hit the same local HTTP server (127.0.0.1, port 0) answering `GET /v1/meetings/{id}` with the spec's own
 * meeting example (about 3 KB of JSON), sequentially, after a warm-up, in alternating rounds so drift hits both.
 * Prints one JSON document: { bench, node, latencyMs, calls, variants: [{ name, p50Ms, p99Ms, rps }], ratio,
 * ratioToFetchWithTimeout } where ratio = client p50 / bare fetch p50 (target: under 1.10). A third variant, bare
 * fetch carrying a timeout signal, separates what the per-attempt timeout costs inside fetch itself (undici sets up
 * abort plumbing for every request given a signal) from what the client adds on top.
 * BENCH_LATENCY_MS adds a fixed server delay (default 0: pure overhead, the harshest case; Webex itself answers in
 * tens to hundreds of ms).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createWebexClient } from '../src/webex/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 500;
const TOKEN = 'bench-token-0123456789abcdef';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spec = JSON.parse(readFileSync(path.join(repoRoot, 'spec', 'webex', 'webex-g2g-subset.openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>>;
};
const example = Object.values(spec.paths['/meetings/{meetingId}']?.get?.responses['200']?.content ?? {})[0]?.example ?? { id: 'm1' };
const payload = JSON.stringify(example);

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const server = createServer((_req, res) => {
  const answer = () => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', trackingid: 'BENCH_1' });
    res.end(payload);
  };
  if (LATENCY_MS > 0) setTimeout(answer, LATENCY_MS);
  else answer();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const baseUrl = `http://127.0.0.1:${port}/v1`;
const meetingId = '870f51ff287b41be84648412901e0402';

const client = createWebexClient({ baseUrl, token: () => Promise.resolve(TOKEN) });

// The same request the client sends: same URL, same headers.
const headers = { 'user-agent': 'g2g-webex-client', accept: 'application/json', authorization: `Bearer ${TOKEN}` };
const variants = {
  'bare fetch': async () => {
    const res = await fetch(`${baseUrl}/meetings/${meetingId}`, { headers });
    if (!res.ok) throw new Error(`status ${res.status}`);
    return (await res.json()) as unknown;
  },
  'bare fetch + timeout signal': async () => {
    const res = await fetch(`${baseUrl}/meetings/${meetingId}`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`status ${res.status}`);
    return (await res.json()) as unknown;
  },
  'g2g client': () => client.meetings.get(meetingId),
} satisfies Record<string, () => Promise<unknown>>;

type Name = keyof typeof variants;
const names = Object.keys(variants) as Name[];
const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
const elapsed = Object.fromEntries(names.map((n) => [n, 0])) as Record<Name, number>;

for (const fn of Object.values(variants)) for (let i = 0; i < WARMUP; i++) await fn();

for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    const fn = variants[name];
    const roundStart = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      const t0 = performance.now();
      await fn();
      samples[name].push(performance.now() - t0);
    }
    elapsed[name] += performance.now() - roundStart;
  }
}

server.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const result = names.map((name) => ({
  name,
  p50Ms: round3(quantile(samples[name], 0.5)),
  p99Ms: round3(quantile(samples[name], 0.99)),
  rps: Math.round((samples[name].length / elapsed[name]) * 1000),
}));
const [bare, bareWithTimeout, ours] = result;
console.log(
  JSON.stringify({
    bench: 'client-overhead',
    node: process.version,
    latencyMs: LATENCY_MS,
    calls: ROUNDS * CALLS_PER_ROUND,
    variants: result,
    ratio: bare && ours ? round3(ours.p50Ms / bare.p50Ms) : null,
    ratioToFetchWithTimeout: bareWithTimeout && ours ? round3(ours.p50Ms / bareWithTimeout.p50Ms) : null,
  }),
);

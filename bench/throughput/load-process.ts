/**
 * The load generator on its own process for bench/throughput.ts: reads one job (JSON) from argv, runs every
 * variant in alternating rounds at a fixed concurrency, prints { variants: [{ name, rps, p50Ms }] } as one line.
 * `{n}` in a body is replaced by a running number (`{start}` and `{end}` by times n minutes on), and a body is signed
 * with X-Spark-Signature when the variant has `hmacSecret`.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';

interface LoadVariant {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  hmacSecret?: string;
  expect: number;
}
interface LoadJob {
  variants: LoadVariant[];
  requests: number;
  rounds: number;
  concurrency: number;
  warmup: number;
  /** `{start}` in a body becomes this plus `{n}` minutes, as an ISO time; `{end}` half an hour after that. */
  startBaseMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
let counter = 0;

async function once(v: LoadVariant): Promise<number> {
  counter += 1;
  const start = job.startBaseMs + counter * 60_000;
  const body = v.body
    ?.replaceAll('{n}', String(counter))
    .replaceAll('{start}', new Date(start).toISOString())
    .replaceAll('{end}', new Date(start + 30 * 60_000).toISOString());
  const headers = { ...v.headers };
  if (body !== undefined && v.hmacSecret !== undefined) headers['x-spark-signature'] = createHmac('sha1', v.hmacSecret).update(body).digest('hex');
  const t0 = performance.now();
  const res = await fetch(v.url, { method: v.method, headers, ...(body !== undefined ? { body } : {}) });
  await res.arrayBuffer();
  if (res.status !== v.expect) throw new Error(`${v.name} answered ${res.status}`);
  return performance.now() - t0;
}

async function run(v: LoadVariant, n: number): Promise<{ seconds: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < n) {
        next += 1;
        latencies.push(await once(v));
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies };
}

for (const v of job.variants) await run(v, job.warmup);
const rps = new Map<string, number[]>();
const latencies = new Map<string, number[]>();
for (let round = 0; round < job.rounds; round += 1) {
  const order = round % 2 === 0 ? job.variants : [...job.variants].reverse();
  for (const v of order) {
    const r = await run(v, job.requests);
    rps.set(v.name, [...(rps.get(v.name) ?? []), job.requests / r.seconds]);
    latencies.set(v.name, [...(latencies.get(v.name) ?? []), ...r.latencies]);
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const round2 = (x: number) => Math.round(x * 100) / 100;
process.stdout.write(
  `${JSON.stringify({ variants: job.variants.map((v) => ({ name: v.name, rps: round2(median(rps.get(v.name) ?? [])), rpsPerRound: (rps.get(v.name) ?? []).map(round2), p50Ms: round2(median(latencies.get(v.name) ?? [])) })) })}\n`,
);

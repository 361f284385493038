// Runs every bench/*.ts with tsx (no build needed), one after another so they do not compete for the CPU,
// and prints their JSON results as one array. Usage: `npm run bench` (or `node bench/run-all.mjs [name-filter]`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const results = [];
let failed = false;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) {
    failed = true;
    results.push({ bench: file, error: `exited with ${run.status}` });
    continue;
  }
  // A bench prints one JSON document; take the last non-empty line in case it logged before.
  const line = run.stdout.trim().split('\n').filter(Boolean).pop() ?? '';
  try {
    results.push(JSON.parse(line));
  } catch {
    failed = true;
    results.push({ bench: file, error: 'did not print JSON', output: run.stdout.slice(0, 500) });
  }
}
console.log(JSON.stringify(results, null, 2));
process.exitCode = failed ? 1 : 0;

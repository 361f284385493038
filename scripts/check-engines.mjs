#!/usr/bin/env node
// Checks that every installed package accepts every Node version our `engines.node` promises: a dependency
// asking for >=22 while we say >=20.19 would make our engines a lie (npm only warns, EBADENGINE).
// Usage: node scripts/check-engines.mjs [projectDir] [--range <range>]
//   projectDir: whose node_modules to walk (default: the current directory);
//   --range: the promise to check (default: engines.node of projectDir/package.json).
// Run in the repo it covers dev dependencies too (what `npm ci && npm test` needs); run in a scratch project that
// installed the packed tarball it covers exactly what a user of g2g gets.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import semver from 'semver';

const args = process.argv.slice(2);
const rangeAt = args.indexOf('--range');
const range = rangeAt >= 0 ? args.splice(rangeAt, 2)[1] : undefined;
const projectDir = path.resolve(args[0] ?? '.');
const ours = range ?? JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')).engines?.node;
if (typeof ours !== 'string' || semver.validRange(ours) === null) {
  process.stderr.write(`check-engines: no valid engines.node range to check (got ${String(ours)})\n`);
  process.exit(2);
}

/** Every package.json under node_modules, nested ones included (scoped names are one level deeper). */
function* packagesIn(nodeModules) {
  let entries;
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = path.join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      yield* packagesIn(dir);
      continue;
    }
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue; // a stray folder, not a package
    }
    yield { dir, manifest };
    yield* packagesIn(path.join(dir, 'node_modules'));
  }
}

let checked = 0;
const offenders = [];
for (const { dir, manifest } of packagesIn(path.join(projectDir, 'node_modules'))) {
  checked++;
  const theirs = manifest.engines?.node;
  if (typeof theirs !== 'string' || theirs.trim() === '' || theirs.trim() === '*') continue;
  // Malformed ranges (">= 0.8", old packages) are read loosely; one that still does not parse is reported.
  const valid = semver.validRange(theirs, { loose: true });
  if (valid === null || !semver.subset(ours, valid, { loose: true })) {
    offenders.push(`${manifest.name}@${manifest.version} wants node ${theirs} (${path.relative(projectDir, dir)})`);
  }
}

if (offenders.length > 0) {
  process.stderr.write(`check-engines: ${offenders.length} of ${checked} packages do not accept every node ${ours}:\n  ${offenders.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`check-engines: all ${checked} packages accept node ${ours}\n`);

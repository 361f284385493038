#!/usr/bin/env bash
# Packs g2g as npm would publish it and uses it from a scratch project (docs/contributing.md §2): catches an `exports`
# map tools cannot resolve, files missing from the tarball, a broken `g2g` bin, a pack that ships a stale or
# missing build, and dependencies whose engines do not accept the Node versions g2g promises.
# Starts from no dist/ at all, as a fresh clone is: `prepack` must build it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cd "$repo"
rm -rf dist
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
version="$(node -p "require('./package.json').version")"

echo "== tarball contents"
tar -tzf "$scratch/$tarball" | sed 's#^package/##' | sort > "$scratch/files.txt"
for required in package.json LICENSE README.md dist/index.js dist/index.d.ts dist/cli/main.js dist/testing/index.js dist/testing/index.d.ts; do
  grep -qx "$required" "$scratch/files.txt" || { echo "missing from the tarball: $required" >&2; exit 1; }
done
if grep -Eq '^(src|test|bench|spec|scripts)/' "$scratch/files.txt"; then
  echo "the tarball ships sources or tests:" >&2
  grep -E '^(src|test|bench|spec|scripts)/' "$scratch/files.txt" | head >&2
  exit 1
fi
echo "$(wc -l < "$scratch/files.txt") files, dist built by prepack"

echo "== install in a scratch project, import, run the bin"
cd "$scratch"
cat > package.json <<'JSON'
{ "name": "g2g-package-check", "private": true, "type": "module", "allowScripts": { "better-sqlite3": true } }
JSON
npm install --no-audit --no-fund --loglevel=error "./$tarball" >/dev/null
cat > check.mjs <<'JS'
import { createG2G, loadConfig, G2GError, Secret } from 'g2g';
import pkg from 'g2g/package.json' with { type: 'json' };
for (const [name, value] of Object.entries({ createG2G, loadConfig, G2GError, Secret })) {
  if (typeof value !== 'function') throw new Error(`g2g does not export ${name}`);
}
if (String(new Secret('s3cret')) !== '[redacted]') throw new Error('Secret prints its value');
console.log(`g2g ${pkg.version} imports from its packed tarball`);
JS
cat > check-testing.mjs <<'JS'
// g2g/testing resolves from the tarball, and its kit really starts: emulator, g2g, the sandbox org ready.
import { startG2GTestKit, startEmulator } from 'g2g/testing';
if (typeof startEmulator !== 'function') throw new Error('g2g/testing does not export startEmulator');
const kit = await startG2GTestKit();
try {
  const org = await kit.g2g.orgs.get(kit.orgId);
  if (org?.status !== 'ready') throw new Error(`the kit's org is ${org?.status}`);
  const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Package check', participants: [{ displayName: 'Pat' }] });
  const joined = await kit.join(visit.participants[0].joinUrl, 'Pat');
  if (!joined.ok) throw new Error(`the kit's guest could not join: ${joined.code}`);
} finally {
  await kit.close();
}
console.log('g2g/testing starts a kit from the packed tarball');
JS
node check.mjs
node check-testing.mjs
./node_modules/.bin/g2g --help >/dev/null
printed="$(./node_modules/.bin/g2g --version)"
if [ "$printed" != "$version" ]; then
  echo "g2g --version printed '$printed', package.json says $version" >&2
  exit 1
fi
echo "g2g bin runs, --version prints $printed"

echo "== engines of what a user installs"
node "$repo/scripts/check-engines.mjs" . --range "$(node -p "require('./node_modules/g2g/package.json').engines.node")"

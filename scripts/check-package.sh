#!/usr/bin/env bash
# Packs g2g as npm would publish it and imports it from a scratch project (STYLE.md section 2): catches an
# `exports` map tools cannot resolve, files missing from the tarball, and a broken `g2g` bin.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tarball="$(cd "$repo" && npm pack --silent --pack-destination "$scratch" | tail -n 1)"
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
node check.mjs
./node_modules/.bin/g2g --help >/dev/null
echo "g2g bin runs"

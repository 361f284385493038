/**
 * Writes g2g's OpenAPI document (what `GET /docs/json` answers) to a file, default `dist/openapi.json`:
 * `tsx scripts/openapi-dump.ts [out.json]`. It builds the real server on a throwaway in-memory SQLite database
 * and never listens, so `npm run openapi:lint` needs no running g2g, Webex or emulator.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createG2G } from '../src/g2g.js';
import { Secret } from '../src/secret.js';

const out = path.resolve(process.argv[2] ?? 'dist/openapi.json');
// A data dir of its own: the dev key files it would generate must not land in ./data.
const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-openapi-'));
try {
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      databaseUrl: 'sqlite::memory:',
      logLevel: 'silent',
      encryptionKeys: [{ id: 'dump', key: new Secret(randomBytes(32).toString('base64')) }],
      webhookSecrets: [new Secret(randomBytes(16).toString('hex'))],
    },
  });
  const g2g = await createG2G(config);
  try {
    await g2g.app.ready();
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(g2g.app.swagger(), null, 2)}\n`);
  } finally {
    await g2g.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`wrote ${path.relative(process.cwd(), out)}`);

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { G2GError } from '../../../src/core/errors.js';
import { createDevSecrets } from '../../../src/dev-secrets.js';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'g2g-events-config-'));
  dirs.push(d);
  createDevSecrets({ G2G_DATA_DIR: d }); // the encryption key and webhook secret `g2g start` keeps there
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('G2G_EVENTS_URL and G2G_EVENTS_SECRETS', () => {
  it('sends nothing when G2G_EVENTS_URL is unset, even with secrets set', () => {
    expect(loadConfig({ env: { G2G_DATA_DIR: dataDir(), G2G_EVENTS_SECRETS: 'a-secret-of-16-chars' } }).events).toBeUndefined();
  });

  it('reads the URL and the secret list (first signs), with production retry defaults', () => {
    const config = loadConfig({ env: { G2G_DATA_DIR: dataDir(), G2G_EVENTS_URL: 'https://app.example/g2g/', G2G_EVENTS_SECRETS: 'new-secret-0123456789, old-secret-0123456789' } });
    expect(config.events?.url).toBe('https://app.example/g2g');
    expect(config.events?.secrets.map((s) => s.reveal())).toEqual(['new-secret-0123456789', 'old-secret-0123456789']);
    expect(config.events).toMatchObject({ retryBaseMs: 5000, maxAttempts: 12, pollIntervalMs: 1000, timeoutMs: 10_000 });
    expect(JSON.stringify(config)).not.toContain('new-secret');
  });

  it('generates a development secret into the data directory once, and keeps it', () => {
    const dir = dataDir();
    const generated = createDevSecrets({ G2G_DATA_DIR: dir, G2G_EVENTS_URL: 'http://127.0.0.1:4000/events' }); // `g2g start`
    const first = loadConfig({ env: { G2G_DATA_DIR: dir, G2G_EVENTS_URL: 'http://127.0.0.1:4000/events' } });
    const kept = readFileSync(path.join(dir, 'events-secret'), 'utf8').trim();
    expect(first.events?.secrets.map((s) => s.reveal())).toEqual([kept]);
    expect(generated.some((w) => w.includes('G2G_EVENTS_SECRETS is unset: generated'))).toBe(true);
    const again = loadConfig({ env: { G2G_DATA_DIR: dir, G2G_EVENTS_URL: 'http://127.0.0.1:4000/events' } });
    expect(again.events?.secrets.map((s) => s.reveal())).toEqual([kept]);
  });

  it('names the variable for a bad URL or a short secret, never echoing the secret', () => {
    try {
      loadConfig({ env: { G2G_DATA_DIR: dataDir(), G2G_EVENTS_URL: 'ftp://x', G2G_EVENTS_SECRETS: 'tooshort' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(G2GError);
      const fields = (error as G2GError).fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['G2G_EVENTS_URL', 'G2G_EVENTS_SECRETS']));
      expect((error as G2GError).message).not.toContain('tooshort');
    }
  });
});

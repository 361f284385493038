import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { createKeyring } from '../../src/core/crypto/keyring.js';
import { createTenants } from '../../src/core/tenants/tenants.js';
import { runKeysCreate, runKeysRotate } from '../../src/cli/keys-command.js';
import { openDatabase } from '../../src/store/open-database.js';
import { upsertAuthorizedOrg } from '../../src/store/org-store.js';
import { saveVaultToken } from '../../src/store/vault-token-store.js';
import { testDatabases } from '../support/databases.js';
import { KEY_1, KEY_2 } from './orgs-stack.js';
import { createOrgStores } from '../../src/store/org-stores.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const keysEnv = (keys: typeof KEY_1[]) => keys.map((k) => `${k.id}:${k.key.reveal()}`).join(',');

async function g2g(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    timeout: 30_000,
  });
}

/** Migrates the database and records the orgs as authorized (keys may only be granted known orgs). */
async function withOrgs(url: string, ids: string[]): Promise<void> {
  const db = await openDatabase(url);
  try {
    for (const id of ids) await upsertAuthorizedOrg(db, { id, status: 'ready', siteUrl: null, scopes: [], authorizedAt: 1, reason: null, eventReceivedAt: 1 }, 1);
  } finally {
    await db.destroy();
  }
}

describe.each(testDatabases())('g2g keys on $name', (database) => {
  it('keys create prints a key once that authenticates as the tenant with its orgs; only its hash is stored', async () => {
    const url = await database.freshUrl();
    const env = { DATABASE_URL: url, G2G_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'g2g-cli-')), G2G_ENCRYPTION_KEYS: keysEnv([KEY_1]) };
    await withOrgs(url, ['org-a', 'org-b']);
    const lines: string[] = [];
    // An org that never authorized the Service App is refused, naming the flag, and nothing is stored.
    await expect(runKeysCreate(env, { tenantName: 'clinic', orgIds: ['org-a', 'doesnotexist'] }, (l) => void lines.push(l))).rejects.toThrow(/^--org: unknown org doesnotexist/);
    expect(lines).toEqual([]);
    await runKeysCreate(env, { tenantName: 'clinic', orgIds: ['org-a', 'org-b'] }, (l) => void lines.push(l));
    const apiKey = lines.find((l) => l.startsWith('g2g_')) ?? '';
    expect(apiKey).toMatch(/^g2g_[0-9a-f]{12}_[\w-]{43}$/);

    const db = await openDatabase(url);
    try {
      const tenant = await createTenants({ ...createOrgStores(db), clock: systemClock }).authenticate(apiKey);
      expect(tenant).toMatchObject({ name: 'clinic', orgIds: ['org-a', 'org-b'] });
      const rows = await db.selectFrom('api_keys').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(apiKey.slice(17));
    } finally {
      await db.destroy();
    }
  });

  it('keys rotate re-encrypts stored tokens with the new first key and reports counts', async () => {
    const url = await database.freshUrl();
    const db = await openDatabase(url);
    try {
      const old = createKeyring([KEY_1]);
      const ctx = (c: string) => `vault_tokens:org-a:${c}`;
      await saveVaultToken(
        db,
        'org-a',
        { access_token_enc: old.encrypt('AT-123', ctx('access')), access_token_expires_at: 2, refresh_token_enc: old.encrypt('RT-456', ctx('refresh')), refresh_token_expires_at: 3, issued_at: 1 },
        1,
      );
      const env = { DATABASE_URL: url, G2G_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'g2g-cli-')), G2G_ENCRYPTION_KEYS: keysEnv([KEY_2, KEY_1]) };
      const lines: string[] = [];
      expect(await runKeysRotate(env, (l) => void lines.push(l))).toEqual({ rotated: 1, alreadyCurrent: 0, failed: 0 });
      expect(lines).toEqual(['re-encrypted with key k2: 1 rotated, 0 already current, 0 failed']);
      const row = await db.selectFrom('vault_tokens').selectAll().executeTakeFirstOrThrow();
      const next = createKeyring([KEY_2]);
      expect(next.decrypt(row.access_token_enc, ctx('access'))).toBe('AT-123');
      expect(next.decrypt(row.refresh_token_enc ?? '', ctx('refresh'))).toBe('RT-456');
      expect(await runKeysRotate(env, () => undefined)).toEqual({ rotated: 0, alreadyCurrent: 1, failed: 0 });
    } finally {
      await db.destroy();
    }
  });
});

describe('the g2g keys command line', () => {
  it('prints the key once from `g2g keys create`, and one line naming the bad variable on a config error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'g2g-cli-'));
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'g2g.sqlite')}`, G2G_DATA_DIR: dir, G2G_ENCRYPTION_KEYS: keysEnv([KEY_1]) };
    await withOrgs(env.DATABASE_URL, ['org-a']);
    const { stdout } = await g2g(['keys', 'create', '--tenant', 'clinic', '--org', 'org-a'], env);
    expect(stdout.split('\n').filter((l) => /^g2g_[0-9a-f]{12}_[\w-]{43}$/.test(l))).toHaveLength(1);

    const failure = await g2g(['keys', 'rotate'], { ...env, G2G_ENCRYPTION_KEYS: 'k1:short' }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2); // a bad variable is a usage error (docs/cli.md, exit codes)
    expect(failure?.stderr?.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toContain('G2G_ENCRYPTION_KEYS');
  });
});

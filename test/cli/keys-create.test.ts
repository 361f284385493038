import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../src/cli/keys-command.js';
import { systemClock } from '../../src/core/clock.js';
import { createTenants } from '../../src/core/tenants/tenants.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createOrgStores } from '../../src/store/org-stores.js';
import { testDatabases } from '../support/databases.js';
import { cli } from './cli-support.js';

describe.each(testDatabases())('g2g keys create on $name', (database) => {
  it('creates an expiring key for a known org as one JSON document, and refuses an unknown org naming --org', async () => {
    const url = await database.freshUrl();
    const env = { DATABASE_URL: url, G2G_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'g2g-keys-')) };
    expect((await cli(['--json', 'migrate'], env)).json()).toMatchObject({ applied: expect.arrayContaining(['2026-12-02-admin-001-key-expiry-and-deferrals']) });
    expect((await cli(['migrate'], env)).stdout).toContain('up to date');
    const db = await openDatabase(url);
    try {
      const stores = createOrgStores(db);
      await stores.orgStore.recordAuthorization({ id: 'org-known', status: 'ready', siteUrl: null, scopes: [], authorizedAt: 1, reason: null, eventReceivedAt: 1 }, 1);
      const unknown = await cli(['keys', 'create', '--tenant', 'clinic', '--org', 'doesnotexist'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^g2g: --org: unknown org doesnotexist/);
      expect((await createTenants({ ...stores, clock: systemClock }).list()).map((t) => t.name)).not.toContain('clinic');

      const made = await cli(['--json', 'keys', 'create', '--tenant', 'clinic', '--org', 'org-known', '--expires', '30d'], env);
      expect(made.code).toBe(0);
      const key = made.json<{ apiKey: string; keyId: string; expiresAt: string }>();
      expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      const tenant = await createTenants({ ...stores, clock: systemClock }).authenticate(key.apiKey);
      expect(tenant).toMatchObject({ name: 'clinic', orgIds: ['org-known'] });
      expect((await cli(['keys', 'create', '--tenant', 'clinic', '--expires', 'soonish'], env)).code).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('reads --expires as a lifetime or an ISO time', () => {
    expect(parseExpiry('12h', 1000)).toBe(1000 + 12 * 3_600_000);
    expect(parseExpiry('2030-01-01T00:00:00Z', 0)).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(() => parseExpiry('tomorrow', 0)).toThrow(/--expires/);
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import { G2GError } from '../../../src/core/errors.js';
import { createTenants } from '../../../src/core/tenants/tenants.js';
import { testDatabases } from '../../support/databases.js';
import { createOrgStores } from '../../../src/store/org-stores.js';

describe.each(testDatabases())('tenants and API keys on $name', (database) => {
  it('creates a key that authenticates as its tenant, stores only a sha256 hash, and reuses the tenant by name', async () => {
    const db = await database.open();
    const tenants = createTenants({ ...createOrgStores(db), clock: createManualClock() });
    const { tenantId, apiKey } = await tenants.createKey({ tenantName: 'clinic', orgIds: ['org-a'] });
    expect(await tenants.authenticate(apiKey)).toEqual({ id: tenantId, name: 'clinic', orgIds: ['org-a'] });
    const second = await tenants.createKey({ tenantName: 'clinic' });
    expect(second.tenantId).toBe(tenantId);
    expect(second.apiKey).not.toBe(apiKey);
    const rows = await db.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(2);
    const { createHash } = await import('node:crypto');
    expect(rows.map((r) => r.key_hash).sort()).toEqual([apiKey, second.apiKey].map((k) => createHash('sha256').update(k).digest('hex')).sort());
    // The secret is base64url and may itself hold '_', so capture all of it after the `g2g_<id>_` prefix.
    const secret = /^g2g_[0-9a-f]{12}_([A-Za-z0-9_-]{43})$/.exec(apiKey)?.[1];
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('answers undefined for a wrong secret with a real key id, a malformed key, or a revoked key', async () => {
    const db = await database.open();
    const tenants = createTenants({ ...createOrgStores(db), clock: createManualClock() });
    const { apiKey } = await tenants.createKey({ tenantName: 'clinic' });
    const [prefix, id] = apiKey.split('_');
    expect(await tenants.authenticate(`${prefix}_${id}_${'A'.repeat(43)}`)).toBeUndefined();
    expect(await tenants.authenticate('Bearer nonsense')).toBeUndefined();
    expect(await tenants.authenticate('')).toBeUndefined();
    await db.updateTable('api_keys').set({ revoked_at: 1 }).execute();
    expect(await createTenants({ ...createOrgStores(db), clock: createManualClock() }).authenticate(apiKey)).toBeUndefined();
  });

  it('grants orgs to a tenant (seen at once on this instance) and refuses bad names and unknown tenants', async () => {
    const db = await database.open();
    const tenants = createTenants({ ...createOrgStores(db), clock: createManualClock() });
    const { tenantId, apiKey } = await tenants.createKey({ tenantName: 'shop' });
    expect((await tenants.authenticate(apiKey))?.orgIds).toEqual([]);
    await tenants.grantOrg(tenantId, 'org-b');
    await tenants.grantOrg(tenantId, 'org-b');
    expect((await tenants.authenticate(apiKey))?.orgIds).toEqual(['org-b']);
    const bad = await tenants.createKey({ tenantName: '<script>' }).catch((e: unknown) => e);
    expect((bad as G2GError).fields).toEqual([{ field: 'tenantName', message: expect.any(String) }]);
    expect(((await tenants.grantOrg('nope', 'org-b').catch((e: unknown) => e)) as G2GError).code).toBe('not_found');
  });
});

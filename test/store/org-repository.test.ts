import { describe, expect, it } from 'vitest';
import type { PendingEvent } from '../../src/core/events-out/pending-event.js';
import { createOrgRepository } from '../../src/store/org-repository.js';
import { createOutboxRepository } from '../../src/store/outbox-repository.js';
import { createApiKeyRepository, createTenantBrandRepository, createTenantRepository } from '../../src/store/tenant-repository.js';
import { testDatabases } from '../support/databases.js';
import { refuseOutboxInserts } from '../support/refuse-outbox.js';
import { T0 } from '../support/visit-builders.js';

const authorization = (id: string, over: { receivedAt?: number; scopes?: string[] } = {}) => ({
  id, status: 'ready' as const, siteUrl: 'acme.webex.com', scopes: over.scopes ?? ['guest-meeting:rw'], authorizedAt: T0, reason: null, eventReceivedAt: over.receivedAt ?? T0,
});

/** Contracts of OrgStore, OrgWebhookStore, TenantStore and ApiKeyStore. */
describe.each(testDatabases())('org and tenant repositories on $name', (database) => {
  it('records an authorization, moves the org by compare-and-set, and keeps its webhook state', async () => {
    const orgs = createOrgRepository(await database.open());
    await orgs.recordAuthorization(authorization('o1'), T0);
    await orgs.setWebhooksProblem('o1', 'HTTP 500 from Webex', T0 + 1);
    // A repeated authorization keeps createdAt and clears the webhook problem.
    await orgs.recordAuthorization(authorization('o1', { scopes: ['guest-meeting:rw', 'meeting:participants_read'] }), T0 + 2);
    expect(await orgs.find('o1')).toEqual({
      id: 'o1', status: 'ready', siteUrl: 'acme.webex.com', scopes: ['guest-meeting:rw', 'meeting:participants_read'], authorizedAt: T0, statusReason: null,
      webhooksRegisteredAt: null, webhooksProblem: null, lastEventReceivedAt: T0, createdAt: T0, updatedAt: T0 + 2,
    });
    expect(await orgs.setStatus('o1', 'needs_reauth', 'refresh refused', T0 + 3, ['pending'])).toBe(false);
    expect(await orgs.setStatus('o1', 'needs_reauth', 'refresh refused', T0 + 3, ['ready'])).toBe(true);
    expect(await orgs.find('o1')).toMatchObject({ status: 'needs_reauth', statusReason: 'refresh refused' });
    await orgs.markWebhooksRegistered('o1', T0 + 4);
    expect(await orgs.find('o1')).toMatchObject({ webhooksRegisteredAt: T0 + 4, webhooksProblem: null });
    expect(await orgs.find('nope')).toBeUndefined();
  });

  it("stores an org's events with its status move, only when it moved, and moves nothing when they cannot be stored", async () => {
    const db = await database.open();
    const orgs = createOrgRepository(db);
    const outbox = createOutboxRepository(db);
    const event = (id: string, type: PendingEvent['type'] = 'org.needs_reauth'): PendingEvent => ({ id, seq: T0, type, orderKey: 'org:o1', body: '{}', createdAt: T0 });
    const stored = async () => (await outbox.listAll()).map((r) => r.id);
    await orgs.recordAuthorization(authorization('o1'), T0, [event('e-authorized', 'org.authorized')]);
    expect(await stored()).toEqual(['e-authorized']);
    // A compare-and-set that misses stores no event.
    expect(await orgs.setStatus('o1', 'needs_reauth', 'refused', T0 + 1, ['pending'], [event('e-miss')])).toBe(false);
    expect(await stored()).toEqual(['e-authorized']);
    const lift = await refuseOutboxInserts(db, database.name);
    try {
      await expect(orgs.setStatus('o1', 'needs_reauth', 'refused', T0 + 2, ['ready'], [event('e-refused')])).rejects.toThrow(/outbox refused/);
      await expect(orgs.recordAuthorization(authorization('o2'), T0 + 2, [event('e-o2', 'org.deauthorized')])).rejects.toThrow(/outbox refused/);
    } finally {
      await lift();
    }
    // Neither change committed without its event.
    expect(await orgs.find('o1')).toMatchObject({ status: 'ready', updatedAt: T0 });
    expect(await orgs.find('o2')).toBeUndefined();
    expect(await orgs.setStatus('o1', 'needs_reauth', 'refused', T0 + 3, ['ready'], [event('e-moved')])).toBe(true);
    expect((await stored()).sort()).toEqual(['e-authorized', 'e-moved']);
  });

  it('lists orgs oldest first, and applies serviceApp events in the order they were received', async () => {
    const orgs = createOrgRepository(await database.open());
    await orgs.recordAuthorization(authorization('o2'), T0 + 1);
    await orgs.recordAuthorization(authorization('o1', { receivedAt: T0 + 10 }), T0);
    expect((await orgs.list()).map((o) => o.id)).toEqual(['o1', 'o2']);
    expect((await orgs.list(['o2', 'zz'])).map((o) => o.id)).toEqual(['o2']);
    expect(await orgs.list([])).toEqual([]);
    expect(await orgs.claimEventOrder('o1', T0 + 9)).toBe(false); // older than the one applied
    expect(await orgs.claimEventOrder('o1', T0 + 11)).toBe(true);
    expect((await orgs.find('o1'))?.lastEventReceivedAt).toBe(T0 + 11);
    expect(await orgs.claimEventOrder('new-org', T0)).toBe(true);
  });

  it('keeps one tenant per name, its orgs in grant order, and finds API keys by id', async () => {
    const db = await database.open();
    const tenants = createTenantRepository(db);
    const keys = createApiKeyRepository(db);
    const acme = await tenants.ensure({ id: 't1', name: 'acme' }, T0);
    expect(await tenants.ensure({ id: 't2', name: 'acme' }, T0 + 1)).toEqual(acme);
    expect(acme).toEqual({ id: 't1', name: 'acme', createdAt: T0 });
    await tenants.grantOrg('t1', 'o2', T0);
    await tenants.grantOrg('t1', 'o1', T0 + 1);
    await tenants.grantOrg('t1', 'o2', T0 + 2);
    expect(await tenants.listOrgIds('t1')).toEqual(['o2', 'o1']);
    expect(await tenants.find('t2')).toBeUndefined();
    await keys.insert({ id: 'k1', tenantId: 't1', keyHash: 'abc', expiresAt: null }, T0);
    await keys.insert({ id: 'k2', tenantId: 't1', keyHash: 'def', expiresAt: T0 + 9 }, T0 + 1);
    expect(await keys.find('k1')).toEqual({ id: 'k1', tenantId: 't1', keyHash: 'abc', createdAt: T0, revokedAt: null, expiresAt: null });
    expect(await keys.find('k3')).toBeUndefined();
    // Listing never carries a hash; newest first.
    expect(await keys.list('t1')).toEqual([
      { id: 'k2', tenantId: 't1', createdAt: T0 + 1, revokedAt: null, expiresAt: T0 + 9 },
      { id: 'k1', tenantId: 't1', createdAt: T0, revokedAt: null, expiresAt: null },
    ]);
    expect(await keys.revoke('k1', T0 + 5)).toBe(true);
    expect(await keys.revoke('k1', T0 + 6)).toBe(true);
    expect((await keys.find('k1'))?.revokedAt).toBe(T0 + 5);
    expect(await keys.revoke('nope', T0)).toBe(false);
    expect(await tenants.list()).toEqual([acme]);
    expect(await tenants.listAllGrants()).toEqual([{ tenantId: 't1', orgId: 'o2' }, { tenantId: 't1', orgId: 'o1' }]);
  });

  it('stores a brand per tenant, replaces it whole, and answers undefined before one is set', async () => {
    const db = await database.open();
    const tenant = await createTenantRepository(db).ensure({ id: 't-brand', name: 'brand co' }, T0);
    const brands = createTenantBrandRepository(db);
    expect(await brands.find(tenant.id)).toBeUndefined();
    await brands.save(tenant.id, { displayName: 'Brand Co', logoUrl: 'https://x.example/l.png', accentColor: '#112233', language: 'es' }, T0);
    await brands.save(tenant.id, { displayName: null, logoUrl: null, accentColor: '#445566', language: 'en' }, T0 + 1);
    expect(await brands.find(tenant.id)).toEqual({ displayName: null, logoUrl: null, accentColor: '#445566', language: 'en' });
  });
});

import { describe, expect, it } from 'vitest';
import { createMetricsRepository } from '../../src/store/metrics-repository.js';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { testDatabases } from '../support/databases.js';
import { aVisit, T0 } from '../support/visit-builders.js';

/** Contract of MetricsStore. */
describe.each(testDatabases())('metrics repository on $name', (database) => {
  it('counts visits, orgs, licenses, meetings and the webhook backlog at one instant', async () => {
    const db = await database.open();
    const { reservationStore, capacityStore } = createVisitStores(db);
    await db.insertInto('orgs').values([
      { id: 'org-1', status: 'ready', site_url: null, scopes: '[]', authorized_at: T0, status_reason: null, webhooks_registered_at: null, last_event_received_at: null, created_at: T0, updated_at: T0 },
      { id: 'org-3', status: 'deauthorized', site_url: null, scopes: '[]', authorized_at: T0, status_reason: null, webhooks_registered_at: null, last_event_received_at: null, created_at: T0, updated_at: T0 },
    ]).execute();
    await capacityStore.setLicensed('org-2', 4, T0);
    await reservationStore.reserve(aVisit({ id: 'a', status: 'in_progress', meetingId: 'm1' }));
    await reservationStore.reserve(aVisit({ id: 'b', status: 'in_progress', meetingId: 'm1' }));
    await reservationStore.reserve(aVisit({ id: 'c', status: 'scheduled', startHoldUntil: T0 + 1 }));
    await reservationStore.reserve(aVisit({ id: 'd', status: 'scheduled', orgId: 'org-2' }));
    const inbox = (id: string, status: string, receivedAt: number) => ({
      id, dedupe_key: id, resource: 'meetings', event: 'started', org_id: null, webhook_id: null, body: '{}', status, attempts: 0, last_error: null, lease_until: null, received_at: receivedAt, processed_at: null,
    });
    await db.insertInto('webhook_events').values([inbox('w1', 'done', T0 - 9), inbox('w2', 'pending', T0 - 5), inbox('w3', 'failed', T0 - 7)]).execute();

    const s = await createMetricsRepository(db).readSnapshot(T0);
    expect(Object.fromEntries(s.visitsByStatus)).toEqual({ in_progress: 2, scheduled: 2 });
    expect(Object.fromEntries(s.orgsByStatus)).toEqual({ ready: 1, deauthorized: 1 });
    expect(s.orgIds).toEqual(['org-1', 'org-2', 'org-3']);
    expect(Object.fromEntries(s.inProgressByOrg)).toEqual({ 'org-1': 1 });
    expect(Object.fromEntries(s.startingByOrg)).toEqual({ 'org-1': 1 });
    expect(Object.fromEntries(s.licensedByOrg)).toEqual({ 'org-2': 4 });
    expect(Object.fromEntries(s.webhookEventsByStatus)).toEqual({ done: 1, pending: 1, failed: 1 });
    expect(s.webhookBacklog).toBe(2);
    expect(s.webhookOldestUnfinishedAt).toBe(T0 - 7);
    expect((await createMetricsRepository(db).readSnapshot(T0 + 1)).startingByOrg.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import type { EventRecorder } from '../../../src/core/events-out/pending-event.js';
import { createAdmissionGate, EXHAUSTED_EVENT_EVERY_MS } from '../../../src/core/governor/admission-gate.js';
import { createTypedEmitter } from '../../../src/core/typed-emitter.js';
import type { G2GEvents } from '../../../src/core/visits/visit-events.js';
import { createLogger } from '../../../src/logger.js';
import { createAdmissionRepository } from '../../../src/store/capacity-repository.js';
import { createOutboxRepository } from '../../../src/store/outbox-repository.js';
import { createVisitStores } from '../../../src/store/visit-stores.js';
import { testDatabases } from '../../support/databases.js';
import { refuseOutboxInserts } from '../../support/refuse-outbox.js';
import { aVisit, T0 } from '../../support/visit-builders.js';

/** The governor's effects on a real store: what a deferral stores, and that it is stored with the decision. */
describe.each(testDatabases())('the admission gate on $name', (database) => {
  async function setUp() {
    const db = await database.open();
    const { reservationStore, capacityStore } = createVisitStores(db);
    const clock = createManualClock(T0);
    const events = createTypedEmitter<G2GEvents>({ log: createLogger({ level: 'silent' }) });
    const told: G2GEvents['capacity.exhausted'][] = [];
    events.on('capacity.exhausted', (p) => void told.push(p));
    let n = 0;
    const outbox: EventRecorder = {
      prepare: (type, payload) => ({ id: `e${(n += 1)}`, seq: n, type, orderKey: `capacity:${String((payload as { orgId: string }).orgId)}`, body: JSON.stringify(payload), createdAt: clock.now() }),
    };
    const gate = createAdmissionGate({ store: createAdmissionRepository(db), clock, log: createLogger({ level: 'silent' }), events, outbox, reconcile: () => undefined });
    // One license, taken by a running meeting; `waiting` would start a second.
    await capacityStore.setLicensed('org-1', 1, T0);
    await reservationStore.reserve(aVisit({ id: 'running', status: 'in_progress', meetingId: 'm1' }));
    const waiting = aVisit({ id: 'waiting', status: 'scheduled', meetingId: 'm2' });
    await reservationStore.reserve(waiting);
    const stored = async () => (await createOutboxRepository(db).listAll()).map((r) => ({ type: r.type, orderKey: r.orderKey, body: JSON.parse(r.body) as unknown }));
    return { db, clock, gate, waiting, told, stored };
  }

  it('stores capacity.exhausted with the deferral, once a minute per visit, and emits what it stored', async () => {
    const { clock, gate, waiting, told, stored } = await setUp();
    expect(await gate.admit(waiting)).toMatchObject({ admit: false, why: 'license_exhausted', inProgress: 1, licensed: 1 });
    const news = { visitId: 'waiting', tenantId: waiting.tenantId, orgId: 'org-1', externalId: waiting.externalId, at: T0, inProgress: 1, starting: 0, licensed: 1 };
    expect(await stored()).toEqual([{ type: 'capacity.exhausted', orderKey: 'capacity:org-1', body: news }]);
    expect(told).toEqual([news]);
    // The guest's page asks again within the minute: deferred again, nothing more stored or told.
    clock.advance(5_000);
    expect(await gate.admit(waiting)).toMatchObject({ admit: false, why: 'license_exhausted' });
    expect(await stored()).toHaveLength(1);
    expect(told).toHaveLength(1);
    clock.advance(EXHAUSTED_EVENT_EVERY_MS);
    await gate.admit(waiting);
    expect(await stored()).toHaveLength(2);
    expect(told).toHaveLength(2);
  });

  it('tells nothing when the event cannot be stored, and tells it on the next ask once it can', async () => {
    const { db, gate, waiting, told, stored } = await setUp();
    const lift = await refuseOutboxInserts(db, database.name);
    try {
      await expect(gate.admit(waiting)).rejects.toThrow(/outbox refused/);
    } finally {
      await lift();
    }
    expect(told).toEqual([]);
    // The refused try did not count as told: the very next ask stores and tells it.
    await gate.admit(waiting);
    expect(await stored()).toHaveLength(1);
    expect(told).toHaveLength(1);
  });
});

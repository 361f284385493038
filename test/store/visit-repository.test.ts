import { describe, expect, it } from 'vitest';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { testDatabases } from '../support/databases.js';
import { aLink, aSeat, aVisit, T0 } from '../support/visit-builders.js';

/** Contract of VisitStore, ReservationStore and MeetingVisitStore (one repository implements all three). */
describe.each(testDatabases())('visit repository on $name', (database) => {
  const open = async () => createVisitStores(await database.open());

  it('lets only one reservation hold an idempotency key or externalId per tenant', async () => {
    const { reservationStore: store } = await open();
    expect(await store.reserve(aVisit({ id: 'v1', idempotencyKey: 'k' }))).toBe(true);
    expect(await store.reserve(aVisit({ id: 'v2', idempotencyKey: 'k' }))).toBe(false);
    expect(await store.reserve(aVisit({ id: 'v3', idempotencyKey: 'k', tenantId: 'tenant-b' }))).toBe(true);
    expect(await store.reserve(aVisit({ id: 'v4', externalId: 'x' }))).toBe(true);
    expect(await store.reserve(aVisit({ id: 'v5', externalId: 'x' }))).toBe(false);
    // Absent keys never collide.
    expect(await store.reserve(aVisit({ id: 'v6' }))).toBe(true);
    expect(await store.reserve(aVisit({ id: 'v7' }))).toBe(true);
    expect((await store.findByKey('tenant-a', { idempotencyKey: 'k' }))?.id).toBe('v1');
    expect((await store.findByKey('tenant-a', { externalId: 'x' }))?.id).toBe('v4');
    expect(await store.findByKey('tenant-a', {})).toBeUndefined();
  });

  it('gives back the visit it stored, with real booleans and numbers, and only to its tenant', async () => {
    const { reservationStore, visitStore } = await open();
    const visit = aVisit({ id: 'v1', hostless: false, space: true, adhoc: true, persistentGuests: true, externalId: 'x', roomId: 'r1', startHoldUntil: T0 + 5 });
    await reservationStore.reserve(visit);
    expect(await visitStore.find('tenant-a', 'v1')).toEqual(visit);
    expect(await visitStore.findById('v1')).toEqual(visit);
    expect(await visitStore.find('tenant-b', 'v1')).toBeUndefined();
    expect(await visitStore.findById('nope')).toBeUndefined();
  });

  it('completes a reservation with its seats and links at once, and removes it entirely', async () => {
    const { reservationStore, visitStore, seatStore, linkStore } = await open();
    await reservationStore.reserve(aVisit({ id: 'v1' }));
    const seats = Array.from({ length: 400 }, (_, i) => aSeat({ id: `s${i}`, visitId: 'v1', position: i }));
    const links = seats.map((s) => aLink({ participantId: s.id, visitId: 'v1' }));
    expect(await reservationStore.complete('v1', { status: 'scheduled', meetingId: 'm1', meetingNumber: '123' }, seats, links)).toBe(true);
    // A second completion finds no reservation.
    expect(await reservationStore.complete('v1', { status: 'scheduled' }, [], [])).toBe(false);
    expect(await visitStore.findById('v1')).toMatchObject({ status: 'scheduled', meetingId: 'm1', meetingNumber: '123', title: 'T' });
    expect(await seatStore.list(['v1'])).toHaveLength(400);
    expect(await linkStore.listActive(['v1'])).toHaveLength(400);
    await reservationStore.remove('v1');
    expect(await visitStore.findById('v1')).toBeUndefined();
    expect(await seatStore.list(['v1'])).toHaveLength(0);
    expect(await linkStore.findByHash('h-s0')).toBeUndefined();
  });

  it('pages by (start, id) without gaps or repeats and never lists reservations', async () => {
    const { reservationStore, visitStore, capacityStore } = await open();
    for (let i = 0; i < 7; i += 1) await reservationStore.reserve(aVisit({ id: `v${i}`, status: 'scheduled', startAt: T0 + (i % 3) * 60_000 }));
    await reservationStore.reserve(aVisit({ id: 'pending' }));
    const seen: string[] = [];
    let after: { startAt: number; id: string } | undefined;
    for (;;) {
      const page = await visitStore.list({ tenantId: 'tenant-a', limit: 3, after });
      seen.push(...page.map((v) => v.id));
      const last = page.at(-1);
      if (page.length < 3 || last === undefined) break;
      after = { startAt: last.startAt, id: last.id };
    }
    expect(seen.sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(typeof (await visitStore.list({ tenantId: 'tenant-a', limit: 1 }))[0]?.startAt).toBe('number');
    expect((await visitStore.list({ tenantId: 'tenant-a', limit: 10, fromMs: T0 + 60_000, toMs: T0 + 120_000 })).map((v) => v.id).sort()).toEqual(['v1', 'v4']);
    expect(await visitStore.list({ tenantId: 'tenant-a', limit: 10, status: 'ended' })).toEqual([]);
    expect(await capacityStore.countOverlapping('org-1', T0, T0 + 60_000, 'none')).toBe(3); // starts at T0 only
    expect(await capacityStore.countOverlapping('org-1', T0 + 120_000, T0 + 180_000, 'v0')).toBe(6);
  });

  it('moves a visit only from the given statuses and changes only the given fields', async () => {
    const { reservationStore, visitStore } = await open();
    await reservationStore.reserve(aVisit({ id: 'v1', status: 'scheduled', meetingState: 'ready' }));
    expect(await visitStore.update('v1', { status: 'in_progress', startedAt: T0 + 1 }, ['scheduled', 'missed'])).toBe(true);
    expect(await visitStore.update('v1', { status: 'in_progress', startedAt: T0 + 2 }, ['scheduled'])).toBe(false);
    expect(await visitStore.update('v1', { meetingState: null, updatedAt: T0 + 3 })).toBe(true);
    expect(await visitStore.update('nope', { title: 'x' })).toBe(false);
    expect(await visitStore.findById('v1')).toMatchObject({ status: 'in_progress', startedAt: T0 + 1, meetingState: null, updatedAt: T0 + 3, title: 'T' });
  });

  it('finds visits by series or instance id, ad-hoc visits by room, and the ones the sweeps look at', async () => {
    const { reservationStore, meetingVisitStore: store } = await open();
    const past = T0 - 3 * 3600_000;
    await reservationStore.reserve(aVisit({ id: 'series', status: 'scheduled', meetingId: 'm1', meetingInstanceId: 'm1_I_1' }));
    await reservationStore.reserve(aVisit({ id: 'old-room', status: 'ended', adhoc: true, roomId: 'r1', createdAt: T0 - 10 }));
    await reservationStore.reserve(aVisit({ id: 'new-room', status: 'scheduled', adhoc: true, roomId: 'r1', createdAt: T0 }));
    await reservationStore.reserve(aVisit({ id: 'room-reservation', adhoc: true, roomId: 'r1', createdAt: T0 + 10 }));
    await reservationStore.reserve(aVisit({ id: 'overdue', status: 'scheduled', endAt: past }));
    await reservationStore.reserve(aVisit({ id: 'stale', status: 'in_progress', endAt: past, startedAt: past - 60_000 }));
    await reservationStore.reserve(aVisit({ id: 'fresh', status: 'in_progress', startedAt: T0 }));
    await reservationStore.reserve(aVisit({ id: 'unknown-start', status: 'in_progress', orgId: 'org-2' }));
    await reservationStore.reserve(aVisit({ id: 'abandoned', createdAt: past }));

    expect((await store.findByMeetingIds(['m1'])).map((v) => v.id)).toEqual(['series']);
    expect((await store.findByMeetingIds(['m1_I_1', 'zzz'])).map((v) => v.id)).toEqual(['series']);
    expect(await store.findByMeetingIds([])).toEqual([]);
    expect((await store.findAdhocByRoom('r1'))?.id).toBe('new-room');
    expect(await store.findAdhocByRoom('r2')).toBeUndefined();
    expect((await store.listOverdueScheduled(T0)).map((v) => v.id)).toEqual(['overdue']);
    expect((await store.listStaleInProgress(T0)).map((v) => v.id)).toEqual(['stale']);
    expect((await store.listInProgressForOrg('org-1', T0)).map((v) => v.id)).toEqual(['stale']);
    expect((await store.listInProgressForOrg('org-2', T0)).map((v) => v.id)).toEqual(['unknown-start']);
    expect((await reservationStore.listStaleReservations(T0 - 60_000)).map((v) => v.id)).toEqual(['abandoned']);
  });
});

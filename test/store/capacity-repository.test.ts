import { describe, expect, it } from 'vitest';
import { createAdmissionRepository } from '../../src/store/capacity-repository.js';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { testDatabases } from '../support/databases.js';
import { aVisit, T0 } from '../support/visit-builders.js';

/** Contracts of CapacityStore and AdmissionStore. */
describe.each(testDatabases())('capacity and admission repositories on $name', (database) => {
  const open = async () => {
    const db = await database.open();
    return { ...createVisitStores(db), admission: createAdmissionRepository(db) };
  };

  it('records a license, counts meetings in progress by meeting, and starts by live hold', async () => {
    const { reservationStore, capacityStore } = await open();
    expect(await capacityStore.findLicensed('org-1')).toBeUndefined();
    await capacityStore.setLicensed('org-1', 3, T0);
    await capacityStore.setLicensed('org-1', 2, T0 + 1);
    expect(await capacityStore.findLicensed('org-1')).toBe(2);
    // Two visits on one series are one meeting; an ad-hoc visit counts by room; a visit without either by itself.
    await reservationStore.reserve(aVisit({ id: 'a', status: 'in_progress', meetingId: 'm1' }));
    await reservationStore.reserve(aVisit({ id: 'b', status: 'in_progress', meetingId: 'm1' }));
    await reservationStore.reserve(aVisit({ id: 'c', status: 'in_progress', adhoc: true, roomId: 'r1' }));
    await reservationStore.reserve(aVisit({ id: 'd', status: 'in_progress' }));
    await reservationStore.reserve(aVisit({ id: 'e', status: 'in_progress', meetingId: 'm9', orgId: 'org-2' }));
    await reservationStore.reserve(aVisit({ id: 'held', status: 'scheduled', startHoldUntil: T0 + 60_000 }));
    await reservationStore.reserve(aVisit({ id: 'lapsed', status: 'missed', startHoldUntil: T0 - 1 }));
    expect(await capacityStore.countInProgress('org-1')).toBe(3);
    expect(await capacityStore.countInProgress('org-3')).toBe(0);
    expect(await capacityStore.countStarting('org-1', T0)).toBe(1);
    expect(await capacityStore.countStarting('org-1', T0 + 60_000)).toBe(0);
  });

  it('reads the snapshot the governor decides on: license, version, running, held and asked-about visits', async () => {
    const { reservationStore, capacityStore, admission } = await open();
    expect(await admission.readSnapshot('org-1', 'x', T0)).toEqual({ licensed: null, version: null, entries: [] });
    await capacityStore.setLicensed('org-1', 1, T0);
    await reservationStore.reserve(aVisit({ id: 'run', status: 'in_progress', adhoc: true, roomId: 'r1' }));
    await reservationStore.reserve(aVisit({ id: 'held', status: 'scheduled', startHoldUntil: T0 + 5 }));
    await reservationStore.reserve(aVisit({ id: 'lapsed', status: 'scheduled', startHoldUntil: T0 }));
    await reservationStore.reserve(aVisit({ id: 'asked', status: 'scheduled', meetingId: 'm2', startHoldUntil: T0 - 1 }));
    await reservationStore.reserve(aVisit({ id: 'elsewhere', status: 'in_progress', orgId: 'org-2' }));
    const snapshot = await admission.readSnapshot('org-1', 'asked', T0);
    expect({ ...snapshot, entries: [...snapshot.entries].sort((x, y) => (x.id < y.id ? -1 : 1)) }).toEqual({
      licensed: 1,
      version: 0,
      entries: [
        { id: 'asked', status: 'scheduled', meetingKey: 'm2', holdUntil: null },
        { id: 'held', status: 'scheduled', meetingKey: 'held', holdUntil: T0 + 5 },
        { id: 'run', status: 'in_progress', meetingKey: 'r1', holdUntil: null },
      ],
    });
  });

  it('lets one of two decisions on the same version win, and holds only ever extend', async () => {
    const { reservationStore, capacityStore, visitStore, admission } = await open();
    await capacityStore.setLicensed('org-1', 1, T0);
    await reservationStore.reserve(aVisit({ id: 'v', status: 'scheduled' }));
    const wins = await Promise.all([admission.bumpVersion('org-1', 0), admission.bumpVersion('org-1', 0)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await admission.readSnapshot('org-1', 'v', T0)).version).toBe(1);
    expect(await admission.bumpVersion('org-2', 0)).toBe(false);
    await admission.holdStart('v', T0 + 10);
    await admission.holdStart('v', T0 + 5);
    expect((await visitStore.findById('v'))?.startHoldUntil).toBe(T0 + 10);
    await admission.releaseStart('v');
    expect((await visitStore.findById('v'))?.startHoldUntil).toBeNull();
  });

  it('runs a decision in one transaction: a failure inside leaves neither the version bump nor the hold', async () => {
    const { reservationStore, capacityStore, visitStore, admission } = await open();
    await capacityStore.setLicensed('org-1', 1, T0);
    await reservationStore.reserve(aVisit({ id: 'v', status: 'scheduled' }));
    await expect(
      admission.transaction(async (tx) => {
        expect(await tx.bumpVersion('org-1', 0)).toBe(true);
        await tx.holdStart('v', T0 + 10);
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    expect((await admission.readSnapshot('org-1', 'v', T0)).version).toBe(0);
    expect((await visitStore.findById('v'))?.startHoldUntil).toBeNull();
    expect(await admission.transaction(async (tx) => (await tx.bumpVersion('org-1', 0)) && 'committed')).toBe('committed');
    expect((await admission.readSnapshot('org-1', 'v', T0)).version).toBe(1);
  });
});

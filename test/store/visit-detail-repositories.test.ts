import { describe, expect, it } from 'vitest';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { testDatabases } from '../support/databases.js';
import { aLink, aSeat, aVisit, T0 } from '../support/visit-builders.js';

/** Contracts of SeatStore, LinkStore, GuestStore and MediaStore. */
describe.each(testDatabases())('seat, link, guest and media repositories on $name', (database) => {
  const open = async () => {
    const stores = createVisitStores(await database.open());
    await stores.reservationStore.reserve(aVisit({ id: 'v1', status: 'scheduled' }));
    await stores.reservationStore.reserve(aVisit({ id: 'v2', status: 'scheduled' }));
    return stores;
  };

  it('adds seats with their link, numbers them, lists them by visit then position and records joins', async () => {
    const { seatStore, linkStore } = await open();
    expect(await seatStore.nextPosition('v1')).toEqual({ next: 0, count: 0 });
    await seatStore.add(aSeat({ id: 'b', visitId: 'v1', position: 1, email: 'b@example.com', role: 'host', externalId: 'x', guestId: 'g' }), aLink({ participantId: 'b', visitId: 'v1' }));
    await seatStore.add(aSeat({ id: 'a', visitId: 'v1', position: 0 }), aLink({ participantId: 'a', visitId: 'v1' }));
    await seatStore.add(aSeat({ id: 'c', visitId: 'v2', position: 4 }), aLink({ participantId: 'c', visitId: 'v2' }));
    expect(await seatStore.nextPosition('v1')).toEqual({ next: 2, count: 2 });
    expect(await seatStore.nextPosition('v2')).toEqual({ next: 5, count: 1 });
    expect((await seatStore.list(['v2', 'v1'])).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(await seatStore.list([])).toEqual([]);
    expect((await linkStore.listActive(['v1'])).map((l) => l.participantId).sort()).toEqual(['a', 'b']);

    await seatStore.update('b', { joinedAt: T0 + 1, webexParticipantId: 'wp' });
    await seatStore.update('b', { leftAt: T0 + 2 });
    const [, b] = await seatStore.list(['v1']);
    expect(b).toEqual({
      id: 'b', visitId: 'v1', position: 1, displayName: 'P b', email: 'b@example.com', joinEmail: 'b@guests.g2g.invalid', role: 'host',
      externalId: 'x', guestId: 'g', webexParticipantId: 'wp', joinedAt: T0 + 1, leftAt: T0 + 2, createdAt: T0,
    });
    await seatStore.update('b', { leftAt: null });
    expect((await seatStore.list(['v1']))[1]?.leftAt).toBeNull();
  });

  it('adds neither the seat nor its link when the link cannot be stored', async () => {
    const { seatStore } = await open();
    await seatStore.add(aSeat({ id: 'a', visitId: 'v1' }), aLink({ participantId: 'a', visitId: 'v1', codeHash: 'same' }));
    await expect(seatStore.add(aSeat({ id: 'b', visitId: 'v1', position: 1 }), aLink({ participantId: 'b', visitId: 'v1', codeHash: 'same' }))).rejects.toThrow();
    expect((await seatStore.list(['v1'])).map((s) => s.id)).toEqual(['a']);
  });

  it('finds a link by its hash and replaces or revokes the live link of a seat', async () => {
    const { seatStore, linkStore } = await open();
    await seatStore.add(aSeat({ id: 'a', visitId: 'v1' }), aLink({ participantId: 'a', visitId: 'v1' }));
    expect(await linkStore.findByHash('h-a')).toEqual({ codeHash: 'h-a', participantId: 'a', visitId: 'v1', nonce: 'n', keyId: 'k', createdAt: T0, revokedAt: null, revokedReason: null });
    await linkStore.replace('a', T0 + 1, 'replaced', aLink({ participantId: 'a', visitId: 'v1', codeHash: 'h-new', createdAt: T0 + 1 }));
    expect(await linkStore.findByHash('h-a')).toMatchObject({ revokedAt: T0 + 1, revokedReason: 'replaced' });
    expect((await linkStore.listActive(['v1'])).map((l) => l.codeHash)).toEqual(['h-new']);
    await linkStore.replace('a', T0 + 2, 'revoked');
    expect(await linkStore.findByHash('h-new')).toMatchObject({ revokedAt: T0 + 2, revokedReason: 'revoked' });
    expect(await linkStore.listActive(['v1'])).toEqual([]);
    expect(await linkStore.findByHash('nope')).toBeUndefined();
  });

  it('keeps one guest per org and subject, refreshed by a later save', async () => {
    const { guestStore } = await open();
    await guestStore.save({ orgId: 'o', subject: 's', guestId: 'g1', email: 'g1@x.invalid', displayName: 'A' }, T0);
    await guestStore.save({ orgId: 'o', subject: 's', guestId: 'g2', email: 'g2@x.invalid', displayName: 'B' }, T0 + 1);
    await guestStore.save({ orgId: 'o2', subject: 's', guestId: 'g3', email: 'g3@x.invalid', displayName: 'C' }, T0);
    expect(await guestStore.find('o', 's')).toEqual({ orgId: 'o', subject: 's', guestId: 'g2', email: 'g2@x.invalid', displayName: 'B' });
    expect((await guestStore.find('o2', 's'))?.guestId).toBe('g3');
    expect(await guestStore.find('o', 'other')).toBeUndefined();
  });

  it('stores each recording or transcript once and lists them oldest first, by kind', async () => {
    const { mediaStore } = await open();
    const media = (id: string, createdAt: number, kind: 'recording' | 'transcript' = 'recording') => ({ id, visitId: 'v1', kind, meetingInstanceId: null, recordedAt: null, createdAt });
    await mediaStore.add(media('r2', T0 + 2));
    await mediaStore.add(media('r1', T0 + 1));
    await mediaStore.add({ ...media('r1', T0 + 9), meetingInstanceId: 'changed' }); // a redelivery changes nothing
    await mediaStore.add(media('t1', T0, 'transcript'));
    expect(await mediaStore.list('v1', 'recording')).toEqual([media('r1', T0 + 1), media('r2', T0 + 2)]);
    expect((await mediaStore.list('v1', 'transcript')).map((m) => m.id)).toEqual(['t1']);
    expect(await mediaStore.list('v2', 'recording')).toEqual([]);
  });
});

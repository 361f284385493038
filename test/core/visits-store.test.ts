import { describe, expect, it } from 'vitest';
import { completeVisit, deleteVisit, findVisitByKey, listParticipants, listVisits, reserveVisit, type NewVisitRow } from '../../src/store/visit-store.js';
import { findLinkByHash, listActiveLinks, replaceLinks } from '../../src/store/visit-link-store.js';
import { countOverlapping } from '../../src/store/visit-capacity-store.js';
import { testDatabases } from '../support/databases.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

function reservation(id: string, over: Partial<NewVisitRow> = {}): NewVisitRow {
  return {
    id,
    tenant_id: 'tenant-a',
    org_id: 'org-1',
    status: 'creating',
    title: 'T',
    start_at: T0,
    end_at: T0 + 30 * 60_000,
    duration_minutes: 30,
    hostless: 1,
    space: 0,
    adhoc: 0,
    persistent_guests: 0,
    external_id: null,
    idempotency_key: null,
    request_hash: 'h',
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

describe.each(testDatabases())('visit store on $name', (database) => {
  it('lets only one reservation hold an idempotency key or externalId per tenant', async () => {
    const db = await database.open();
    expect(await reserveVisit(db, reservation('v1', { idempotency_key: 'k' }))).toBe(true);
    expect(await reserveVisit(db, reservation('v2', { idempotency_key: 'k' }))).toBe(false);
    expect(await reserveVisit(db, reservation('v3', { idempotency_key: 'k', tenant_id: 'tenant-b' }))).toBe(true);
    expect(await reserveVisit(db, reservation('v4', { external_id: 'x' }))).toBe(true);
    expect(await reserveVisit(db, reservation('v5', { external_id: 'x' }))).toBe(false);
    // Absent keys never collide.
    expect(await reserveVisit(db, reservation('v6'))).toBe(true);
    expect(await reserveVisit(db, reservation('v7'))).toBe(true);
    expect((await findVisitByKey(db, 'tenant-a', { idempotencyKey: 'k' }))?.id).toBe('v1');
    expect((await findVisitByKey(db, 'tenant-a', { externalId: 'x' }))?.id).toBe('v4');
  });

  it('completes a reservation with its seats and links at once, and removes it entirely', async () => {
    const db = await database.open();
    await reserveVisit(db, reservation('v1'));
    const seats = Array.from({ length: 400 }, (_, i) => ({
      id: `s${i}`,
      visit_id: 'v1',
      position: i,
      display_name: `P${i}`,
      email: null,
      join_email: `s${i}@guests.g2g.invalid`,
      role: 'guest',
      external_id: null,
      guest_id: null,
      created_at: T0,
    }));
    const links = seats.map((s) => ({ code_hash: `h-${s.id}`, participant_id: s.id, visit_id: 'v1', nonce: 'n', key_id: 'k', created_at: T0 }));
    expect(await completeVisit(db, 'v1', { status: 'scheduled', meeting_id: 'm1' }, seats, links)).toBe(true);
    // A second completion finds no reservation.
    expect(await completeVisit(db, 'v1', { status: 'scheduled' }, [], [])).toBe(false);
    expect(await listParticipants(db, ['v1'])).toHaveLength(400);
    await replaceLinks(db, 's0', T0 + 1, 'replaced', { code_hash: 'h-new', participant_id: 's0', visit_id: 'v1', nonce: 'n2', key_id: 'k', created_at: T0 + 1 });
    expect((await findLinkByHash(db, 'h-s0'))?.revoked_reason).toBe('replaced');
    expect((await listActiveLinks(db, ['v1'])).filter((l) => l.participant_id === 's0').map((l) => l.code_hash)).toEqual(['h-new']);
    await deleteVisit(db, 'v1');
    expect(await listParticipants(db, ['v1'])).toHaveLength(0);
    expect(await findLinkByHash(db, 'h-new')).toBeUndefined();
  });

  it('pages by (start, id) without gaps or repeats and never lists reservations', async () => {
    const db = await database.open();
    for (let i = 0; i < 7; i += 1) {
      await reserveVisit(db, reservation(`v${i}`, { status: 'scheduled', start_at: T0 + (i % 3) * 60_000 }));
    }
    await reserveVisit(db, reservation('pending'));
    const seen: string[] = [];
    let after: { startAt: number; id: string } | undefined;
    for (;;) {
      const page = await listVisits(db, { tenantId: 'tenant-a', limit: 3, after });
      seen.push(...page.map((v) => v.id));
      const last = page.at(-1);
      if (page.length < 3 || last === undefined) break;
      after = { startAt: last.start_at, id: last.id };
    }
    expect(seen.sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(typeof (await listVisits(db, { tenantId: 'tenant-a', limit: 1 }))[0]?.start_at).toBe('number');
    expect(await countOverlapping(db, 'org-1', T0, T0 + 60_000, 'none')).toBe(3); // starts at T0 only
    expect(await countOverlapping(db, 'org-1', T0 + 120_000, T0 + 180_000, 'v0')).toBe(6);
  });
});

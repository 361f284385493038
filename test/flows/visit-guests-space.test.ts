import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.each(testDatabases())('persistent guests and spaces through the emulator on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    // Scheduling in a space (roomId) needs spark:all on top of the guest-to-guest scopes (docs/webex-contract.md §1).
    stack = await startStack(database, {
      serviceAppScopes: [
        'guest-meeting:rw',
        'meeting:schedules_read',
        'meeting:schedules_write',
        'meeting:participants_read',
        'guest-issuer:read',
        'guest-issuer:write',
        'spark:all',
      ],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const body = {
    title: 'Follow-up',
    persistentGuests: true,
    space: true,
    participants: [
      { displayName: 'Dr. Ada', email: 'ada@clinic.example' },
      { displayName: 'Pat', externalId: 'patient-7' },
    ],
  };

  it('creates a guest per person, a space with them in it, and the meeting in that space; guest tokens are shown once', async () => {
    await stack.control.clearRequests();
    const res = await stack.api('POST', '/api/v1/visits', { body });
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    expect(visit.roomId).toBeTruthy();
    for (const p of visit.participants) {
      expect(p.guestId).toBeTruthy();
      expect(p.guestToken?.accessToken).toBeTruthy();
    }
    const calls = (await stack.control.requests({ path: '/v1/*' })).map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c === 'POST /v1/guests/token')).toHaveLength(2);
    expect(calls.filter((c) => c === 'POST /v1/rooms')).toHaveLength(1);
    expect(calls.filter((c) => c === 'POST /v1/memberships')).toHaveLength(2);
    expect(calls.filter((c) => c === 'POST /v1/meetings')).toHaveLength(1);

    const again = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(again.participants.every((p) => p.guestToken === undefined)).toBe(true);
    const stored = JSON.stringify(await stack.db.selectFrom('visit_guests').selectAll().execute());
    for (const p of visit.participants) expect(stored.includes(p.guestToken?.accessToken ?? '')).toBe(false);

    // The same people later are the same Webex guests.
    const second = (await stack.api('POST', '/api/v1/visits', { body: { ...body, title: 'Second follow-up' } })).json as VisitView;
    expect(second.participants.map((p) => p.guestId)).toEqual(visit.participants.map((p) => p.guestId));

    const open = await stack.api('GET', new URL(visit.participants[1]?.joinUrl ?? '').pathname, { key: null });
    expect(open.status).toBe(302);
  });

  it('removes the space again when adding a member fails, and leaves no visit and no meeting', async () => {
    const before = Number((await stack.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await stack.control.clearRequests();
    await stack.control.addFault({ method: 'POST', path: '/v1/memberships', status: 500, count: 10 });
    const res = await stack.api('POST', '/api/v1/visits', { body: { ...body, title: 'Broken space', persistentGuests: false, participants: [{ displayName: 'A', email: 'a@example.com' }] } });
    await stack.control.clearFaults();
    expect(res.status).toBe(502);
    const calls = (await stack.control.requests({ path: '/v1/*' })).map((r) => `${r.method} ${r.path.replace(/\/v1\/rooms\/.+/, '/v1/rooms/ID')}`);
    expect(calls).toContain('DELETE /v1/rooms/ID');
    expect(calls).not.toContain('POST /v1/meetings');
    expect(Number((await stack.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('starts an ad-hoc meeting in the space without persisting its id, and joins the room\'s current one at click time', async () => {
    await stack.control.clearRequests();
    const res = await stack.api('POST', '/api/v1/visits', { body: { title: 'Right now', adhoc: true, participants: [{ displayName: 'A', email: 'a@example.com' }, { displayName: 'B' }] } });
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    expect(visit.adhoc).toBe(true);
    expect(visit.space).toBe(true);
    expect(visit.roomId).toBeTruthy();
    expect(visit.meeting.id).toBeTruthy(); // shown once, in this answer
    // docs/webex-contract.md §1.1: an ad-hoc meeting's id is not kept; the room is the handle.
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView).meeting.id).toBeNull();
    const row = await stack.db.selectFrom('visits').select(['meeting_id', 'meeting_number', 'room_id']).where('id', '=', visit.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ meeting_id: null, meeting_number: null, room_id: visit.roomId });

    // A, a member of the space, is on the ad-hoc meeting's invite (its lobby is for others, docs/webex-contract.md §1.1).
    const opened = await stack.api('GET', new URL(visit.participants[0]?.joinUrl ?? '').pathname, { key: null });
    expect(opened.status, opened.body).toBe(302);
    const calls = (await stack.control.requests({ path: '/v1/*' })).map((r) => `${r.method} ${r.path}`);
    // The click asked for the room's ad-hoc meeting again (Webex returns the ongoing one), then minted a link.
    expect(calls.filter((c) => c === 'POST /v1/meetings')).toHaveLength(2);
    expect(calls.at(-1)).toBe('POST /v1/meetings/join');

    // Its events are matched by room: the visit follows the ad-hoc meeting and its people.
    const joined = await stack.control.openLink({ url: String(opened.headers.location) });
    expect(joined).toMatchObject({ ok: true });
    await stack.settle();
    const running = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(running.status).toBe('in_progress');
    expect(running.participants[0]?.joinedAt).not.toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const guests = { title: 'Lost answer', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] };

/**
 * Webex acted, but its answer never reached g2g, and the follow-up look-up failed too: nothing may be lost,
 * duplicated or left orphaned in Webex (docs/guest-to-guest.md, "When Webex does not answer").
 */
describe.each(testDatabases())('answers lost after Webex acted, on $name', (database) => {
  let stack: Stack;
  const clock = createManualClock(Date.now());
  beforeAll(async () => {
    // 3 retries: a look-up failing 4 times in a row has used them all.
    stack = await startStack(database, {
      clock,
      webex: { maxRetries: 3 },
      serviceAppScopes: ['guest-meeting:rw', 'meeting:schedules_read', 'meeting:schedules_write', 'meeting:participants_read', 'guest-issuer:read', 'guest-issuer:write', 'spark:all'],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const creatingRows = async () => stack.db.selectFrom('visits').select(['id', 'room_id']).where('status', '=', 'creating').execute();
  // What Webex holds, read from the emulator's own state (not through g2g's client).
  const webexState = async () => (await stack.control.state()) as { meetings: { id: string; integrationTags: string[] }[]; rooms: { id: string; title: string }[] };
  const taggedMeetings = async (visitId: string) => (await webexState()).meetings.filter((m) => m.integrationTags.includes(visitId));

  it('keeps the reservation when the create answer is lost and the look-up fails; the retry gets 409 + Retry-After; the sweep deletes the meeting', async () => {
    await stack.control.addFault({ method: 'POST', path: '/v1/meetings', status: 502, count: 1, when: 'after' });
    await stack.control.addFault({ method: 'GET', path: '/v1/meetings', status: 503, count: 4 });
    const headers = { 'idempotency-key': 'lost-1' };
    const first = await stack.api('POST', '/api/v1/visits', { body: guests, headers });
    expect(first.status, first.body).toBe(502);
    expect(first.json).toMatchObject({ code: 'webex_outcome_unknown', detail: expect.stringMatching(/same Idempotency-Key/) });
    const [kept, ...others] = await creatingRows();
    expect(others).toEqual([]);
    if (kept === undefined) throw new Error('the reservation was not kept');
    expect(await taggedMeetings(kept.id)).toHaveLength(1); // Webex did make it

    const retry = await stack.api('POST', '/api/v1/visits', { body: guests, headers });
    expect(retry.status, retry.body).toBe(409);
    expect(Number(retry.headers['retry-after'])).toBeGreaterThan(0);

    // Past the request's own life, a retry settles it first; with Webex still failing that is again 409 + Retry-After.
    clock.advance(3 * 60_000);
    await stack.control.addFault({ method: 'GET', path: '/v1/meetings', status: 503, count: 4 });
    const stillDown = await stack.api('POST', '/api/v1/visits', { body: guests, headers });
    expect(stillDown.status, stillDown.body).toBe(409);
    expect(Number(stillDown.headers['retry-after'])).toBeGreaterThan(0);
    expect(await creatingRows()).toHaveLength(1);

    clock.advance(11 * 60_000);
    expect((await stack.g2g.sweep()).reservationsCleared).toBe(1);
    expect(await taggedMeetings(kept.id)).toEqual([]);
    expect(await creatingRows()).toEqual([]);

    const done = await stack.api('POST', '/api/v1/visits', { body: guests, headers });
    expect(done.status, done.body).toBe(201);
    const again = await stack.api('POST', '/api/v1/visits', { body: guests, headers });
    expect(again.status).toBe(200);
    expect(await taggedMeetings((done.json as { id: string }).id)).toHaveLength(1);
  });

  it('retries a failed space rollback from the sweep: the space is deleted and no reservation stays', async () => {
    await stack.control.clearFaults();
    // Adding the member fails, then deleting the space fails every retry.
    await stack.control.addFault({ method: 'POST', path: '/v1/memberships', status: 400, count: 1 });
    await stack.control.addFault({ method: 'DELETE', path: '/v1/rooms/*', status: 503, count: 4 });
    const title = `Space rollback ${clock.now()}`;
    const res = await stack.api('POST', '/api/v1/visits', { body: { title, space: true, participants: [{ displayName: 'A', email: 'a@example.com' }] } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [kept] = await creatingRows();
    expect(kept?.room_id).toEqual(expect.any(String));
    const spaces = async () => (await webexState()).rooms.filter((r) => r.title === title);
    expect(await spaces()).toHaveLength(1);

    clock.advance(11 * 60_000);
    expect((await stack.g2g.sweep()).reservationsCleared).toBe(1);
    expect(await spaces()).toEqual([]);
    expect(await creatingRows()).toEqual([]);
  });
});

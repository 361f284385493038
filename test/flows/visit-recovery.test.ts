import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const guests = { title: 'Recovery', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] };

describe.each(testDatabases())('visit recovery and sweeps on $name', (database) => {
  let stack: Stack;
  const clock = createManualClock(Date.now());
  beforeAll(async () => {
    // A short Webex timeout turns the injected latency into "no answer": the outcome of the create is unknown.
    // (1.5 s, not less: on a loaded CI machine a startup call must not time out.)
    stack = await startStack(database, { clock, webex: { timeoutMs: 1500, maxRetries: 0 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const visitRows = async () => stack.db.selectFrom('visits').select(['id', 'status']).execute();

  it('answers webex_outcome_unknown when Webex does not answer, keeps the reservation hidden, and the sweep settles it', async () => {
    await stack.control.clearRequests();
    await stack.control.addFault({ method: 'POST', path: '/v1/meetings', latencyMs: 4000, count: 1 });
    const res = await stack.api('POST', '/api/v1/visits', { body: { ...guests, externalId: 'slow-1' } });
    expect(res.status).toBe(502);
    expect((res.json as { code: string }).code).toBe('webex_outcome_unknown');
    // g2g looked for the meeting by its tag before answering.
    expect(await stack.control.requests({ method: 'GET', path: '/v1/meetings' })).toHaveLength(1);
    // The caller sees no visit; the reservation stays hidden until the sweep settles it.
    expect(((await stack.api('GET', '/api/v1/visits?externalId=slow-1')).json as { items: unknown[] }).items).toEqual([]);
    expect((await visitRows()).filter((r) => r.status === 'creating')).toHaveLength(1);

    expect(await stack.g2g.sweep()).toMatchObject({ missed: 0, reservationsCleared: 0 }); // too young to be called abandoned
    clock.advance(11 * 60_000);
    expect((await stack.g2g.sweep()).reservationsCleared).toBe(1);
    expect((await visitRows()).filter((r) => r.status === 'creating')).toEqual([]);
    // The same externalId can now be used again.
    const retry = await stack.api('POST', '/api/v1/visits', { body: { ...guests, externalId: 'slow-1' } });
    expect(retry.status, retry.body).toBe(201);
  });

  it('lets the caller retry an unknown outcome with the same key: 409 while it may still run, a fresh visit once it cannot', async () => {
    await stack.control.addFault({ method: 'POST', path: '/v1/meetings', latencyMs: 4000, count: 1 });
    const body = { ...guests, title: 'Retry me' };
    const first = await stack.api('POST', '/api/v1/visits', { body, headers: { 'idempotency-key': 'retry-1' } });
    expect((first.json as { code: string }).code).toBe('webex_outcome_unknown');
    const soon = await stack.api('POST', '/api/v1/visits', { body, headers: { 'idempotency-key': 'retry-1' } });
    expect(soon.status).toBe(409);
    expect(soon.headers['retry-after']).toBe('1');
    // A minute on, that request may have died with its instance: the wait named is the time left until a retry can
    // settle it (30 s at most at a time), not a second over and over.
    clock.advance(60_000);
    const stillUnknown = await stack.api('POST', '/api/v1/visits', { body, headers: { 'idempotency-key': 'retry-1' } });
    expect(stillUnknown.status).toBe(409);
    expect(stillUnknown.headers['retry-after']).toBe('30');
    clock.advance(50_000);
    const nearly = await stack.api('POST', '/api/v1/visits', { body, headers: { 'idempotency-key': 'retry-1' } });
    expect(Number(nearly.headers['retry-after'])).toBeGreaterThanOrEqual(10);
    expect(Number(nearly.headers['retry-after'])).toBeLessThanOrEqual(12);
    clock.advance(60_000);
    await stack.control.clearRequests();
    const later = await stack.api('POST', '/api/v1/visits', { body, headers: { 'idempotency-key': 'retry-1' } });
    expect(later.status, later.body).toBe(201);
    // It looked for a meeting of the abandoned attempt first, then made exactly one.
    const calls = (await stack.control.requests({ path: '/v1/meetings' })).map((r) => r.method);
    expect(calls).toEqual(['GET', 'POST']);
  });

  it('deletes a meeting Webex made for an abandoned reservation (found by its integrationTag)', async () => {
    const seed = stack.emulator.seed;
    const visitId = 'vis_abandoned0000000000000001';
    const now = clock.now();
    await stack.db
      .insertInto('visits')
      .values({
        id: visitId, tenant_id: 't', org_id: stack.orgId, status: 'creating', title: 'Crashed', start_at: now, end_at: now + 1800_000,
        duration_minutes: 30, hostless: 1, space: 0, adhoc: 0, persistent_guests: 0, external_id: null, idempotency_key: null,
        request_hash: 'h', created_at: now, updated_at: now,
      })
      .execute();
    // What Webex holds after a crash between its answer and our commit: a meeting tagged with the visit id.
    const start = new Date(Date.now() + 3600_000);
    const made = await fetch(`${seed.baseUrl}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Crashed', start: start.toISOString(), end: new Date(start.getTime() + 1800_000).toISOString(), siteUrl: seed.siteUrl, integrationTags: [visitId] }),
    });
    expect(made.status).toBe(200);
    const meetingId = ((await made.json()) as { id: string }).id;
    clock.advance(11 * 60_000);
    expect((await stack.g2g.sweep()).reservationsCleared).toBeGreaterThanOrEqual(1);
    expect((await stack.control.requests({ method: 'DELETE', path: `/v1/meetings/${meetingId}` })).map((r) => r.status)).toEqual([204]);
    expect((await visitRows()).find((r) => r.id === visitId)).toBeUndefined();
  });

  it('calls a scheduled visit that passed its end without starting missed, and says so', async () => {
    const missed: string[] = [];
    stack.g2g.on('visit.missed', ({ visitId }) => {
      missed.push(visitId);
    });
    const visit = (await stack.api('POST', '/api/v1/visits', { body: { ...guests, durationMinutes: 15 } })).json as VisitView;
    clock.advance(15 * 60_000);
    expect((await stack.g2g.sweep()).missed).toBe(0);
    clock.advance(20 * 60_000);
    expect((await stack.g2g.sweep()).missed).toBeGreaterThanOrEqual(1);
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView).status).toBe('missed');
    await new Promise((r) => setTimeout(r, 0));
    expect(missed).toContain(visit.id);
  });

  it('flags a visit that would exceed the known license, and still schedules it', async () => {
    const set = await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 1 } });
    expect(set.status, set.body).toBe(200);
    const { apiKey: otherKey } = await stack.g2g.tenants.createKey({ tenantName: 'not-this-org' });
    expect((await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 5 }, key: otherKey })).status).toBe(404);
    const start = new Date(clock.now() + 3600_000).toISOString();
    const first = (await stack.api('POST', '/api/v1/visits', { body: { ...guests, start } })).json as VisitView;
    const second = await stack.api('POST', '/api/v1/visits', { body: { ...guests, start } });
    expect(first.capacityWarning).toBeNull();
    expect(second.status).toBe(201);
    expect((second.json as VisitView).capacityWarning).toMatch(/license allows 1/);
    const capacity = await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`);
    expect(capacity.json).toEqual({ orgId: stack.orgId, licensed: 1, inProgress: 0, starting: 0, available: 1 });
  });

  it('ends a visit whose meetings:ended event never came, once Webex says the meeting no longer runs', async () => {
    const visit = (await stack.api('POST', '/api/v1/visits', { body: { ...guests, durationMinutes: 15 } })).json as VisitView;
    // As if `started` arrived and `ended` was lost.
    await stack.db.updateTable('visits').set({ status: 'in_progress' }).where('id', '=', visit.id).execute();
    expect((await stack.g2g.sweep()).staleEnded).toBe(0); // not yet long past its end
    clock.advance(80 * 60_000);
    await stack.control.clearRequests();
    expect((await stack.g2g.sweep()).staleEnded).toBeGreaterThanOrEqual(1);
    expect(await stack.control.requests({ method: 'GET', path: `/v1/meetings/${visit.meeting.id}` })).toHaveLength(1);
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView).status).toBe('ended');
  });
});

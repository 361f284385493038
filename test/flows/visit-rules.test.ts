import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantView, VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

interface ProblemBody {
  code: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  trackingId?: string;
}

const twoGuests = { title: 'Hostless chat', hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] };
const path = (joinUrl: string | null | undefined) => new URL(joinUrl ?? 'http://x/j/none').pathname;

describe.each(testDatabases())('visit rules through the emulator on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const countVisitRows = async () => Number((await stack.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const create = async (body: unknown, headers: Record<string, string> = {}) => stack.api('POST', '/api/v1/visits', { body, headers });
  const open = async (joinUrl: string | null) => {
    const res = await stack.api('GET', path(joinUrl), { key: null });
    expect(res.status, res.body).toBe(302);
    return stack.control.openLink({ url: String(res.headers.location) });
  };

  it('lets two guests start a hostless visit without any host', async () => {
    const res = await create(twoGuests);
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    expect(visit.hostless).toBe(true);
    const [pat, sam] = visit.participants;
    expect(await open(pat?.joinUrl ?? null)).toMatchObject({ ok: true, role: 'attendee', state: 'joined' });
    expect(await open(sam?.joinUrl ?? null)).toMatchObject({ ok: true, role: 'attendee', state: 'joined' });
    await stack.settle();
    const now = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(now.status).toBe('in_progress');
    expect(now.participants.every((p) => p.joinedAt !== null)).toBe(true);
  });

  it('refuses bad input with problem+json naming each field, and stores and sends nothing', async () => {
    const rowsBefore = await countVisitRows();
    await stack.control.clearRequests();
    const res = await create({ title: '', durationMinutes: 5, participants: [{ displayName: 'A', email: 'not-an-email', role: 'boss' }], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json as ProblemBody;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['durationMinutes', 'extra', 'participants.0.email', 'participants.0.role', 'title']);
    const many = await create({ title: 'Big', participants: Array.from({ length: 401 }, (_, i) => ({ displayName: `P${i}` })) });
    expect(many.status).toBe(400);
    expect((many.json as ProblemBody).errors?.map((e) => e.field)).toEqual(['participants']);
    const hostMissing = await create({ title: 'Hosted', hostless: false, participants: [{ displayName: 'Pat' }] });
    expect(hostMissing.status).toBe(400);
    expect((hostMissing.json as ProblemBody).errors?.map((e) => e.field)).toEqual(['participants']);
    const notJson = await stack.api('POST', '/api/v1/visits', { body: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    expect(await countVisitRows()).toBe(rowsBefore);
    expect(await stack.control.requests({ path: '/v1/*' })).toEqual([]);
  });

  it('takes 400 participants in one visit', async () => {
    const res = await create({ title: 'Town hall', participants: Array.from({ length: 400 }, (_, i) => ({ displayName: `P${i}` })) });
    expect(res.status, res.body).toBe(201);
    expect(new Set((res.json as VisitView).participants.map((p) => p.joinUrl)).size).toBe(400);
  });

  it('never makes a second Webex meeting for the same Idempotency-Key or externalId', async () => {
    await stack.control.clearRequests();
    const body = { ...twoGuests, title: 'Idempotent' };
    const [a, b] = await Promise.all([create(body, { 'idempotency-key': 'key-1' }), create(body, { 'idempotency-key': 'key-1' })]);
    // One wins (201); the other replays it (200) or, if it arrived mid-flight, is asked to retry (409).
    expect([a.status, b.status]).toContain(201);
    expect([200, 409]).toContain(a.status === 201 ? b.status : a.status);
    const again = await create(body, { 'idempotency-key': 'key-1' });
    expect(again.status).toBe(200);
    const first = (a.status === 201 ? a : b).json as VisitView;
    expect((again.json as VisitView).id).toBe(first.id);
    expect((again.json as VisitView).participants.map((p) => p.joinUrl)).toEqual(first.participants.map((p) => p.joinUrl));
    const other = await create({ ...body, title: 'Something else' }, { 'idempotency-key': 'key-1' });
    expect(other.status).toBe(409);
    expect((other.json as ProblemBody).code).toBe('idempotency_conflict');

    const byExternal = await create({ ...body, externalId: 'appt-42' });
    expect(byExternal.status).toBe(201);
    const byExternalAgain = await create({ ...body, externalId: 'appt-42' });
    expect(byExternalAgain.status).toBe(200);
    expect((byExternalAgain.json as VisitView).id).toBe((byExternal.json as VisitView).id);
    expect(await stack.control.requests({ method: 'POST', path: '/v1/meetings' })).toHaveLength(2);
  });

  it('leaves no orphan meeting and no visit when Webex fails, and reports Webex trackingId', async () => {
    const rowsBefore = await countVisitRows();
    await stack.control.clearRequests();
    await stack.control.addFault({ method: 'POST', path: '/v1/meetings', status: 500, count: 5 });
    const res = await create({ ...twoGuests, title: 'Doomed' });
    await stack.control.clearFaults();
    expect(res.status).toBe(502);
    const problem = res.json as ProblemBody;
    expect(problem.code).toBe('webex_error');
    expect(problem.trackingId).toBeTruthy();
    expect(await countVisitRows()).toBe(rowsBefore);
    expect((await stack.control.requests({ method: 'POST', path: '/v1/meetings' })).every((r) => r.status === 500)).toBe(true);
  });

  it('deletes the Webex meeting again when storing the visit fails after Webex made it', async () => {
    // A database refusal after the Webex call: the only step after the meeting exists is our own commit.
    if (database.name === 'sqlite') {
      await sql`create trigger refuse_links before insert on visit_links when (select title from visits where id = new.visit_id) = 'Explode' begin select raise(abort, 'refused by test trigger'); end`.execute(stack.db);
    } else {
      await sql`create function refuse_links() returns trigger language plpgsql as $$ begin if (select title from visits where id = new.visit_id) = 'Explode' then raise exception 'refused by test trigger'; end if; return new; end $$`.execute(stack.db);
      await sql`create trigger refuse_links before insert on visit_links for each row execute function refuse_links()`.execute(stack.db);
    }
    try {
      const rowsBefore = await countVisitRows();
      await stack.control.clearRequests();
      const res = await create({ ...twoGuests, title: 'Explode' });
      expect(res.status).toBe(500);
      expect((res.json as ProblemBody).detail).toBe('internal error');
      const created = await stack.control.requests({ method: 'POST', path: '/v1/meetings' });
      expect(created.map((r) => r.status)).toEqual([200]);
      const deleted = await stack.control.requests({ method: 'DELETE', path: '/v1/meetings/*' });
      expect(deleted.map((r) => r.status)).toEqual([204]);
      expect(await countVisitRows()).toBe(rowsBefore);
    } finally {
      await sql`drop trigger if exists refuse_links${database.name === 'sqlite' ? sql`` : sql` on visit_links`}`.execute(stack.db);
    }
  });

  it('re-issues and revokes a seat link: the old code stops working at once', async () => {
    const visit = (await create({ ...twoGuests, title: 'Links' })).json as VisitView;
    const seat = visit.participants[0] as ParticipantView;
    const reissued = await stack.api('POST', `/api/v1/visits/${visit.id}/participants/${seat.id}/link`);
    expect(reissued.status).toBe(200);
    const fresh = reissued.json as ParticipantView;
    expect(fresh.joinUrl).not.toBe(seat.joinUrl);
    const old = await stack.api('GET', path(seat.joinUrl), { key: null });
    expect(old.status).toBe(410);
    expect(old.body).toContain('This link was replaced');
    expect((await stack.api('GET', path(fresh.joinUrl), { key: null })).status).toBe(302);

    const revoked = await stack.api('DELETE', `/api/v1/visits/${visit.id}/participants/${seat.id}/link`);
    expect((revoked.json as ParticipantView).joinUrl).toBeNull();
    const dead = await stack.api('GET', path(fresh.joinUrl), { key: null });
    expect(dead.status).toBe(410);
    expect(dead.body).toContain('turned off');
    await stack.control.clearRequests();
    const head = await stack.g2g.app.inject({ method: 'HEAD', url: path(fresh.joinUrl) });
    expect(head.statusCode).toBe(200);
    expect(await stack.control.requests({ path: '/v1/*' })).toEqual([]); // no Webex link minted for a HEAD
    const unknown = await stack.api('GET', '/j/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { key: null });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/text\/html/);
  });

  it('adds a seat, reschedules, lists with filters and pages, and cancels (deleting the Webex meeting)', async () => {
    const visit = (await create({ ...twoGuests, title: 'Later', start: new Date(Date.now() + 2 * 3600_000).toISOString(), externalId: 'later-1' })).json as VisitView;
    const added = await stack.api('POST', `/api/v1/visits/${visit.id}/participants`, { body: { displayName: 'Dr. Lee', role: 'host' } });
    expect(added.status, added.body).toBe(201);
    expect((await stack.api('GET', path((added.json as ParticipantView).joinUrl), { key: null })).status).toBe(302);

    const newStart = new Date(Date.now() + 3 * 3600_000);
    newStart.setUTCSeconds(0, 0);
    const moved = await stack.api('PATCH', `/api/v1/visits/${visit.id}`, { body: { start: newStart.toISOString(), durationMinutes: 45, title: 'Later, moved' } });
    expect(moved.status, moved.body).toBe(200);
    expect(moved.json).toMatchObject({ title: 'Later, moved', start: newStart.toISOString(), end: new Date(newStart.getTime() + 45 * 60_000).toISOString() });
    expect(await stack.control.requests({ method: 'PATCH', path: `/v1/meetings/${visit.meeting.id}` })).toHaveLength(1);

    const byExternal = await stack.api('GET', '/api/v1/visits?externalId=later-1');
    expect((byExternal.json as { items: VisitView[] }).items.map((v) => v.id)).toEqual([visit.id]);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await stack.api('GET', `/api/v1/visits?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json as { items: VisitView[]; nextCursor: string | null };
      for (const v of page.items) {
        expect(seen.has(v.id)).toBe(false);
        seen.add(v.id);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.has(visit.id)).toBe(true);
    const bad = await stack.api('GET', '/api/v1/visits?status=nope&limit=0');
    expect((bad.json as ProblemBody).errors?.map((e) => e.field).sort()).toEqual(['limit', 'status']);

    const cancelled = await stack.api('DELETE', `/api/v1/visits/${visit.id}`);
    expect(cancelled.status).toBe(200);
    expect((cancelled.json as VisitView).status).toBe('cancelled');
    expect(await stack.control.requests({ method: 'DELETE', path: `/v1/meetings/${visit.meeting.id}` })).toHaveLength(1);
    const link = await stack.api('GET', path(visit.participants[0]?.joinUrl), { key: null });
    expect(link.status).toBe(410);
    expect(link.body).toContain('cancelled');
    expect((await stack.api('PATCH', `/api/v1/visits/${visit.id}`, { body: { title: 'x' } })).status).toBe(409);
  });

  it('refuses to reschedule a visit in progress', async () => {
    const visit = (await create({ ...twoGuests, title: 'Running' })).json as VisitView;
    await open(visit.participants[0]?.joinUrl ?? null);
    await stack.settle();
    const res = await stack.api('PATCH', `/api/v1/visits/${visit.id}`, { body: { title: 'Too late' } });
    expect(res.status).toBe(409);
    expect((res.json as ProblemBody).code).toBe('conflict');
  });

  it('keeps tenants apart: another key sees 404, a missing key 401', async () => {
    const visit = (await create({ ...twoGuests, title: 'Private' })).json as VisitView;
    const { apiKey: otherKey } = await stack.g2g.tenants.createKey({ tenantName: 'globex' });
    expect((await stack.api('GET', `/api/v1/visits/${visit.id}`, { key: otherKey })).status).toBe(404);
    expect((await stack.api('DELETE', `/api/v1/visits/${visit.id}`, { key: otherKey })).status).toBe(404);
    expect((await stack.api('POST', `/api/v1/visits/${visit.id}/participants/${visit.participants[0]?.id}/link`, { key: otherKey })).status).toBe(404);
    expect(((await stack.api('GET', '/api/v1/visits', { key: otherKey })).json as { items: unknown[] }).items).toEqual([]);
    const foreignOrg = await stack.api('POST', '/api/v1/visits', { key: otherKey, body: { ...twoGuests, orgId: stack.orgId } });
    expect(foreignOrg.status).toBe(404);
    const noKey = await stack.api('GET', `/api/v1/visits/${visit.id}`, { key: null });
    expect(noKey.status).toBe(401);
    expect(noKey.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves the OpenAPI document with the visit routes at /docs', async () => {
    const doc = (await stack.api('GET', '/docs/json', { key: null })).json as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/visits', '/api/v1/visits/{id}', '/j/{code}', '/healthz']));
    expect((await stack.api('GET', '/healthz', { key: null })).json).toEqual({ status: 'ok', database: 'ok' });
  });

  it('makes cohosts Webex invitees with coHost, each with its own (synthetic when absent) e-mail', async () => {
    const res = await create({
      title: 'Panel',
      participants: [
        { displayName: 'Co One', role: 'cohost' },
        { displayName: 'Co Two', role: 'cohost', email: 'two@clinic.example' },
        { displayName: 'Pat' },
      ],
    });
    expect(res.status, res.body).toBe(201);
    const visit = res.json as VisitView;
    const seed = stack.emulator.seed;
    const listed = await fetch(`${seed.baseUrl}/meetingInvitees?meetingId=${visit.meeting.id}`, { headers: { authorization: `Bearer ${seed.serviceApp.accessToken}` } });
    expect(listed.status).toBe(200);
    const invitees = ((await listed.json()) as { items: { email: string; displayName: string; coHost: boolean }[] }).items;
    expect(invitees.map((i) => [i.displayName, i.coHost]).sort()).toEqual([
      ['Co One', true],
      ['Co Two', true],
    ]);
    expect(invitees.find((i) => i.displayName === 'Co One')?.email).toMatch(/@guests\.g2g\.invalid$/);
    expect(invitees.find((i) => i.displayName === 'Co Two')?.email).toBe('two@clinic.example');
  });

  it('names the Idempotency-Key header when it is too long', async () => {
    const res = await create(twoGuests, { 'idempotency-key': 'k'.repeat(300) });
    expect(res.status).toBe(400);
    expect((res.json as ProblemBody).errors?.map((e) => e.field)).toEqual(['idempotency-key']);
  });

  it('refuses new visits once the org deauthorizes, with a clear error, and its links show a page', async () => {
    const visit = (await create({ ...twoGuests, title: 'Before deauth' })).json as VisitView;
    await stack.control.deauthorize(stack.emulator.seed.serviceApp.applicationId, { orgId: stack.orgId });
    await stack.settle();
    expect((await stack.g2g.orgs.get(stack.orgId))?.status).toBe('deauthorized');
    const res = await create({ ...twoGuests, title: 'After deauth' });
    expect(res.status).toBe(409);
    const problem = res.json as ProblemBody;
    expect(problem.code).toBe('org_deauthorized');
    expect(problem.detail).toMatch(/authorize it again/);
    const link = await stack.api('GET', path(visit.participants[0]?.joinUrl), { key: null });
    expect(link.status).toBe(503);
    expect(link.body).toContain('cannot take place');
    expect(link.body).not.toContain('try again in a minute');
    expect(link.headers['retry-after']).toBeUndefined();
  });

  it('refuses every change to a visit of the deauthorized org the same way, and stores nothing', async () => {
    const [visit] = ((await stack.api('GET', '/api/v1/visits?status=scheduled')).json as { items: VisitView[] }).items;
    if (visit === undefined) throw new Error('no visit left from the test before');
    const seat = visit.participants[0]?.id ?? '';
    const answers = [
      await stack.api('POST', `/api/v1/visits/${visit.id}/participants`, { body: { displayName: 'Late' } }),
      await stack.api('POST', `/api/v1/visits/${visit.id}/participants/${seat}/link`),
      await stack.api('DELETE', `/api/v1/visits/${visit.id}`),
    ];
    for (const res of answers) {
      expect(res.status, res.body).toBe(409);
      expect((res.json as ProblemBody).code).toBe('org_deauthorized');
    }
    const after = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(after.participants.map((p) => [p.id, p.joinUrl])).toEqual(visit.participants.map((p) => [p.id, p.joinUrl]));
    expect(after.status).toBe('scheduled');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startG2GTestKit, type G2GTestKit } from '../../src/testing/index.js';
import { testDatabases } from '../support/databases.js';

/** The testing kit (`g2g/testing`) as a user drives it: real emulator, real g2g on SQLite and PostgreSQL, real HTTP. */
describe.each(testDatabases())('g2g/testing on $name', (database) => {
  let kit: G2GTestKit;
  beforeAll(async () => {
    kit = await startG2GTestKit({ license: 2, config: { databaseUrl: await database.freshUrl() } });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('starts g2g against the emulator with the sandbox org ready and a working API key', async () => {
    expect((await kit.g2g.orgs.get(kit.orgId))?.status).toBe('ready');
    const res = await fetch(`${kit.url}/api/v1/visits`, { headers: { authorization: `Bearer ${kit.apiKey}` } });
    expect(res.status).toBe(200);
    expect(kit.emulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('joins and leaves as guests; the visit starts and ends; the journal shows what g2g asked Webex', async () => {
    const events: string[] = [];
    const off = [kit.g2g.on('visit.started', () => void events.push('started')), kit.g2g.on('visit.ended', () => void events.push('ended'))];
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Kit visit', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] });
    const [pat, sam] = visit.participants;
    const a = await kit.join(pat?.joinUrl ?? '', 'Pat');
    const b = await kit.join(sam?.joinUrl ?? '', 'Sam');
    if (!a.ok || !b.ok) throw new Error(`join refused: ${JSON.stringify([a, b])}`);
    expect(a).toMatchObject({ role: 'attendee', state: 'joined' });
    await kit.settle();
    expect((await kit.g2g.visits.get(kit.tenant, visit.id)).status).toBe('in_progress');
    await kit.leave(a.participantId);
    await kit.leave(b.participantId);
    await kit.settle();
    expect((await kit.g2g.visits.get(kit.tenant, visit.id)).status).toBe('ended');
    expect(events).toEqual(['started', 'ended']);
    const late = await kit.join(pat?.joinUrl ?? '', 'Pat');
    expect(late).toMatchObject({ ok: false, by: 'g2g', status: 410 });
    expect((await kit.journal({ method: 'POST', path: '/v1/meetings/join' })).length).toBeGreaterThanOrEqual(2);
    for (const unsubscribe of off) unsubscribe();
  });

  it('a Webex answer lost after the meeting was made (504, reset): g2g finds that meeting instead of making a second', async () => {
    for (const lost of [{ status: 504 }, { lose: 'reset' as const }]) {
      await kit.injectFault({ method: 'POST', path: '/v1/meetings', when: 'after', count: 1, ...lost });
      const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: `Lost ${JSON.stringify(lost)}`, participants: [{ displayName: 'Pat' }] });
      expect(visit.status).toBe('scheduled');
      const journal = await kit.journal({ path: '/v1/meetings' });
      const [post, lookup] = journal.slice(-2);
      expect(post).toMatchObject({ method: 'POST', status: 200, lost: 'status' in lost ? 504 : 'reset' });
      expect(lookup).toMatchObject({ method: 'GET', query: expect.stringContaining(`integrationTag=${visit.id}`) });
      const tagged = await fetch(`${kit.emulator.baseUrl}/meetings?integrationTag=${visit.id}`, { headers: { authorization: `Bearer ${kit.emulator.seed.serviceApp.accessToken}` } });
      const items = ((await tagged.json()) as { items: { id: string }[] }).items;
      expect(items.map((m) => m.id)).toEqual([visit.meeting.id]);
    }
  });

  it('moves g2g and the emulator clocks together: a visit nobody joined becomes missed', async () => {
    const start = new Date(Date.now() + 2 * 3600_000).toISOString();
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Nobody came', start, durationMinutes: 30, participants: [{ displayName: 'Pat' }] });
    await kit.advanceClock(3 * 3600_000);
    expect((await kit.g2g.sweep()).missed).toBeGreaterThanOrEqual(1);
    expect((await kit.g2g.visits.get(kit.tenant, visit.id)).status).toBe('missed');
    const meeting = await fetch(`${kit.emulator.baseUrl}/meetings/${visit.meeting.id}`, { headers: { authorization: `Bearer ${kit.emulator.seed.serviceApp.accessToken}` } });
    expect(((await meeting.json()) as { state: string }).state).toBe('expired');
  });

  it('follows a meeting moved in Webex in another time zone (local times, offsets in Webex answers)', async () => {
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Moved in New York', participants: [{ displayName: 'Pat' }] });
    const start = new Date(Math.ceil((Date.now() + 26 * 3600_000) / 3600_000) * 3600_000);
    // New York local wall-clock time, no offset: Webex reads it in the meeting's `timezone` (December: UTC-5).
    const local = (ms: number) => new Date(ms - 5 * 3600_000).toISOString().slice(0, 19);
    const res = await fetch(`${kit.emulator.baseUrl}/meetings/${visit.meeting.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${kit.emulator.seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timezone: 'America/New_York', start: local(start.getTime()), end: local(start.getTime() + 45 * 60_000) }),
    });
    expect(((await res.json()) as { start: string }).start).toBe(`${local(start.getTime())}-05:00`);
    await kit.settle();
    const moved = await kit.g2g.visits.get(kit.tenant, visit.id);
    expect([moved.start, moved.durationMinutes]).toEqual([start.toISOString(), 45]);
  });

  it('refuses a second start beyond the license through g2g, as the emulator refuses it in Webex', async () => {
    const hosts = [];
    for (const title of ['One', 'Two', 'Three']) hosts.push((await kit.g2g.visits.schedule(kit.tenant, { title, participants: [{ displayName: 'Pat' }] })).visit);
    const results = [];
    for (const v of hosts) results.push(await kit.join(v.participants[0]?.joinUrl ?? '', 'Pat'));
    expect(results.slice(0, 2).map((r) => r.ok)).toEqual([true, true]);
    expect(results[2]?.ok).toBe(false);
  });
});

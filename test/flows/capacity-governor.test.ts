import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { G2GEvents } from '../../src/core/visits/visit-events.js';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createG2G, type G2G } from '../../src/g2g.js';
import { createLogger } from '../../src/logger.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const twoGuests = (title: string) => ({ title, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] });
const pathOf = (joinUrl: string | null | undefined) => new URL(joinUrl ?? 'http://x/j/none').pathname;

/** Sets the emulator site's license (Control Hub) and tells g2g the same number, as an operator would. */
async function license(stack: Stack, n: number): Promise<void> {
  const site = await fetch(`${stack.emulator.seed.controlUrl}/sites/${encodeURIComponent(stack.emulator.seed.siteUrl)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ concurrentMeetings: n }),
  });
  expect(site.status).toBe(200);
  const set = await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: n } });
  expect(set.status, set.body).toBe(200);
}

/** What the emulator itself says runs on the seed site. */
async function emulatorInProgress(stack: Stack): Promise<number> {
  const overview = (await (await fetch(`${stack.emulator.seed.controlUrl}/overview`)).json()) as { orgs: { sites: { siteUrl: string; inProgress: number }[] }[] };
  const site = overview.orgs.flatMap((o) => o.sites).find((s) => s.siteUrl === stack.emulator.seed.siteUrl);
  return site?.inProgress ?? -1;
}

describe.each(testDatabases())('license governor at click time on $name', (database) => {
  let stack: Stack;
  const exhausted: G2GEvents['capacity.exhausted'][] = [];
  const logLines: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    stack = await startStack(database, { log: createLogger({ level: 'info', destination }) });
    stack.g2g.on('capacity.exhausted', (e) => {
      exhausted.push(e);
    });
    await license(stack, 2);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const schedule = async (title: string) => {
    const res = await stack.api('POST', '/api/v1/visits', { body: twoGuests(title) });
    expect(res.status, res.body).toBe(201);
    return res.json as VisitView;
  };
  const click = (joinUrl: string | null | undefined) => stack.api('GET', pathOf(joinUrl), { key: null });
  /** Clicks a g2g link, expects the redirect, and opens the Webex link at the emulator (the Join button). */
  const join = async (joinUrl: string | null | undefined) => {
    const res = await click(joinUrl);
    expect(res.status, res.body).toBe(302);
    const opened = await stack.control.openLink({ url: String(res.headers.location) });
    if (!opened.ok) throw new Error(`the emulator refused the join: ${opened.code} ${opened.message}`);
    return opened;
  };
  const capacity = async () => (await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`)).json;
  const running: string[] = []; // instance ids of meetings this suite started

  it('shows a waiting page instead of a third start, mints no Webex link, and lets the guest in once a meeting ends', async () => {
    const [a, b, c] = [await schedule('A'), await schedule('B'), await schedule('C')];
    const aPat = await join(a.participants[0]?.joinUrl);
    const bPat = await join(b.participants[0]?.joinUrl);
    running.push(aPat.meetingId, bPat.meetingId);
    await stack.settle();
    expect(await capacity()).toEqual({ orgId: stack.orgId, licensed: 2, inProgress: 2, starting: 0, available: 0 });

    await stack.control.clearRequests();
    const wait = await click(c.participants[0]?.joinUrl);
    expect(wait.status).toBe(503);
    expect(wait.headers['retry-after']).toBe('5');
    expect(wait.headers['cache-control']).toBe('no-store');
    expect(String(wait.headers['content-type'])).toMatch(/^text\/html/);
    expect(wait.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(wait.body).toContain('as soon as a room is free');
    expect(wait.body).toContain('C'); // the visit's title
    expect(await stack.control.requests({ method: 'POST', path: '/v1/meetings/join' })).toEqual([]);
    expect(await emulatorInProgress(stack)).toBe(2);
    expect(((await stack.api('GET', `/api/v1/visits/${c.id}`)).json as VisitView).status).toBe('scheduled');
    await new Promise((r) => setTimeout(r, 0)); // events are delivered after the current work
    expect(exhausted).toContainEqual(expect.objectContaining({ orgId: stack.orgId, visitId: c.id, inProgress: 2, licensed: 2, starting: 0 }));
    // One info line with ids and numbers only: never the join code.
    const deferral = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'join deferred: every license is in use');
    expect(deferral).toMatchObject({ level: 30, orgId: stack.orgId, visitId: c.id, inProgress: 2, starting: 0, licensed: 2 });
    expect(JSON.stringify(deferral)).not.toContain(pathOf(c.participants[0]?.joinUrl).slice(3));
    // Kept for usage reports: the org's deferred clicks and waits.
    const usage = (await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/usage?granularity=hour&from=${new Date(Date.now() - 3_600_000).toISOString()}`)).json as { totals: { deferredClicks: number } };
    expect(usage.totals.deferredClicks).toBe(1);

    // A second seat of a meeting that runs takes no new license: let through at full capacity.
    const aSam = await join(a.participants[1]?.joinUrl);
    expect(aSam.meetingId).toBe(aPat.meetingId);

    await stack.control.endMeeting(aPat.meetingId);
    running.splice(running.indexOf(aPat.meetingId), 1);
    await stack.settle();
    expect(await capacity()).toMatchObject({ inProgress: 1, available: 1 });
    const cPat = await join(c.participants[0]?.joinUrl);
    expect(cPat).toMatchObject({ role: 'attendee', state: 'joined' });
    running.push(cPat.meetingId);
    await stack.settle();
    expect(((await stack.api('GET', `/api/v1/visits/${c.id}`)).json as VisitView).status).toBe('in_progress');
    expect(await emulatorInProgress(stack)).toBe(2);
  });

  it('lets exactly one of two simultaneous starts take the last license, so neither guest meets the license error', async () => {
    await stack.control.endMeeting(running.pop() ?? '');
    await stack.settle();
    expect(await capacity()).toMatchObject({ inProgress: 1, available: 1 });
    const [d, e] = [await schedule('D'), await schedule('E')];
    const answers = await Promise.all([click(d.participants[0]?.joinUrl), click(e.participants[0]?.joinUrl)]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 503]);
    const through = answers.find((r) => r.status === 302);
    // Let through but not seen running yet: it already counts against the license.
    expect(await capacity()).toMatchObject({ inProgress: 1, starting: 1, available: 0 });
    const opened = await stack.control.openLink({ url: String(through?.headers.location) });
    expect(opened).toMatchObject({ ok: true, state: 'joined' });
    if (opened.ok) running.push(opened.meetingId);
    // The held-back visit keeps waiting, and the started one's other seat still gets in.
    const [heldBack, started] = answers[0]?.status === 503 ? [d, e] : [e, d];
    expect((await click(heldBack.participants[0]?.joinUrl)).status).toBe(503);
    await stack.settle();
    expect((await click(started.participants[1]?.joinUrl)).status).toBe(302);
    expect(await emulatorInProgress(stack)).toBe(2);
  });
  it('gives the license back when Webex mints no link for a click it let through', async () => {
    await stack.control.endMeeting(running.pop() ?? '');
    await stack.settle();
    expect(await capacity()).toMatchObject({ inProgress: 1, available: 1 });
    const [x, y] = [await schedule('X'), await schedule('Y')];
    await stack.control.addFault({ method: 'POST', path: '/v1/meetings/join', status: 400, count: 1 });
    expect((await click(x.participants[0]?.joinUrl)).status).toBe(502);
    const yPat = await join(y.participants[0]?.joinUrl);
    expect(yPat).toMatchObject({ state: 'joined' });
  });
});

describe.each(testDatabases())('license governor self-healing on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
    await license(stack, 2);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('checks the org\'s running meetings with Webex when a guest is held back, so a lost meetings:ended frees the license', async () => {
    const schedule = async (title: string) => (await stack.api('POST', '/api/v1/visits', { body: twoGuests(title) })).json as VisitView;
    const [lost, fresh, next] = [await schedule('Lost end'), await schedule('Fresh'), await schedule('Next')];
    // As if `meetings:started` arrived minutes ago and `meetings:ended` was lost: Webex runs nothing.
    await stack.db.updateTable('visits').set({ status: 'in_progress', started_at: Date.now() - 10 * 60_000 }).where('id', '=', lost.id).execute();
    // Seen starting a moment ago: Webex may lag, so it is not questioned (ending it by mistake would over-admit).
    await stack.db.updateTable('visits').set({ status: 'in_progress', started_at: Date.now() }).where('id', '=', fresh.id).execute();
    await stack.control.clearRequests();
    const wait = await stack.api('GET', pathOf(next.participants[0]?.joinUrl), { key: null });
    expect(wait.status).toBe(503);
    await expect.poll(async () => ((await stack.api('GET', `/api/v1/visits/${lost.id}`)).json as VisitView).status).toBe('ended');
    expect(await stack.control.requests({ method: 'GET', path: `/v1/meetings/${lost.meeting.id}` })).toHaveLength(1);
    expect(await stack.control.requests({ method: 'GET', path: `/v1/meetings/${fresh.meeting.id}` })).toEqual([]);
    expect(((await stack.api('GET', `/api/v1/visits/${fresh.id}`)).json as VisitView).status).toBe('in_progress');

    const through = await stack.api('GET', pathOf(next.participants[0]?.joinUrl), { key: null });
    expect(through.status, through.body).toBe(302);
    expect(await stack.control.openLink({ url: String(through.headers.location) })).toMatchObject({ ok: true, state: 'joined' });
  });
});

describe.each(testDatabases())('license governor across two g2g instances on one $name database', (database) => {
  let stack: Stack;
  let other: G2G;
  beforeAll(async () => {
    stack = await startStack(database);
    await license(stack, 1);
    // A second instance on the same database (as behind a load balancer): its own governor, nothing shared in memory.
    other = await createG2G(stack.config, {
      db: stack.db,
      log: createLogger({ level: 'silent' }),
      sweepIntervalMs: 0,
      instanceId: 'second',
      tuning: { inboxSweepIntervalMs: 0, refreshIntervalMs: 0 },
    });
  });
  afterAll(async () => {
    await other?.stop();
    await stack?.close();
  });

  it('lets exactly one of two simultaneous starts, one through each instance, take the last license', async () => {
    const schedule = async (title: string) => (await stack.api('POST', '/api/v1/visits', { body: twoGuests(title) })).json as VisitView;
    const [d, e] = [await schedule('D'), await schedule('E')];
    const [viaFirst, viaSecond] = await Promise.all([
      stack.g2g.app.inject({ method: 'GET', url: pathOf(d.participants[0]?.joinUrl) }),
      other.app.inject({ method: 'GET', url: pathOf(e.participants[0]?.joinUrl) }),
    ]);
    expect([viaFirst.statusCode, viaSecond.statusCode].sort()).toEqual([302, 503]);
    const through = viaFirst.statusCode === 302 ? viaFirst : viaSecond;
    expect(await stack.control.openLink({ url: String(through.headers.location) })).toMatchObject({ ok: true, state: 'joined' });
    expect(await stack.control.requests({ method: 'POST', path: '/v1/meetings/join' })).toHaveLength(1);
  });
});

describe.each(testDatabases())('license governor self-healing for ad-hoc visits on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    // Ad-hoc meetings live in a space, which needs spark:all on top of the guest-to-guest scopes (docs/webex-contract.md §1).
    stack = await startStack(database, {
      serviceAppScopes: ['guest-meeting:rw', 'meeting:schedules_read', 'meeting:schedules_write', 'meeting:participants_read', 'guest-issuer:read', 'guest-issuer:write', 'spark:all'],
    });
    expect((await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 1 } })).status).toBe(200);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('checks an ad-hoc meeting (no meeting id kept) by the instance its events named', async () => {
    const adhoc = (await stack.api('POST', '/api/v1/visits', { body: { title: 'Right now', adhoc: true, participants: [{ displayName: 'A', email: 'a@example.com' }] } })).json as VisitView;
    const opened = await stack.api('GET', pathOf(adhoc.participants[0]?.joinUrl), { key: null });
    expect(opened.status, opened.body).toBe(302);
    const joined = await stack.control.openLink({ url: String(opened.headers.location) });
    if (!joined.ok) throw new Error(`ad-hoc meeting did not start: ${joined.code}`);
    await stack.settle();
    expect(((await stack.api('GET', `/api/v1/visits/${adhoc.id}`)).json as VisitView).status).toBe('in_progress');

    // The meeting ends but g2g never hears of it (as if `meetings:ended` was lost).
    await stack.control.endMeeting(joined.meetingId);
    await stack.settle();
    await stack.db.updateTable('visits').set({ status: 'in_progress', ended_at: null, started_at: Date.now() - 10 * 60_000 }).where('id', '=', adhoc.id).execute();

    const next = (await stack.api('POST', '/api/v1/visits', { body: twoGuests('Next') })).json as VisitView;
    await stack.control.clearRequests();
    expect((await stack.api('GET', pathOf(next.participants[0]?.joinUrl), { key: null })).status).toBe(503);
    await expect.poll(async () => ((await stack.api('GET', `/api/v1/visits/${adhoc.id}`)).json as VisitView).status).toBe('ended');
    expect(await stack.control.requests({ method: 'GET', path: `/v1/meetings/${joined.meetingId}` })).toHaveLength(1);
    expect((await stack.api('GET', pathOf(next.participants[0]?.joinUrl), { key: null })).status).toBe(302);
  });
});

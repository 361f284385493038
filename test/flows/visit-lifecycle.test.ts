import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { G2GEvents } from '../../src/core/visits/visit-events.js';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.each(testDatabases())('visit lifecycle through the emulator on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('authorizes the org through the webhook and fetches its tokens', async () => {
    expect((await stack.g2g.orgs.get(stack.orgId))?.status).toBe('ready');
    const tokenCalls = await stack.control.requests({ method: 'POST', path: `/v1/applications/${stack.emulator.seed.serviceApp.applicationId}/token` });
    expect(tokenCalls.length).toBeGreaterThanOrEqual(1);
  });

  it('schedules a hosted visit with one Webex call, mints links at click time, and follows the meeting to ended', async () => {
    const events: { name: keyof G2GEvents; visitId: string }[] = [];
    for (const name of ['visit.scheduled', 'visit.started', 'visit.ended', 'participant.joined', 'participant.left'] as const) {
      stack.g2g.on(name, (p) => {
        events.push({ name, visitId: (p as { visitId: string }).visitId });
      });
    }
    await stack.control.clearRequests();
    const created = await stack.api('POST', '/api/v1/visits', {
      body: {
        title: 'Consultation',
        durationMinutes: 30,
        participants: [
          { displayName: 'Dr. Ada', role: 'host', email: 'ada@clinic.example' },
          { displayName: 'Pat', role: 'guest' },
        ],
      },
    });
    expect(created.status, created.body).toBe(201);
    const visit = created.json as VisitView;
    expect(visit.status).toBe('scheduled');
    expect(visit.hostless).toBe(false);
    expect(visit.meeting.id).toMatch(/^[0-9a-f]{32}$/);
    expect(visit.meeting.siteUrl).toBe(stack.emulator.seed.siteUrl);
    expect(visit.participants).toHaveLength(2);
    for (const p of visit.participants) expect(p.joinUrl).toMatch(new RegExp(`^${stack.config.publicUrl}/j/[A-Za-z0-9_-]{43}$`));
    // Exactly one Webex call while scheduling: no join links minted ahead, no extra reads.
    const v1 = await stack.control.requests({ path: '/v1/*' });
    expect(v1.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/meetings']);

    const [host, guest] = visit.participants;
    const hostRedirect = await stack.api('GET', new URL(host?.joinUrl ?? '').pathname, { key: null });
    expect(hostRedirect.status).toBe(302);
    expect(hostRedirect.headers['cache-control']).toBe('no-store');
    const hostLink = String(hostRedirect.headers.location);
    expect(hostLink.startsWith(stack.emulator.emulator.pagesUrl)).toBe(true);
    const joins = await stack.control.requests({ method: 'POST', path: '/v1/meetings/join' });
    expect(joins).toHaveLength(1);

    const hostOpened = await stack.control.openLink({ url: hostLink });
    expect(hostOpened).toMatchObject({ ok: true, role: 'host' });
    const guestRedirect = await stack.api('GET', new URL(guest?.joinUrl ?? '').pathname, { key: null });
    expect(guestRedirect.status).toBe(302);
    const guestOpened = await stack.control.openLink({ url: String(guestRedirect.headers.location) });
    expect(guestOpened).toMatchObject({ ok: true, role: 'attendee' });

    await stack.settle();
    const running = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(running.status).toBe('in_progress');
    expect(running.startedAt).not.toBeNull();
    expect(running.capacity?.inProgress).toBe(1);
    expect(running.participants.map((p) => p.joinedAt !== null)).toEqual([true, true]);

    if (!guestOpened.ok || !hostOpened.ok) throw new Error('links did not open');
    await stack.control.leave(guestOpened.participantId);
    await stack.control.endMeeting(hostOpened.meetingId);
    await stack.settle();
    const ended = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect(ended.status).toBe('ended');
    expect(ended.endedAt).not.toBeNull();
    expect(ended.participants.find((p) => p.id === guest?.id)?.leftAt).not.toBeNull();
    expect(ended.capacity?.inProgress).toBe(0);

    // Links of an ended visit show a friendly page, not Webex.
    const late = await stack.api('GET', new URL(guest?.joinUrl ?? '').pathname, { key: null });
    expect(late.status).toBe(410);
    expect(late.headers['content-type']).toMatch(/text\/html/);
    expect(late.body).toContain('This meeting has ended');

    const mine = events.filter((e) => e.visitId === visit.id).map((e) => e.name);
    expect(mine).toEqual(expect.arrayContaining(['visit.scheduled', 'visit.started', 'participant.joined', 'participant.left', 'visit.ended']));
  });

  it('offers the same operations in-process, and cancels a visit whose meeting was deleted in Webex directly', async () => {
    const tenant = await stack.g2g.tenants.authenticate(stack.apiKey);
    if (tenant === undefined) throw new Error('api key did not authenticate');
    const cancelled: string[] = [];
    stack.g2g.on('visit.cancelled', ({ visitId, by }) => {
      cancelled.push(`${visitId}:${by}`);
    });
    const { visit, created } = await stack.g2g.visits.schedule(tenant, { title: 'In-process', participants: [{ displayName: 'Pat' }] });
    expect(created).toBe(true);
    expect((await stack.g2g.visits.get(tenant, visit.id)).participants[0]?.joinUrl).toBe(visit.participants[0]?.joinUrl);

    // Someone deletes the meeting in Webex itself: the meetings:deleted webhook cancels the visit.
    const seed = stack.emulator.seed;
    const res = await fetch(`${seed.baseUrl}/meetings/${visit.meeting.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${seed.serviceApp.accessToken}` } });
    expect(res.status).toBe(204);
    await stack.settle();
    expect((await stack.g2g.visits.get(tenant, visit.id)).status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toContain(`${visit.id}:webex`);
  });

  it('follows a meeting rescheduled in Webex itself', async () => {
    const visit = (await stack.api('POST', '/api/v1/visits', { body: { title: 'Moved elsewhere', participants: [{ displayName: 'Pat' }] } })).json as VisitView;
    const seed = stack.emulator.seed;
    const start = new Date(Date.now() + 5 * 3600_000);
    start.setUTCSeconds(0, 0);
    const end = new Date(start.getTime() + 20 * 60_000);
    const res = await fetch(`${seed.baseUrl}/meetings/${visit.meeting.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${seed.serviceApp.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ start: start.toISOString(), end: end.toISOString() }),
    });
    expect(res.status).toBe(200);
    await stack.settle();
    const now = (await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView;
    expect([now.start, now.end, now.durationMinutes]).toEqual([start.toISOString(), end.toISOString(), 20]);
  });
});

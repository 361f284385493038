import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.each(testDatabases())('the webhook echo of our own create on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('is answered without a row, while the meeting events after it are stored and worked', async () => {
    const created = await stack.api('POST', '/api/v1/visits', { body: { title: 'Echo', durationMinutes: 30, hostless: true, participants: [{ displayName: 'Pat' }] } });
    expect(created.status, created.body).toBe(201);
    const visit = created.json as VisitView;
    await stack.settle();
    const echoes = (await stack.control.deliveries({ resource: 'meetings', event: 'created' })).filter((d) => d.body.includes(visit.meeting.id ?? 'none'));
    expect(echoes.length).toBeGreaterThanOrEqual(1);
    expect(echoes.every((d) => d.lastStatusCode === 200)).toBe(true);
    const rows = await stack.db.selectFrom('webhook_events').select(['resource', 'event']).where('resource', '=', 'meetings').execute();
    expect(rows.filter((r) => r.event === 'created')).toEqual([]);

    // A start of that meeting is news: stored, worked, and the visit follows.
    const join = await stack.api('GET', new URL(visit.participants[0]?.joinUrl ?? '').pathname, { key: null });
    expect(join.status).toBe(302);
    const opened = await stack.control.openLink({ url: String(join.headers.location) });
    expect(opened).toMatchObject({ ok: true });
    await stack.settle();
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView).status).toBe('in_progress');
    const after = await stack.db.selectFrom('webhook_events').select(['event', 'status']).where('resource', '=', 'meetings').execute();
    expect(after).toContainEqual({ event: 'started', status: 'done' });
  });
});

import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, TEST_WEBHOOK_SECRET, type Stack } from '../support/stack.js';

/**
 * Webex may repeat and reorder webhooks (docs/webex-contract.md §5.5), and g2g's inbox works deliveries concurrently: the org's
 * in-progress count must stay one per running meeting whatever order they come in. Envelopes are built as Webex
 * sends them (docs/webex-contract.md §5.2), signed with node:crypto, and posted to g2g's real webhook route one at a time.
 */
describe.each(testDatabases())('in-progress count from repeated and reordered meeting webhooks on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const deliver = async (resource: 'meetings' | 'meetingParticipants', event: string, data: Record<string, unknown>) => {
    const body = JSON.stringify({ id: 'Y2lzY29zcGFyazovL3VzL1dFQkhPT0svdGVzdA', name: 'g2g', resource, event, orgId: stack.orgId, created: new Date().toISOString(), data });
    const res = await stack.g2g.app.inject({
      method: 'POST',
      url: '/webhooks/webex',
      headers: { 'content-type': 'application/json', 'x-spark-signature': createHmac('sha1', TEST_WEBHOOK_SECRET).update(body).digest('hex') },
      payload: body,
    });
    expect([200, 202]).toContain(res.statusCode);
    await stack.internals.idle();
  };
  const instance = (seriesId: string, n: number, state: string, extra: Record<string, unknown> = {}) => ({
    id: `${seriesId}_I_${n}`,
    meetingSeriesId: seriesId,
    meetingType: 'meeting',
    state,
    ...extra,
  });
  const joined = (seriesId: string, n: number, name: string) => ({
    id: `${seriesId}_I_${n}_${randomUUID()}`,
    meetingId: `${seriesId}_I_${n}`,
    meetingSeriesId: seriesId,
    displayName: name,
    state: 'joined',
    joinedTime: new Date().toISOString(),
  });
  const inProgress = async () => ((await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`)).json as { inProgress: number }).inProgress;
  const status = async (id: string) => ((await stack.api('GET', `/api/v1/visits/${id}`)).json as VisitView).status;

  it('counts each running meeting once, ignores a late started of an ended meeting and a late ended of an earlier instance', async () => {
    const schedule = async (title: string) => (await stack.api('POST', '/api/v1/visits', { body: { title, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } })).json as VisitView;
    const v = await schedule('V');
    const w = await schedule('W');
    const s = v.meeting.id ?? '';
    const started: string[] = [];
    stack.g2g.on('visit.started', ({ visitId }) => {
      started.push(visitId);
    });

    // `ended` overtakes `started` of the same instance: the visit ends and stays ended.
    await deliver('meetings', 'ended', instance(s, 1, 'ended', { end: '2026-11-25T10:30:00Z' }));
    await deliver('meetings', 'started', instance(s, 1, 'inProgress'));
    expect(await status(v.id)).toBe('ended');
    expect(await inProgress()).toBe(0);

    // A restart (a new instance) runs again; repeats and two participants still make one meeting.
    await deliver('meetings', 'started', instance(s, 2, 'inProgress'));
    await deliver('meetings', 'started', instance(s, 2, 'inProgress'));
    await deliver('meetingParticipants', 'joined', joined(s, 2, 'Pat'));
    await deliver('meetingParticipants', 'joined', joined(s, 2, 'Sam'));
    expect(await status(v.id)).toBe('in_progress');
    expect(await inProgress()).toBe(1);

    // W's `started` was lost: its participants' joins alone count it, once.
    const t = w.meeting.id ?? '';
    await deliver('meetingParticipants', 'joined', joined(t, 7, 'Pat'));
    await deliver('meetingParticipants', 'joined', joined(t, 7, 'Sam'));
    expect(await inProgress()).toBe(2);

    // A late `ended` of V's first instance does not end the running second one.
    await deliver('meetings', 'ended', instance(s, 1, 'ended', { end: '2026-11-25T10:31:00Z' }));
    expect(await status(v.id)).toBe('in_progress');
    expect(await inProgress()).toBe(2);

    await deliver('meetings', 'ended', instance(s, 2, 'ended'));
    await deliver('meetings', 'ended', instance(t, 7, 'ended'));
    expect([await status(v.id), await status(w.id)]).toEqual(['ended', 'ended']);
    expect(await inProgress()).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(started.filter((id) => id === v.id)).toHaveLength(1); // once for the restart, never for the late start
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const ADMIN_TOKEN = 'op-token-usage-0123456789';
const at = (hhmmss: string) => Date.parse(`2026-11-20T${hhmmss}Z`);

/**
 * Known data on 2026-11-20 (licence 2): V1 10:00-10:30 (a, b join), V2 10:15-11:15 (c joins with a's e-mail in
 * capitals, d never), V3 held back at 10:20 and 10:25 (seat e) and 10:28 (seat f), runs 10:30-11:00, e and f join 10:30:30.
 */
async function seed(stack: Stack): Promise<void> {
  const visit = (id: string, start: string, end: string) => ({
    id,
    tenant_id: 'usage-tenant',
    org_id: stack.orgId,
    status: 'ended',
    title: id,
    start_at: at(start),
    end_at: at(end),
    duration_minutes: 30,
    hostless: 1,
    space: 0,
    adhoc: 0,
    persistent_guests: 0,
    external_id: null,
    idempotency_key: null,
    request_hash: 'h',
    meeting_id: `m-${id}`,
    meeting_instance_id: null,
    meeting_number: null,
    web_link: null,
    site_url: null,
    meeting_state: 'ended',
    room_id: null,
    capacity_warning: null,
    created_at: at('09:00:00'),
    updated_at: at('09:00:00'),
    started_at: at(start),
    ended_at: at(end),
  });
  await stack.db.insertInto('visits').values([visit('V1', '10:00:00', '10:30:00'), visit('V2', '10:15:00', '11:15:00'), visit('V3', '10:30:00', '11:00:00')]).execute();
  const seat = (id: string, visitId: string, email: string, joined: string | null, position: number) => ({
    id,
    visit_id: visitId,
    position,
    display_name: id,
    email: null,
    join_email: email,
    role: 'guest',
    external_id: null,
    guest_id: null,
    webex_participant_id: null,
    joined_at: joined === null ? null : at(joined),
    left_at: null,
    created_at: at('09:00:00'),
  });
  await stack.db
    .insertInto('visit_participants')
    .values([
      seat('a', 'V1', 'a@example.com', '10:01:00', 0),
      seat('b', 'V1', 'b@example.com', '10:02:00', 1),
      seat('c', 'V2', 'A@example.com', '10:16:00', 0),
      seat('d', 'V2', 'd@example.com', null, 1),
      seat('e', 'V3', 'e@example.com', '10:30:30', 0),
      seat('f', 'V3', 'f@example.com', '10:30:30', 1),
    ])
    .execute();
  await stack.db
    .insertInto('admission_deferrals')
    .values([
      { id: 'd1', org_id: stack.orgId, visit_id: 'V3', participant_id: 'e', deferred_at: at('10:20:00') },
      { id: 'd2', org_id: stack.orgId, visit_id: 'V3', participant_id: 'e', deferred_at: at('10:25:00') },
      { id: 'd3', org_id: stack.orgId, visit_id: 'V3', participant_id: 'f', deferred_at: at('10:28:00') },
    ])
    .execute();
}

describe.each(testDatabases())('usage reports over HTTP on $name', (database) => {
  let stack: Stack;
  let base: string;
  const get = async (path: string, headers: Record<string, string> = {}, token?: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token ?? stack.apiKey}`, ...headers } });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    stack = await startStack(database, { config: { adminToken: new Secret(ADMIN_TOKEN) } });
    base = `http://127.0.0.1:${stack.config.port}`;
    await stack.g2g.visits.setLicensedCapacity({ id: 'x', orgIds: [stack.orgId] }, stack.orgId, 2);
    await seed(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('reports each hour and the totals from the stored facts', async () => {
    const res = await get(`/api/v1/orgs/${encodeURIComponent(stack.orgId)}/usage?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z&granularity=hour`);
    expect(res.status).toBe(200);
    const report = res.json;
    expect(report).toMatchObject({ orgId: stack.orgId, granularity: 'hour', licensed: 2, licenceNeeded: { licensed: 3, busiestHour: '2026-11-20T10:00:00.000Z' } });
    expect(report.totals).toEqual({ meetings: 3, meetingMinutes: 120, participants: 5, uniqueGuests: 4, peakConcurrent: 2, deferredClicks: 3, totalWaitSeconds: 780, p95WaitSeconds: 630 });
    expect(report.buckets).toEqual([
      { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z', meetings: 3, meetingMinutes: 105, participants: 5, uniqueGuests: 4, peakConcurrent: 2, deferredClicks: 3, totalWaitSeconds: 780, p95WaitSeconds: 630 },
      { start: '2026-11-20T11:00:00.000Z', end: '2026-11-20T12:00:00.000Z', meetings: 0, meetingMinutes: 15, participants: 0, uniqueGuests: 0, peakConcurrent: 1, deferredClicks: 0, totalWaitSeconds: 0, p95WaitSeconds: 0 },
    ]);
  });

  it('answers CSV for Accept: text/csv and for format=csv, the same under the admin API', async () => {
    const q = `from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`;
    const byAccept = await get(`/api/v1/orgs/${encodeURIComponent(stack.orgId)}/usage?${q}`, { accept: 'text/csv' });
    expect(byAccept.status).toBe(200);
    expect(byAccept.type).toContain('text/csv');
    expect(byAccept.text.split('\r\n')).toEqual([
      'start,end,meetings,meetingMinutes,participants,uniqueGuests,peakConcurrent,licensed,deferredClicks,totalWaitSeconds,p95WaitSeconds',
      '2026-11-20T00:00:00.000Z,2026-11-21T00:00:00.000Z,3,120,5,4,2,2,3,780,630',
      'total,,3,120,5,4,2,2,3,780,630',
      '',
    ]);
    const admin = await get(`/api/v1/admin/orgs/${encodeURIComponent(stack.orgId)}/usage?${q}&format=csv`, {}, ADMIN_TOKEN);
    expect(admin.text).toBe(byAccept.text);
    const adminJson = await get(`/api/v1/admin/orgs/${encodeURIComponent(stack.orgId)}/usage?${q}`, {}, ADMIN_TOKEN);
    expect(adminJson.json.totals.meetings).toBe(3);
  });

  it('refuses bad queries naming the field, and orgs the key does not hold', async () => {
    const org = encodeURIComponent(stack.orgId);
    const backwards = await get(`/api/v1/orgs/${org}/usage?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z`);
    expect(backwards.status).toBe(400);
    expect(backwards.json.errors[0].field).toBe('from');
    const granularity = await get(`/api/v1/orgs/${org}/usage?granularity=week`);
    expect(granularity.status).toBe(400);
    expect(granularity.json.errors[0].field).toContain('granularity');
    const tooLong = await get(`/api/v1/orgs/${org}/usage?from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z&granularity=hour`);
    expect(tooLong.status).toBe(400);
    expect((await get('/api/v1/orgs/someone-else/usage')).status).toBe(404);
    expect((await get('/api/v1/admin/orgs/someone-else/usage', {}, ADMIN_TOKEN)).status).toBe(404);
  });
});

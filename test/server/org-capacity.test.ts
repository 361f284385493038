import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

/** The orgs answers carry each org's license use, from the visits part's capacity reader, through the real server. */
describe.each(testDatabases())('org capacity in the orgs answers on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const org = async () => {
    const res = await stack.api('GET', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}`);
    expect(res.status, res.body).toBe(200);
    return res.json as { id: string; capacity?: { licensed: number | null; inProgress: number } };
  };
  const list = async () => (await stack.api('GET', '/api/v1/orgs')).json as { items: { id: string; capacity?: unknown }[] };

  it('shows the recorded license and the meetings in progress, on one org and in the list', async () => {
    expect((await org()).capacity).toEqual({ licensed: null, inProgress: 0 });

    const set = await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 3 } });
    expect(set.status, set.body).toBe(200);
    expect((await org()).capacity).toEqual({ licensed: 3, inProgress: 0 });

    const created = await stack.api('POST', '/api/v1/visits', { body: { title: 'Consultation', hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } });
    expect(created.status, created.body).toBe(201);
    const visit = created.json as VisitView;
    const click = await stack.api('GET', new URL(visit.participants[0]?.joinUrl ?? 'http://x/j/none').pathname, { key: null });
    expect(click.status, click.body).toBe(302);
    const opened = await stack.control.openLink({ url: String(click.headers.location) });
    expect(opened.ok).toBe(true);
    await stack.settle();

    expect((await org()).capacity).toEqual({ licensed: 3, inProgress: 1 });
    expect((await list()).items).toEqual([expect.objectContaining({ id: stack.orgId, capacity: { licensed: 3, inProgress: 1 } })]);
  });

  it('records a license only for an org the tenant holds, in the core service itself (404 otherwise, nothing stored)', async () => {
    const { tenantId, apiKey } = await stack.g2g.tenants.createKey({ tenantName: 'other clinic', orgIds: [] });
    const stranger = await stack.g2g.tenants.authenticate(apiKey);
    expect(stranger?.id).toBe(tenantId);
    const before = (await org()).capacity;
    const refused = await stack.g2g.visits.setLicensedCapacity({ id: tenantId, orgIds: [] }, stack.orgId, 99).then(
      () => undefined,
      (error: unknown) => error as { code?: string; status?: number },
    );
    expect(refused).toMatchObject({ code: 'not_found', status: 404 });
    const put = await stack.api('PUT', `/api/v1/orgs/${encodeURIComponent(stack.orgId)}/capacity`, { body: { licensed: 99 }, key: apiKey });
    expect(put.status, put.body).toBe(404);
    expect(put.json).toMatchObject({ code: 'not_found' });
    expect((await org()).capacity).toEqual(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { captureLogs, startOrgStack, WEBHOOK_SECRET, type OrgStack } from './orgs-stack.js';

/**
 * An org that grants fewer scopes than the Service App asks for, or whose webhook registration hits a
 * passing Webex failure: it must still become ready (scheduling needs only guest-meeting:rw), with
 * what is degraded said in the org answer and preflight, and the failed registrations retried.
 */
describe.each(testDatabases())('orgs with reduced scopes or failing webhook registration on $name', (database: TestDatabase) => {
  let emu: TestEmulator;
  let stack: OrgStack;
  let clock: ReturnType<typeof createManualClock>;

  beforeEach(async () => {
    clock = createManualClock(Date.now());
    emu = await startTestEmulator({ clock });
    stack = await startOrgStack({ emulator: emu, databaseUrl: await database.freshUrl(), clock, log: captureLogs().log, webhookSecrets: [WEBHOOK_SECRET] });
    await stack.services.start();
  });

  afterEach(async () => {
    await stack.close();
    await emu.close();
  });

  const appId = () => emu.seed.serviceApp.applicationId;
  const allScopes = () => emu.seed.serviceApp.scopes;

  async function authorizeNewOrg(scopes?: string[]): Promise<string> {
    const org = await emu.control.createOrg({ name: `Acme ${Math.random().toString(36).slice(2, 7)}` });
    await emu.control.authorize(appId(), { orgId: org.orgId, ...(scopes ? { scopes } : {}) });
    await emu.control.flushDeliveries();
    await stack.services.idle();
    return org.orgId;
  }

  /** g2g's webhooks as Webex holds them for the org (listed with the org's own token). */
  async function orgHooks(orgId: string): Promise<string[]> {
    const token = await stack.services.vault.accessToken(orgId);
    const res = await fetch(`${emu.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${token}` } });
    const items = ((await res.json()) as { items: { resource: string; event: string; targetUrl: string; status: string }[] }).items;
    return items.filter((h) => h.targetUrl === `${stack.baseUrl}/webhooks/webex` && h.status === 'active').map((h) => `${h.resource}:${h.event}`).sort();
  }

  const apiGet = async (url: string, apiKey: string) => stack.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${apiKey}` } });

  it('without meeting:participants_read: ready, meeting webhooks registered, participant tracking reported as degraded with a fix', async () => {
    const authorized: { orgId: string; warnings: string[] }[] = [];
    stack.services.events.on('org.authorized', (e) => void authorized.push({ orgId: e.orgId, warnings: e.warnings }));
    const scopes = allScopes().filter((s) => s !== 'meeting:participants_read');
    expect(scopes).toContain('meeting:schedules_read');
    const orgId = await authorizeNewOrg(scopes);

    const org = await stack.services.orgs.get(orgId);
    expect(org?.status).toBe('ready');
    expect((await stack.services.orgs.requireReady(orgId)).id).toBe(orgId);
    expect(org?.webhooksRegisteredAt).not.toBeNull();
    expect(org?.warnings).toEqual(["participant joins/leaves won't be tracked: grant meeting:participants_read"]);
    expect(authorized).toEqual([{ orgId, warnings: ["participant joins/leaves won't be tracked: grant meeting:participants_read"] }]);
    expect(await orgHooks(orgId)).toEqual([
      'meetingTranscripts:created',
      'meetings:created',
      'meetings:deleted',
      'meetings:ended',
      'meetings:started',
      'meetings:updated',
      'recordings:created',
    ]);
    // g2g did not ask Webex for what the scopes do not allow: no refused registration.
    expect((await emu.control.requests({ method: 'POST', path: '/v1/webhooks' })).map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    const { apiKey } = await stack.services.tenants.createKey({ tenantName: 'clinic', orgIds: [orgId] });
    const one = await apiGet(`/api/v1/orgs/${orgId}`, apiKey);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: orgId, status: 'ready', warnings: ["participant joins/leaves won't be tracked: grant meeting:participants_read"] });
    expect((await apiGet('/api/v1/orgs', apiKey)).json()).toMatchObject({ items: [{ id: orgId, warnings: [expect.stringContaining('meeting:participants_read')] }] });

    const preflight = await apiGet(`/api/v1/orgs/${orgId}/preflight`, apiKey);
    const checks = (preflight.json() as { ok: boolean; checks: { name: string; ok: boolean; detail: string; fix: string | null }[] }).checks;
    const hooks = checks.find((c) => c.name === 'webhooks');
    expect(hooks).toMatchObject({ ok: false, detail: expect.stringContaining("participant joins/leaves won't be tracked") });
    expect(hooks?.fix).toContain('meeting:participants_read');
    expect(checks.find((c) => c.name === 'authorization')?.ok).toBe(true);

    // A later reconcile pass does not try (and fail) to register what the scopes do not allow.
    expect(await stack.services.reconcileWebhooks()).toEqual({ orgs: 1, created: 0, updated: 0, failed: 0 });
  });

  it('with guest-meeting:rw alone: ready with no meeting webhooks, every gap reported; a new authorization with the scopes fills them', async () => {
    const orgId = await authorizeNewOrg(['guest-meeting:rw']);
    const org = await stack.services.orgs.get(orgId);
    expect(org?.status).toBe('ready');
    expect(org?.warnings).toEqual([
      "meeting starts, ends and changes made in Webex won't be tracked (visits stay scheduled, then show as missed): grant meeting:schedules_read",
      "participant joins/leaves won't be tracked: grant meeting:participants_read",
      "recordings of visits with record: true won't be listed: grant meeting:recordings_read",
      "transcripts of visits with record: true won't be available: grant meeting:transcripts_read",
    ]);
    expect(await orgHooks(orgId)).toEqual([]);
    expect(await emu.control.requests({ method: 'POST', path: '/v1/webhooks' })).toHaveLength(2); // the serviceApp ones at start only
    const preflight = await stack.services.orgs.preflight(orgId);
    expect(preflight.checks.find((c) => c.name === 'webhooks')?.fix).toContain('meeting:schedules_read and meeting:participants_read');

    clock.advance(1000);
    await emu.control.authorize(appId(), { orgId });
    await emu.control.flushDeliveries();
    await stack.services.idle();
    expect((await stack.services.orgs.get(orgId))?.warnings).toEqual([]);
    expect(await orgHooks(orgId)).toHaveLength(9);
  });

  it('a Webex 5xx while registering: ready at once, the problem reported, and the retry pass registers the webhooks later', async () => {
    await emu.control.addFault({ method: 'POST', path: '/v1/webhooks', status: 503, count: 1000 });
    const orgId = await authorizeNewOrg();
    const org = await stack.services.orgs.get(orgId);
    expect(org?.status).toBe('ready');
    expect(org?.webhooksRegisteredAt).toBeNull();
    expect(org?.warnings).toHaveLength(1);
    expect(org?.warnings[0]).toMatch(/^some meeting webhooks are not registered yet \(.*webex_(server_error|unavailable) 503.*\): g2g retries them$/);
    const check = (await stack.services.orgs.preflight(orgId)).checks.find((c) => c.name === 'webhooks');
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining('503') });
    expect(check?.fix).toContain('retries');
    // The inbox event is done: the retry belongs to the reconcile pass, not to a re-run of the authorization.
    expect(await stack.db.selectFrom('webhook_events').select('status').execute()).toEqual([{ status: 'done' }]);

    // Still failing: the pass counts it and keeps the problem.
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toMatchObject({ orgs: 1, created: 0, failed: 1 });
    await emu.control.clearFaults();
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toEqual({ orgs: 1, created: 9, updated: 0, failed: 0 });
    const repaired = await stack.services.orgs.get(orgId);
    expect(repaired?.warnings).toEqual([]);
    expect(repaired?.webhooksRegisteredAt).not.toBeNull();
    expect(await orgHooks(orgId)).toHaveLength(9);
    expect((await stack.services.orgs.preflight(orgId)).checks.find((c) => c.name === 'webhooks')?.ok).toBe(true);
    // Complete orgs are left alone by the retry pass.
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toEqual({ orgs: 0, created: 0, updated: 0, failed: 0 });
  });

  it('finishes an org an earlier g2g left pending while registering its webhooks, once no authorization works on it', async () => {
    const orgId = await authorizeNewOrg();
    const token = await stack.services.vault.accessToken(orgId);
    // The state an older g2g left behind: tokens stored, webhooks half done, the event retried until dead.
    const hooks = ((await (await fetch(`${emu.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; resource: string }[] }).items;
    for (const h of hooks.filter((x) => x.resource === 'meetingParticipants')) await fetch(`${emu.seed.baseUrl}/webhooks/${h.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await stack.db.updateTable('orgs').set({ status: 'pending', status_reason: 'registering meeting webhooks', webhooks_registered_at: null, updated_at: clock.now() }).where('id', '=', orgId).execute();
    const authorized: string[] = [];
    stack.services.events.on('org.authorized', (e) => void authorized.push(e.orgId));

    // Too recent: an authorization may still be working on it.
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toEqual({ orgs: 0, created: 0, updated: 0, failed: 0 });
    expect((await stack.services.orgs.get(orgId))?.status).toBe('pending');

    clock.advance(11 * 60_000);
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toEqual({ orgs: 1, created: 2, updated: 0, failed: 0 });
    const org = await stack.services.orgs.get(orgId);
    expect(org).toMatchObject({ status: 'ready', statusReason: null, warnings: [] });
    expect(org?.webhooksRegisteredAt).not.toBeNull();
    expect(authorized).toEqual([orgId]);
    expect(await orgHooks(orgId)).toHaveLength(9);
  });

  it('a full reconcile still repairs the orgs when the serviceApp side fails', async () => {
    await emu.control.addFault({ method: 'POST', path: '/v1/webhooks', status: 503, count: 1000 });
    const orgId = await authorizeNewOrg();
    expect((await stack.services.orgs.get(orgId))?.webhooksRegisteredAt).toBeNull();
    await emu.control.clearFaults();
    // The token-manager's webhook list (the pass's first call) is refused; the org's own calls go through.
    await emu.control.addFault({ method: 'GET', path: '/v1/webhooks', status: 403, count: 1 });
    expect(await stack.services.reconcileWebhooks()).toEqual({ orgs: 1, created: 9, updated: 0, failed: 1 });
    expect((await stack.services.orgs.get(orgId))?.warnings).toEqual([]);
  });

  it('a Webex failure on some webhooks still registers the others', async () => {
    await emu.control.addFault({ method: 'POST', path: '/v1/webhooks', status: 500, count: 1 });
    const orgId = await authorizeNewOrg();
    const org = await stack.services.orgs.get(orgId);
    expect(org?.status).toBe('ready');
    const registered = await orgHooks(orgId);
    const posted = await emu.control.requests({ method: 'POST', path: '/v1/webhooks' });
    const failedPosts = posted.filter((r) => r.status === 500).length;
    expect(failedPosts).toBe(1);
    // A create that got a 500 may or may not have happened, so the client does not repeat it: one webhook is missing, and said.
    expect(registered).toHaveLength(8);
    expect(org?.warnings).toHaveLength(1);
    expect(org?.warnings[0]).toMatch(/^some meeting webhooks are not registered yet \((meetings|meetingParticipants):\w+: webex_server_error 500/);
    expect(await stack.services.reconcileWebhooks({ onlyIncomplete: true })).toEqual({ orgs: 1, created: 1, updated: 0, failed: 0 });
    expect(await orgHooks(orgId)).toHaveLength(9);
    expect((await stack.services.orgs.get(orgId))?.warnings).toEqual([]);
  });
});

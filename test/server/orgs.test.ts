import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { G2GError } from '../../src/core/errors.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { captureLogs, KEY_1, KEY_2, OLD_WEBHOOK_SECRET, startOrgStack, WEBHOOK_SECRET, type OrgStack } from './orgs-stack.js';

const sign = (body: string, secret: string) => createHmac('sha1', secret).update(body).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<G2GError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(G2GError);
    return error as G2GError;
  }
  throw new Error('expected a rejection');
}

describe.each(testDatabases())('orgs and tokens on $name', (database: TestDatabase) => {
  let emu: TestEmulator;
  let stack: OrgStack;
  let clock: ReturnType<typeof createManualClock>;
  let logs: ReturnType<typeof captureLogs>;
  let databaseUrl: string;
  const extra: OrgStack[] = [];

  beforeEach(async () => {
    clock = createManualClock(Date.now());
    emu = await startTestEmulator({ clock });
    logs = captureLogs();
    databaseUrl = await database.freshUrl();
    stack = await startOrgStack({ emulator: emu, databaseUrl, clock, log: logs.log, webhookSecrets: [WEBHOOK_SECRET, OLD_WEBHOOK_SECRET] });
    await stack.services.start();
  });

  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await stack.close();
    await emu.close();
  });

  const appId = () => emu.seed.serviceApp.applicationId;
  const tokenCalls = () => emu.control.requests({ method: 'POST', path: `/v1/applications/${appId()}/token` });
  const refreshCalls = () => emu.control.requests({ method: 'POST', path: '/v1/access_token' });

  /** Waits for the emulator's webhook deliveries and for g2g to finish processing them. */
  async function settle(...stacks: OrgStack[]): Promise<void> {
    await emu.control.flushDeliveries();
    for (const s of [stack, ...stacks]) await s.services.idle();
  }

  async function authorizeNewOrg(scopes?: string[]): Promise<{ orgId: string; siteUrl: string }> {
    const org = await emu.control.createOrg({ name: `Acme ${Math.random().toString(36).slice(2, 7)}` });
    await emu.control.authorize(appId(), { orgId: org.orgId, ...(scopes ? { scopes } : {}) });
    await settle();
    return { orgId: org.orgId, siteUrl: org.siteUrl };
  }

  const emulatorTokens = () => emu.emulator.snapshot().tokens;

  it('registers the serviceApp webhooks at start with the token-manager credential', async () => {
    const hooks = await fetch(`${emu.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${emu.seed.tokenManager.accessToken}` } });
    const items = ((await hooks.json()) as { items: { resource: string; event: string; targetUrl: string; filter?: string }[] }).items;
    const ours = items.filter((h) => h.targetUrl === `${stack.baseUrl}/webhooks/webex`);
    expect(ours.map((h) => `${h.resource}:${h.event}`).sort()).toEqual(['serviceApp:authorized', 'serviceApp:deauthorized']);
    expect(ours.every((h) => h.filter === `id=${appId()}`)).toBe(true);
    // A second start changes nothing.
    await stack.services.start();
    expect(await emu.control.requests({ method: 'POST', path: '/v1/webhooks' })).toHaveLength(2);
  });

  it('records the org, fetches its tokens once, stores them encrypted and registers meeting webhooks', async () => {
    const events: string[] = [];
    stack.services.events.on('org.authorized', (e) => void events.push(e.orgId));
    const { orgId, siteUrl } = await authorizeNewOrg();

    const org = await stack.services.orgs.get(orgId);
    expect(org).toMatchObject({ id: orgId, status: 'ready', siteUrl });
    expect(org?.scopes).toContain('guest-meeting:rw');
    expect(org?.accessTokenExpiresAt).toBeDefined();
    expect(events).toEqual([orgId]);
    expect(await tokenCalls()).toHaveLength(1);

    // The raw row holds neither the access nor the refresh token Webex issued.
    const row = await stack.db.selectFrom('vault_tokens').selectAll().where('subject', '=', orgId).executeTakeFirstOrThrow();
    const issued = emulatorTokens().filter((t) => t.orgId === orgId && t.clientId === emu.seed.serviceApp.clientId);
    expect(issued.map((t) => t.kind).sort()).toEqual(['access', 'refresh']);
    for (const t of issued) expect(JSON.stringify(row)).not.toContain(t.value);
    expect(row.access_token_enc.startsWith('v1.k1.')).toBe(true);
    expect(await stack.services.vault.accessToken(orgId)).toBe(issued.find((t) => t.kind === 'access')?.value);

    // Meeting webhooks were created with the org's own token.
    const orgToken = issued.find((t) => t.kind === 'access')?.value ?? '';
    const res = await fetch(`${emu.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${orgToken}` } });
    const hooks = ((await res.json()) as { items: { resource: string; event: string; targetUrl: string }[] }).items;
    expect(hooks.filter((h) => h.targetUrl === `${stack.baseUrl}/webhooks/webex`).map((h) => `${h.resource}:${h.event}`).sort()).toEqual(
      [
        'meetingParticipants:joined',
        'meetingParticipants:left',
        'meetingTranscripts:created',
        'meetings:created',
        'meetings:deleted',
        'meetings:ended',
        'meetings:started',
        'meetings:updated',
        'recordings:created',
      ],
    );
    expect((await stack.services.orgs.requireReady(orgId)).status).toBe('ready');
  });

  it('repairs a deleted or disabled meeting webhook when reconciling (Webex disables webhooks that keep failing)', async () => {
    const { orgId } = await authorizeNewOrg();
    const token = await stack.services.vault.accessToken(orgId);
    const list = async () =>
      ((await (await fetch(`${emu.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; resource: string; event: string; status: string }[] }).items;
    const started = (await list()).find((h) => h.resource === 'meetings' && h.event === 'started');
    const res = await fetch(`${emu.seed.baseUrl}/webhooks/${started?.id ?? ''}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(204);
    expect(await list()).toHaveLength(8);
    expect(await stack.services.reconcileWebhooks()).toEqual({ orgs: 1, created: 1, updated: 0, failed: 0 });
    expect((await list()).map((h) => `${h.resource}:${h.event}`)).toContain('meetings:started');
    expect(await stack.services.reconcileWebhooks()).toEqual({ orgs: 1, created: 0, updated: 0, failed: 0 });

    // Webex disabled one after repeated delivery failures (status inactive, docs/webex-contract.md §5.5): re-activated in place.
    const state = (await (await fetch(`${emu.seed.controlUrl}/state`)).json()) as { webhooks: { id: string; resource: string; event: string; status: string; orgId?: string }[] };
    const ended = (await list()).find((h) => h.resource === 'meetings' && h.event === 'ended');
    const stored = state.webhooks.find((h) => h.id === ended?.id);
    expect(stored?.status).toBe('active');
    if (stored) stored.status = 'inactive';
    expect((await fetch(`${emu.seed.controlUrl}/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state) })).ok).toBe(true);
    expect((await list()).find((h) => h.id === ended?.id)).toMatchObject({ status: 'inactive' });
    expect(await stack.services.reconcileWebhooks()).toEqual({ orgs: 1, created: 0, updated: 1, failed: 0 });
    expect((await list()).find((h) => h.id === ended?.id)).toMatchObject({ status: 'active' });
    expect(await list()).toHaveLength(9);
  });

  it('answers 200 to a duplicate delivery and does nothing more', async () => {
    const { orgId } = await authorizeNewOrg();
    const [delivery] = (await emu.control.deliveries({ resource: 'serviceApp', event: 'authorized' })).filter((d) => d.body.includes(orgId));
    expect(delivery).toBeDefined();
    const body = delivery?.body ?? '';
    const res = await fetch(`${stack.baseUrl}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': sign(body, WEBHOOK_SECRET) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'duplicate' });
    await stack.services.idle();
    expect(await tokenCalls()).toHaveLength(1);
    expect(await stack.db.selectFrom('webhook_events').select('id').where('org_id', '=', orgId).execute()).toHaveLength(1);
  });

  it('tells a deauthorization once: a second one for an org already deauthorized changes and emits nothing', async () => {
    const { orgId } = await authorizeNewOrg();
    const told: string[] = [];
    const off = stack.services.events.on('org.deauthorized', (p) => void told.push(p.orgId));
    try {
      await emu.control.deauthorize(appId(), { orgId });
      await settle();
      const [delivery] = (await emu.control.deliveries({ resource: 'serviceApp', event: 'deauthorized' })).filter((d) => d.body.includes(orgId));
      expect((await stack.services.orgs.get(orgId))?.status).toBe('deauthorized');
      const { updated_at: updatedAt } = await stack.db.selectFrom('orgs').select('updated_at').where('id', '=', orgId).executeTakeFirstOrThrow();
      // The same deauthorization delivered again with another date (not a byte-for-byte duplicate).
      clock.advance(1000);
      const again = JSON.parse(delivery?.body ?? '{}') as { data: Record<string, unknown> };
      again.data['authorizationDate'] = new Date(clock.now()).toISOString();
      const body = JSON.stringify(again);
      const res = await fetch(`${stack.baseUrl}/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-spark-signature': sign(body, WEBHOOK_SECRET) }, body });
      expect(res.status).toBe(202); // accepted as a new event, not a duplicate
      await stack.services.idle();
      expect(await stack.db.selectFrom('webhook_events').select('status').where('org_id', '=', orgId).where('event', '=', 'deauthorized').execute()).toEqual([{ status: 'done' }, { status: 'done' }]);
      expect(told).toEqual([orgId]);
      expect((await stack.db.selectFrom('orgs').select('updated_at').where('id', '=', orgId).executeTakeFirstOrThrow()).updated_at).toBe(updatedAt);
    } finally {
      off();
    }
  });

  it('answers 401 and stores nothing for a bad or missing signature, 415 for non-JSON, and accepts a rotated secret', async () => {
    const org = await emu.control.createOrg({});
    const body = JSON.stringify({
      id: 'hook', name: 'x', resource: 'serviceApp', event: 'authorized', orgId: org.orgId,
      data: { id: appId(), orgId: org.orgId, scopes: ['guest-meeting:rw'], siteUrls: [org.siteUrl], authorizationDate: new Date(clock.now()).toISOString() },
    });
    const post = (headers: Record<string, string>, payload = body) => fetch(`${stack.baseUrl}/webhooks/webex`, { method: 'POST', headers, body: payload });

    const bad = await post({ 'content-type': 'application/json', 'x-spark-signature': sign(body, 'not-our-secret-at-all') });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { code: string }).code).toBe('webhook_signature_invalid');
    expect((await post({ 'content-type': 'application/json' })).status).toBe(401);
    // A signature over re-serialized JSON (different bytes) is not accepted.
    expect((await post({ 'content-type': 'application/json', 'x-spark-signature': sign(body, WEBHOOK_SECRET) }, `${body} `)).status).toBe(401);
    expect((await post({ 'content-type': 'text/plain', 'x-spark-signature': sign(body, WEBHOOK_SECRET) })).status).toBe(415);
    expect(await stack.db.selectFrom('webhook_events').select('id').execute()).toHaveLength(0);

    // Signed with the older of the two configured secrets: accepted (rotation without downtime).
    const failures: string[] = [];
    stack.services.events.on('webhook.failed', (f) => void failures.push(f.error));
    const ok = await post({ 'content-type': 'application/json', 'x-spark-signature': sign(body, OLD_WEBHOOK_SECRET) });
    expect(ok.status).toBe(202);
    await stack.services.idle();
    // This org never authorized the app in Webex, so Webex refuses its tokens (403): the event is kept for a retry, not lost.
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('pending');
    const [event] = await stack.db.selectFrom('webhook_events').selectAll().execute();
    expect(event).toMatchObject({ status: 'failed', attempts: 1, resource: 'serviceApp', event: 'authorized' });
    expect(event?.last_error).toContain('webex_forbidden');
    expect(failures).toHaveLength(1);
    expect(logs.text()).toContain('webhook event failed; will retry');
  });

  it('retries a failed event from its stored row once Webex lets it through', async () => {
    const org = await emu.control.createOrg({});
    await emu.control.addFault({ method: 'POST', path: `/v1/applications/*/token`, status: 503, count: 10 });
    await emu.control.authorize(appId(), { orgId: org.orgId });
    await settle();
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('pending');
    await emu.control.clearFaults();
    expect(await stack.services.inbox.processDue()).toBe(0); // not before its retry time
    clock.advance(60_000);
    expect(await stack.services.inbox.processDue()).toBe(1);
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('ready');
    const [event] = await stack.db.selectFrom('webhook_events').selectAll().execute();
    expect(event).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('ignores a retried authorization that a later deauthorization overtook', async () => {
    const org = await emu.control.createOrg({});
    await emu.control.addFault({ method: 'POST', path: '/v1/applications/*/token', status: 503, count: 100 });
    await emu.control.authorize(appId(), { orgId: org.orgId });
    await settle();
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('pending');
    clock.advance(1000);
    await emu.control.deauthorize(appId(), { orgId: org.orgId });
    await settle();
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('deauthorized');
    await emu.control.clearFaults();
    clock.advance(60_000);
    expect(await stack.services.inbox.processDue()).toBe(1);
    expect((await stack.services.orgs.get(org.orgId))?.status).toBe('deauthorized');
    expect((await tokenCalls()).filter((r) => r.status === 200)).toHaveLength(0);
    expect(await stack.db.selectFrom('vault_tokens').select('subject').where('subject', '=', org.orgId).execute()).toEqual([]);
  });

  it('refuses an authorization without guest-meeting:rw: no tokens fetched, org refused with a clear error', async () => {
    const { orgId } = await authorizeNewOrg(['meeting:schedules_read', 'meeting:schedules_write']);
    const org = await stack.services.orgs.get(orgId);
    expect(org?.status).toBe('refused');
    expect(org?.statusReason).toContain('guest-meeting:rw');
    expect(await tokenCalls()).toHaveLength(0);
    expect((await rejection(stack.services.orgs.requireReady(orgId))).code).toBe('org_missing_scopes');
    expect(logs.text()).toContain('authorization refused');
  });

  it('on deauthorization deletes the tokens, marks the org deauthorized and refuses new work', async () => {
    const { orgId } = await authorizeNewOrg();
    const gone: string[] = [];
    stack.services.events.on('org.deauthorized', (e) => void gone.push(e.orgId));
    await emu.control.deauthorize(appId(), { orgId });
    await settle();
    expect(await stack.db.selectFrom('vault_tokens').select('subject').where('subject', '=', orgId).execute()).toEqual([]);
    expect((await stack.services.orgs.get(orgId))?.status).toBe('deauthorized');
    expect(gone).toEqual([orgId]);
    const error = await rejection(stack.services.orgs.requireReady(orgId));
    expect(error.code).toBe('org_deauthorized');
    expect(error.message).toMatch(/authorize it again/);
    expect((await rejection(stack.services.webexForOrg(orgId).meetingPreferences.getSchedulingOptions())).code).toBe('org_deauthorized');
  });

  it('refreshes a token ahead of its expiry, once, and keeps working', async () => {
    const { orgId } = await authorizeNewOrg();
    const first = await stack.services.vault.accessToken(orgId);
    const health = await stack.services.vault.health(orgId);
    const lifetime = (health?.accessTokenExpiresAt ?? 0) - (health?.issuedAt ?? 0);
    clock.advance(Math.round(lifetime * 0.5));
    expect(await stack.services.vault.accessToken(orgId)).toBe(first); // not due yet: no refresh
    expect(await refreshCalls()).toHaveLength(0);

    clock.advance(Math.round(lifetime * 0.4)); // 90% of the lifetime gone
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => stack.services.vault.accessToken(orgId)));
    expect(a).not.toBe(first);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(await refreshCalls()).toHaveLength(1);
    const after = await stack.services.orgs.get(orgId);
    expect(Date.parse(after?.accessTokenExpiresAt ?? '')).toBeGreaterThan(clock.now() + lifetime * 0.9);
    // The refreshed token works against Webex.
    await expect(stack.services.webexForOrg(orgId).meetingPreferences.getSchedulingOptions()).resolves.toHaveProperty('enabledJoinBeforeHost');
  });

  it('refreshes due tokens of ready orgs in the background pass, and leaves the others alone', async () => {
    const { orgId } = await authorizeNewOrg();
    const { orgId: lostOrg } = await authorizeNewOrg();
    await emu.control.revokeTokens({ orgId: lostOrg, kind: 'refresh' });
    expect(await stack.services.refreshDueTokens()).toEqual({ refreshed: 0, failed: 0 });
    const health = await stack.services.vault.health(orgId);
    clock.advance(Math.round(((health?.accessTokenExpiresAt ?? 0) - (health?.issuedAt ?? 0)) * 0.9));
    expect(await stack.services.refreshDueTokens()).toEqual({ refreshed: 1, failed: 1 });
    expect((await stack.services.orgs.get(lostOrg))?.status).toBe('needs_reauth');
    expect(await stack.services.refreshDueTokens()).toEqual({ refreshed: 0, failed: 0 });
    expect(await refreshCalls()).toHaveLength(2);
  });

  it('puts the org in needs_reauth when Webex refuses the refresh token, and stops calling Webex for it', async () => {
    const { orgId } = await authorizeNewOrg();
    const flagged: string[] = [];
    stack.services.events.on('org.needs_reauth', (e) => void flagged.push(e.orgId));
    await emu.control.revokeTokens({ orgId, kind: 'refresh' });
    const health = await stack.services.vault.health(orgId);
    clock.advance(Math.round(((health?.accessTokenExpiresAt ?? 0) - (health?.issuedAt ?? 0)) * 0.95));

    expect((await rejection(stack.services.vault.accessToken(orgId))).code).toBe('org_needs_reauth');
    expect((await stack.services.orgs.get(orgId))?.status).toBe('needs_reauth');
    expect(flagged).toEqual([orgId]);
    expect((await rejection(stack.services.orgs.requireReady(orgId))).code).toBe('org_needs_reauth');
    expect((await rejection(stack.services.vault.accessToken(orgId))).code).toBe('org_needs_reauth');
    expect(await refreshCalls()).toHaveLength(1);

    // A new authorization brings it back.
    await emu.control.authorize(appId(), { orgId });
    await settle();
    expect((await stack.services.orgs.get(orgId))?.status).toBe('ready');
  });

  it('two instances on one database refreshing one org at once make exactly one refresh call', async () => {
    const { orgId } = await authorizeNewOrg();
    const other = await startOrgStack({ emulator: emu, databaseUrl, clock, log: logs.log, instanceId: 'instance-b' });
    extra.push(other);
    const health = await stack.services.vault.health(orgId);
    clock.advance(Math.round(((health?.accessTokenExpiresAt ?? 0) - (health?.issuedAt ?? 0)) * 0.9));

    const tokens = await Promise.all([
      ...[1, 2, 3].map(() => stack.services.vault.accessToken(orgId)),
      ...[1, 2, 3].map(() => other.services.vault.accessToken(orgId)),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(await refreshCalls()).toHaveLength(1);
    await expect(other.services.webexForOrg(orgId).meetingPreferences.getSchedulingOptions()).resolves.toHaveProperty('enabledJoinBeforeHost');
  });

  it('after a 401 refreshes once and retries the call', async () => {
    const { orgId } = await authorizeNewOrg();
    const before = await stack.services.vault.accessToken(orgId);
    await emu.control.revokeTokens({ orgId, kind: 'access' });
    const client = stack.services.webexForOrg(orgId);
    await expect(Promise.all([client.meetingPreferences.getSchedulingOptions(), client.meetingPreferences.listSites()])).resolves.toHaveLength(2);
    expect(await refreshCalls()).toHaveLength(1);
    expect(await stack.services.vault.accessToken(orgId)).not.toBe(before);
    const prefs = await emu.control.requests({ method: 'GET', path: '/v1/meetingPreferences/schedulingOptions' });
    expect(prefs.map((r) => r.status)).toEqual([401, 200]);
  });

  it('g2g keys rotate: re-encrypts every stored token with the new first key', async () => {
    const { orgId } = await authorizeNewOrg();
    const token = await stack.services.vault.accessToken(orgId);
    const rotated = await startOrgStack({ emulator: emu, databaseUrl, clock, log: logs.log, encryptionKeys: [KEY_2, KEY_1] });
    extra.push(rotated);
    expect(await rotated.services.vault.rotate()).toEqual({ rotated: 1, alreadyCurrent: 0, failed: 0 });
    const row = await stack.db.selectFrom('vault_tokens').selectAll().where('subject', '=', orgId).executeTakeFirstOrThrow();
    expect(row.access_token_enc.startsWith('v1.k2.')).toBe(true);
    expect(row.refresh_token_enc?.startsWith('v1.k2.')).toBe(true);
    const onlyNew = await startOrgStack({ emulator: emu, databaseUrl, clock, log: logs.log, encryptionKeys: [KEY_2] });
    extra.push(onlyNew);
    expect(await onlyNew.services.vault.accessToken(orgId)).toBe(token);
    expect(await rotated.services.vault.rotate()).toEqual({ rotated: 0, alreadyCurrent: 1, failed: 0 });
  });

  it('serves orgs and preflight to the API key of their tenant only, never tokens', async () => {
    const { orgId, siteUrl } = await authorizeNewOrg();
    const { orgId: otherOrg } = await authorizeNewOrg();
    const { apiKey } = await stack.services.tenants.createKey({ tenantName: 'clinic', orgIds: [orgId] });
    const get = (url: string, key?: string) => stack.app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

    const list = await get('/api/v1/orgs', apiKey);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ id: orgId, status: 'ready', siteUrl }] });
    for (const t of emulatorTokens()) expect(list.body).not.toContain(t.value);

    expect((await get(`/api/v1/orgs/${orgId}`, apiKey)).json()).toMatchObject({ id: orgId, status: 'ready' });
    const hidden = await get(`/api/v1/orgs/${otherOrg}`, apiKey);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'not_found' });
    expect((await get('/api/v1/orgs')).statusCode).toBe(401);
    expect((await get('/api/v1/orgs', `${apiKey.slice(0, -2)}xx`)).json()).toMatchObject({ status: 401, code: 'unauthenticated' });

    const preflight = await get(`/api/v1/orgs/${orgId}/preflight`, apiKey);
    expect(preflight.statusCode).toBe(200);
    const checks = (preflight.json() as { checks: { name: string; ok: boolean; fix: string | null }[] }).checks;
    expect(checks.map((c) => c.name)).toEqual(['authorization', 'scopes', 'token', 'site', 'join_before_host', 'webhooks']);
    for (const name of ['authorization', 'scopes', 'token', 'site', 'webhooks']) expect(checks.find((c) => c.name === name)?.ok).toBe(true);
    for (const c of checks) expect(c.ok ? c.fix === null : typeof c.fix === 'string').toBe(true);
  });

  it('preflight says what to fix when join before host is off', async () => {
    const { orgId } = await authorizeNewOrg();
    await stack.services.webexForOrg(orgId).meetingPreferences.updateSchedulingOptions({ enabledJoinBeforeHost: false, joinBeforeHostMinutes: 0, enabledAutoShareRecording: false });
    const result = await stack.services.orgs.preflight(orgId);
    const jbh = result.checks.find((c) => c.name === 'join_before_host');
    expect(result.ok).toBe(false);
    expect(jbh).toMatchObject({ ok: false });
    expect(jbh?.fix).toContain('enabledJoinBeforeHost');
  });

  it('keeps a refreshable token-manager credential fresh in the vault', async () => {
    const tm = emu.seed.tokenManager;
    const tmStack = await startOrgStack({
      emulator: emu,
      databaseUrl: await database.freshUrl(),
      clock,
      log: logs.log,
      tokenManager: { accessToken: tm.accessToken, refreshToken: tm.refreshToken, clientId: tm.clientId, clientSecret: tm.clientSecret },
    });
    extra.push(tmStack);
    await tmStack.services.start();
    expect(await refreshCalls()).toHaveLength(0);
    clock.advance(55 * 60_000); // the configured token's expiry is unknown: g2g assumes an hour and renews it ahead
    const hooks: unknown[] = [];
    for await (const hook of tmStack.services.tokenManagerClient().webhooks.list()) hooks.push(hook);
    expect(hooks.length).toBeGreaterThanOrEqual(2);
    expect(await refreshCalls()).toHaveLength(1);
    const health = await tmStack.services.vault.health('app:token-manager');
    expect(health?.accessTokenExpiresAt).toBeGreaterThan(clock.now() + 24 * 3600_000); // the real expiry, learned from Webex
    const row = await tmStack.db.selectFrom('vault_tokens').selectAll().where('subject', '=', 'app:token-manager').executeTakeFirstOrThrow();
    for (const t of emulatorTokens().filter((t) => t.clientId === tm.clientId)) expect(JSON.stringify(row)).not.toContain(t.value);
  });

  it('falls back to the configured token-manager token, once, when Webex refuses its refresh token', async () => {
    const tm = emu.seed.tokenManager;
    const tmStack = await startOrgStack({
      emulator: emu,
      databaseUrl: await database.freshUrl(),
      clock,
      log: logs.log,
      tokenManager: { accessToken: tm.accessToken, refreshToken: 'not-a-refresh-token', clientId: tm.clientId, clientSecret: tm.clientSecret },
    });
    extra.push(tmStack);
    const alerts: string[] = [];
    tmStack.services.events.on('token_manager.needs_reauth', (e) => void alerts.push(e.reason));
    await tmStack.services.start();
    clock.advance(55 * 60_000);
    for (let i = 0; i < 3; i += 1) {
      const hooks: unknown[] = [];
      for await (const hook of tmStack.services.tokenManagerClient().webhooks.list()) hooks.push(hook);
      expect(hooks.length).toBeGreaterThanOrEqual(2);
    }
    expect(alerts).toHaveLength(1);
    expect(await refreshCalls()).toHaveLength(1);
    expect(logs.text()).toContain('token-manager refresh token refused');
    // The dead pair is gone, so a restart with a new credential starts from the configuration.
    expect(await tmStack.services.vault.health('app:token-manager')).toBeUndefined();
  });

  it('writes no token, client secret or webhook secret to its logs, even at debug level', async () => {
    const { orgId } = await authorizeNewOrg();
    await emu.control.revokeTokens({ orgId, kind: 'access' });
    await stack.services.webexForOrg(orgId).meetingPreferences.getSchedulingOptions();
    const health = await stack.services.vault.health(orgId);
    clock.advance(Math.round(((health?.accessTokenExpiresAt ?? 0) - (health?.issuedAt ?? 0)) * 0.9));
    await stack.services.vault.accessToken(orgId);
    await stack.services.orgs.preflight(orgId);
    const text = logs.text();
    expect(text).toContain('access token refreshed'); // the logs did capture the flow
    expect(text.split('\n').length).toBeGreaterThan(20);
    const secrets = [
      ...emulatorTokens().map((t) => t.value),
      emu.seed.serviceApp.clientSecret,
      emu.seed.tokenManager.accessToken,
      WEBHOOK_SECRET,
      OLD_WEBHOOK_SECRET,
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);

    // Nor to the database: every table of the orgs part, dumped whole.
    const dump = JSON.stringify(
      await Promise.all((['orgs', 'vault_tokens', 'webhook_events', 'tenants', 'api_keys', 'tenant_orgs'] as const).map((t) => stack.db.selectFrom(t).selectAll().execute())),
    );
    expect(dump).toContain(orgId); // the dump did capture the org's rows
    for (const secret of secrets) expect(dump).not.toContain(secret);
  });
});

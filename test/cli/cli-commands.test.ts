import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';
import { cli } from './cli-support.js';

const ADMIN_TOKEN = 'op-token-cli-0123456789ab';

async function startReceiver(): Promise<{ url: string; setStatus(s: number): void; close(): Promise<void> }> {
  let status = 500;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, setStatus: (s) => void (status = s), close: () => new Promise((r) => server.close(() => r())) };
}

interface VisitJson {
  id: string;
  status: string;
  title: string;
  tenantId?: string;
  participants: { id: string; joinUrl: string | null }[];
}

describe.each(testDatabases())('g2g commands against a running g2g over HTTP on $name', (database) => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: Record<string, string>;
  let tenant: Record<string, string>;
  const dir = mkdtempSync(path.join(tmpdir(), 'g2g-cli-cmds-'));

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack(database, {
      config: {
        adminToken: new Secret(ADMIN_TOKEN),
        events: { url: receiver.url, secrets: [new Secret('evsec-cli-0123456789ab')], retryBaseMs: 10, maxRetryDelayMs: 20, maxAttempts: 1, pollIntervalMs: 15, timeoutMs: 2000 },
      },
    });
    const url = `http://127.0.0.1:${stack.config.port}`;
    // An empty data dir: nothing may be read from (or written to) the working directory.
    admin = { G2G_URL: url, G2G_ADMIN_TOKEN: ADMIN_TOKEN, G2G_DATA_DIR: dir };
    tenant = { G2G_URL: url, G2G_API_KEY: stack.apiKey, G2G_DATA_DIR: dir };
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('orgs list, show and preflight, as tables and as one JSON document', async () => {
    const table = await cli(['orgs', 'list'], admin);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+SITE/);
    expect(table.stdout).toContain(stack.orgId);
    const json = await cli(['--json', 'orgs', 'list'], admin);
    expect(json.json<{ id: string; status: string }[]>()).toEqual([expect.objectContaining({ id: stack.orgId, status: 'ready' })]);
    const asTenant = await cli(['orgs', 'show', stack.orgId, '--json'], tenant);
    expect(asTenant.json()).toMatchObject({ id: stack.orgId, status: 'ready' });
    const missing = await cli(['orgs', 'show', 'no-such-org'], admin);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^g2g: HTTP 404: /);
  });

  it('orgs preflight exits 1 naming the fix, and --fix turns join before host on', async () => {
    const prefs = stack.internals.webexForOrg(stack.orgId).meetingPreferences;
    await prefs.updateSchedulingOptions({ ...(await prefs.getSchedulingOptions()), enabledJoinBeforeHost: false, joinBeforeHostMinutes: 0 });
    const failing = await cli(['orgs', 'preflight', stack.orgId], admin);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/FAIL\s+join_before_host/);
    expect(failing.stdout).toContain('fix: ');
    const fixed = await cli(['orgs', 'preflight', stack.orgId, '--fix', '--json'], admin);
    expect(fixed.code).toBe(0);
    expect(fixed.json<{ applied: string[]; preflight: { ok: boolean } }>()).toMatchObject({ applied: [expect.stringContaining('join before host')], preflight: { ok: true } });
    const green = await cli(['orgs', 'preflight', stack.orgId], admin);
    expect(green.code).toBe(0);
    expect(green.stdout).toMatch(/ok\s+join_before_host/);
  });

  it('capacity set and show; a bad licence is a usage error naming the flag', async () => {
    expect((await cli(['capacity', 'set', '--org', stack.orgId, '--licensed', '4'], admin)).stdout).toContain('licence 4');
    expect((await cli(['--json', 'capacity', 'show', '--org', stack.orgId], tenant)).json()).toMatchObject({ licensed: 4, inProgress: 0 });
    const bad = await cli(['capacity', 'set', '--org', stack.orgId, '--licensed', 'lots'], admin);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--licensed');
  });

  it('visits create from a file and from stdin, list, show, reschedule, links revoke and reissue, cancel', async () => {
    const file = path.join(dir, 'visit.json');
    writeFileSync(file, JSON.stringify({ title: 'From a file', hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }));
    const created = await cli(['--json', 'visits', 'create', '--file', file], tenant);
    expect(created.code).toBe(0);
    const visit = created.json<VisitJson>();
    expect(visit).toMatchObject({ title: 'From a file', status: 'scheduled' });
    const piped = await cli(['visits', 'create', '--file', '-'], tenant, JSON.stringify({ title: 'From stdin', participants: [{ displayName: 'Ann' }] }));
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('From stdin');
    expect((await cli(['visits', 'create', '--file', file], admin)).code).toBe(2); // needs an API key
    const notJson = await cli(['visits', 'create', '--file', '-'], tenant, 'title: nope');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('--file');

    const listed = await cli(['--json', 'visits', 'list', '--org', stack.orgId, '--status', 'scheduled'], admin);
    const page = listed.json<{ items: VisitJson[] }>();
    expect(page.items.map((v) => v.title)).toEqual(expect.arrayContaining(['From a file', 'From stdin']));
    expect(page.items.find((v) => v.id === visit.id)?.tenantId).toBeTruthy();
    const table = await cli(['visits', 'list'], tenant);
    expect(table.stdout).toMatch(/^ID\s+STATUS\s+START\s+TITLE\s+SEATS/);
    expect((await cli(['visits', 'list', '--tenant', 'x'], tenant)).code).toBe(2);

    const shown = await cli(['visits', 'show', visit.id], admin);
    expect(shown.stdout).toContain('PARTICIPANT');
    expect((await cli(['--json', 'visits', 'reschedule', visit.id, '--title', 'Moved'], admin)).json()).toMatchObject({ title: 'Moved' });
    expect((await cli(['visits', 'reschedule', visit.id], admin)).code).toBe(2);

    const seat = visit.participants[0]?.id ?? '';
    const revoked = await cli(['links', 'revoke', visit.id, seat], admin);
    expect(revoked.stdout).toContain('link revoked');
    expect((await fetch(visit.participants[0]?.joinUrl ?? '', { redirect: 'manual' })).status).toBe(410);
    const reissued = await cli(['--json', 'links', 'reissue', visit.id, seat], tenant);
    expect(reissued.json<{ joinUrl: string }>().joinUrl).toMatch(/\/j\//);

    expect((await cli(['visits', 'cancel', visit.id], admin)).stdout).toContain('cancelled');
    expect((await cli(['--json', 'visits', 'show', visit.id], tenant)).json()).toMatchObject({ status: 'cancelled' });
  });

  it('events list shows dead deliveries with the error; replay by id and by range delivers them', async () => {
    const dead = async () => (await cli(['--json', 'events', 'list', '--status', 'dead'], admin)).json<{ id: string; lastError: string }[]>();
    for (let i = 0; i < 200 && (await dead()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    const [first] = await dead();
    expect(first?.lastError).toContain('500');
    expect((await cli(['events', 'list'], admin)).stdout).toMatch(/^ID\s+TYPE\s+STATUS\s+ATTEMPTS/);
    receiver.setStatus(204);
    expect((await cli(['events', 'replay', first?.id ?? ''], admin)).stdout).toContain('replayed 1 event');
    const range = await cli(['--json', 'events', 'replay', '--from', '2000-01-01T00:00:00Z', '--to', '2100-01-01T00:00:00Z'], admin);
    expect(range.code).toBe(0);
    for (let i = 0; i < 200 && (await dead()).length > 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(await dead()).toEqual([]);
    expect((await cli(['events', 'replay'], admin)).code).toBe(2);
  });

  it('keys list and revoke through the admin API: the revoked key gets 401 at once', async () => {
    const { apiKey } = await stack.g2g.tenants.createKey({ tenantName: 'cli-tenant', orgIds: [stack.orgId] });
    const keyId = apiKey.split('_')[1] ?? '';
    const keys = await cli(['--json', 'keys', 'list'], admin);
    expect(keys.json<{ id: string; status: string }[]>()).toEqual(expect.arrayContaining([expect.objectContaining({ id: keyId, status: 'active' })]));
    expect(keys.stdout).not.toContain(apiKey);
    expect((await cli(['keys', 'revoke', keyId], admin)).stdout).toContain('revoked');
    const refused = await cli(['orgs', 'list'], { ...tenant, G2G_API_KEY: apiKey });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HTTP 401');
  });

  it('usage as a table, as JSON and as CSV', async () => {
    const table = await cli(['usage', '--org', stack.orgId], tenant);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('licence that would have served the busiest hour');
    expect((await cli(['--json', 'usage', '--org', stack.orgId, '--granularity', 'hour', '--from', new Date(Date.now() - 7_200_000).toISOString()], admin)).json()).toMatchObject({ granularity: 'hour', licensed: 4 });
    const csv = await cli(['usage', '--org', stack.orgId, '--csv'], admin);
    expect(csv.stdout.split('\r\n')[0]).toBe('start,end,meetings,meetingMinutes,participants,uniqueGuests,peakConcurrent,licensed,deferredClicks,totalWaitSeconds,p95WaitSeconds');
    const bad = await cli(['usage', '--org', stack.orgId, '--granularity', 'week'], admin);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('granularity');
  });

  it('doctor checks configuration, database, g2g and every org, one line each', async () => {
    const dbDir = mkdtempSync(path.join(tmpdir(), 'g2g-doctor-'));
    const env = { ...admin, G2G_DATA_DIR: dbDir, G2G_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`, G2G_WEBHOOK_SECRETS: 'doctor-secret-0123456789' };
    expect((await cli(['migrate'], env)).code).toBe(0);
    const report = await cli(['--json', 'doctor'], env);
    const checks = report.json<{ ok: boolean; checks: { name: string; ok: boolean }[] }>().checks;
    expect(checks.map((c) => c.name)).toEqual(expect.arrayContaining(['configuration', 'database', 'webex', 'g2g', expect.stringMatching(/^token /), expect.stringMatching(/^preflight /)]));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.code).toBe(0);
    const down = await cli(['doctor'], { ...env, G2G_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL\s+g2g/);
  });
});

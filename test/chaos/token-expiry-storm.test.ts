import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import type { G2G } from '../../src/g2g.js';
import { testDatabases } from '../support/databases.js';
import { startTestEmulator } from '../support/emulator.js';
import { instancesOnOneDatabase, type Instance } from './instances-on-one-database.js';

const ACCESS_LIFETIME_S = 3600;
const VISITS_PER_ORG_PER_INSTANCE = 6;

/** The emulator's tokens as GET /_emulator/state lists them (values included: the emulator is a test double). */
interface EmulatorToken {
  value: string;
  kind: 'access' | 'refresh';
  orgId: string;
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

describe.each(testDatabases())('three g2g instances on one $name database when both orgs\' access tokens expire', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('refreshes each org exactly once at Webex while visits and refresh-ahead timers run on every instance', async () => {
    const emulator = await startTestEmulator({ tokenLifetimes: { accessSeconds: ACCESS_LIFETIME_S } });
    cleanups.push(() => emulator.close());
    const { seed, control } = emulator;
    // g2g's clock moves with the emulator's (both real time plus the same offset), so expiry means the same to both.
    let offsetMs = 0;
    const clock: Clock = { now: () => Date.now() + offsetMs };
    const on = await instancesOnOneDatabase({ database, emulator, clock, cleanups });
    const instances: Instance[] = [];
    for (const name of ['a', 'b', 'c']) instances.push(await on.assemble(name, 25));
    const [a, b, c] = instances;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances expected');
    // One listens (the webhooks' target); all three run the orgs part's timers, refresh-ahead every 25 ms included.
    await a.g2g.start();
    await b.internals.startOrgs();
    await c.internals.startOrgs();

    const second = await control.createOrg({ name: 'Second org' });
    const orgIds = [seed.orgId, second.orgId];
    await on.authorize(a, orgIds);
    const { apiKey } = await a.g2g.tenants.createKey({ tenantName: 'expiry', orgIds });
    const schedule = (g2g: G2G, orgId: string, n: number) => on.schedule(g2g, apiKey, { orgId, title: `Expiry ${n}` });
    // Every instance caches both orgs' tokens (one visit each), so the expiry finds them all holding the old token.
    for (const [i, { g2g }] of instances.entries()) for (const orgId of orgIds) expect((await schedule(g2g, orgId, i)).statusCode).toBe(201);
    const before = new Map(await Promise.all(orgIds.map(async (orgId) => [orgId, await a.internals.vault.accessToken(orgId)] as const)));

    // A slow token endpoint holds every refresh open long enough that, without the lease, peers would refresh too.
    await control.addFault({ method: 'POST', path: '/v1/access_token', latencyMs: 300 });
    await control.clearRequests();
    const advanceMs = (ACCESS_LIFETIME_S + 60) * 1000;
    await control.advanceClock(advanceMs);
    offsetMs += advanceMs;

    const creates = instances.flatMap(({ g2g }, i) =>
      orgIds.flatMap((orgId, o) => Array.from({ length: VISITS_PER_ORG_PER_INSTANCE }, (_, j) => schedule(g2g, orgId, 1000 + i * 100 + o * 10 + j))),
    );
    const passes = instances.map(({ internals }) => internals.refreshDueTokens());
    const [answers, refreshPasses] = await Promise.all([Promise.all(creates), Promise.all(passes)]);
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 201));
    expect(refreshPasses.map((p) => p.failed)).toEqual([0, 0, 0]);
    // Let the timers run a few more passes: nothing is due any more, so they must not refresh again.
    await new Promise((r) => setTimeout(r, 200));
    for (const { internals } of instances) await internals.idle();

    const refreshes = await control.requests({ method: 'POST', path: '/v1/access_token' });
    expect(refreshes.map((r) => r.status)).toEqual([200, 200]);
    expect((await control.requests()).filter((r) => r.status === 401)).toEqual([]);

    const nowAtEmulator = (await control.clock()).nowMs;
    const tokens = ((await control.state()) as { tokens: EmulatorToken[] }).tokens;
    // A fresh instance has nothing cached: it reads what the storm stored.
    const reader = await on.assemble('reader', 0);
    for (const orgId of orgIds) {
      const live = tokens.filter((t) => t.kind === 'access' && t.orgId === orgId && t.clientId === seed.serviceApp.clientId && !t.revoked && t.expiresAt > nowAtEmulator);
      expect(live, `one refreshed access token at the emulator for ${orgId}`).toHaveLength(1);
      const fresh = live[0]?.value;
      expect(fresh).not.toBe(before.get(orgId));
      expect(await reader.internals.vault.accessToken(orgId)).toBe(fresh);
      for (const { internals } of instances) expect(await internals.vault.accessToken(orgId)).toBe(fresh);
    }
  }, 90_000);
});

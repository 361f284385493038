import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import { createKeyring } from '../../../src/core/crypto/keyring.js';
import { createOrgs } from '../../../src/core/orgs/orgs.js';
import { createTokenVault } from '../../../src/core/vault/token-vault.js';
import { createLogger } from '../../../src/logger.js';
import { Secret } from '../../../src/secret.js';
import { upsertAuthorizedOrg } from '../../../src/store/org-store.js';
import { testDatabases } from '../../support/databases.js';
import { createOrgRepository } from '../../../src/store/org-repository.js';
import { createTokenRepository } from '../../../src/store/token-repository.js';

/** Counts the statements a Kysely instance runs (a real plugin on the real database, not a mock). */
function countingPlugin(): { plugin: KyselyPlugin; count(): number; reset(): void } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
    reset: () => void (n = 0),
  };
}

describe.each(testDatabases())('org reads stay constant in queries on $name', (database) => {
  it('lists any number of orgs with their token expiry in two queries', async () => {
    const db = await database.open();
    const counter = countingPlugin();
    const clock = createManualClock(Date.UTC(2026, 10, 25, 12));
    const counted = db.withPlugin(counter.plugin);
    const vault = createTokenVault({
      tokenStore: createTokenRepository(counted),
      keyring: createKeyring([{ id: 'k1', key: new Secret(Buffer.alloc(32, 7).toString('base64')) }]),
      clock,
      log: createLogger({ level: 'silent' }),
      instanceId: 'test',
      refresh: () => Promise.reject(new Error('no refresh in this test')),
      onRefused: () => Promise.resolve(),
    });
    // No Webex call happens in a read: a client asked for would be a bug.
    const services = { orgs: createOrgs({ orgStore: createOrgRepository(counted), vault, clock, webexForOrg: () => { throw new Error('no Webex in org reads'); } }), vault };
    const ids = ['org-a', 'org-b', 'org-c', 'org-d', 'org-e'];
    for (const [i, id] of ids.entries()) {
      await upsertAuthorizedOrg(db, { id, status: 'ready', siteUrl: `${id}.webex.com`, scopes: ['guest-meeting:rw'], authorizedAt: clock.now(), reason: null, eventReceivedAt: clock.now() }, clock.now() + i);
      if (id !== 'org-e') await services.vault.store(id, { access_token: `access-${id}`, expires_in: 3600 * (i + 1), refresh_token: `refresh-${id}`, refresh_token_expires_in: 86_400 });
    }

    counter.reset();
    const orgs = await services.orgs.list(ids);
    expect(counter.count()).toBe(2);
    expect(orgs.map((o) => [o.id, o.accessTokenExpiresAt])).toEqual([
      ['org-a', new Date(clock.now() + 3600_000).toISOString()],
      ['org-b', new Date(clock.now() + 2 * 3600_000).toISOString()],
      ['org-c', new Date(clock.now() + 3 * 3600_000).toISOString()],
      ['org-d', new Date(clock.now() + 4 * 3600_000).toISOString()],
      ['org-e', undefined],
    ]);

    counter.reset();
    expect((await services.orgs.get('org-c'))?.accessTokenExpiresAt).toBe(new Date(clock.now() + 3 * 3600_000).toISOString());
    expect(counter.count()).toBe(2);
  });
});

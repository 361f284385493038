import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import { createKeyring } from '../../../src/core/crypto/keyring.js';
import { G2GError } from '../../../src/core/errors.js';
import { createTokenVault, type TokenGrant } from '../../../src/core/vault/token-vault.js';
import { createLogger } from '../../../src/logger.js';
import { Secret } from '../../../src/secret.js';
import { claimRefreshLease, completeRefresh, deleteVaultToken } from '../../../src/store/vault-token-store.js';
import { WebexApiError } from '../../../src/webex/index.js';
import { testDatabases } from '../../support/databases.js';
import { createTokenRepository } from '../../../src/store/token-repository.js';

const log = createLogger({ level: 'silent' });
const keyring = createKeyring([{ id: 'k1', key: new Secret(Buffer.alloc(32, 9).toString('base64')) }]);
const HOUR = 3600;

/**
 * The vault's `refresh` and `onRefused` are its seams (the real ones call Webex's /access_token and
 * the org store; the integration tests in test/server/orgs.test.ts run those against the emulator).
 * Here they are recorded so lease and failure paths can be driven exactly.
 */
describe.each(testDatabases())('token vault on $name', (database) => {
  const setup = async (refresh: (refreshToken: string) => Promise<TokenGrant>) => {
    const db = await database.open();
    const clock = createManualClock();
    const refused: string[] = [];
    const calls: string[] = [];
    const vault = createTokenVault({
      tokenStore: createTokenRepository(db),
      keyring,
      clock,
      log,
      instanceId: 'me',
      leaseMs: 1000,
      leasePollMs: 5,
      refresh: async (_subject, rt) => {
        calls.push(rt);
        return refresh(rt);
      },
      onRefused: async (subject) => void refused.push(subject),
    });
    await vault.store('org-1', { access_token: 'AT-1', expires_in: HOUR, refresh_token: 'RT-1', refresh_token_expires_in: 90 * 24 * HOUR });
    return { db, clock, vault, refused, calls };
  };
  const dueIn = (clock: ReturnType<typeof createManualClock>) => clock.advance(55 * 60_000); // 5 of 60 minutes left: due

  it('waits for a peer holding the refresh lease and uses the token it stored, without refreshing itself', async () => {
    const { db, clock, vault, calls } = await setup(async () => ({ access_token: 'never', expires_in: HOUR }));
    dueIn(clock);
    expect(await claimRefreshLease(db, 'org-1', 'peer', clock.now(), 1000)).toBe(true);
    const waiting = vault.accessToken('org-1');
    await new Promise((r) => setTimeout(r, 20));
    const peerValues = {
      access_token_enc: keyring.encrypt('AT-PEER', 'vault_tokens:org-1:access'),
      access_token_expires_at: clock.now() + HOUR * 1000,
      refresh_token_enc: keyring.encrypt('RT-PEER', 'vault_tokens:org-1:refresh'),
      refresh_token_expires_at: null,
      issued_at: clock.now(),
    };
    expect(await completeRefresh(db, 'org-1', 'peer', peerValues, clock.now())).toBe(true);
    expect(await waiting).toBe('AT-PEER');
    expect(calls).toEqual([]);
  });

  it('takes over a lease whose holder vanished (lease expired) and refreshes with the stored refresh token', async () => {
    const { db, clock, vault, calls } = await setup(async () => ({ access_token: 'AT-2', expires_in: HOUR, refresh_token: 'RT-2' }));
    dueIn(clock);
    expect(await claimRefreshLease(db, 'org-1', 'crashed-peer', clock.now() - 5000, 1000)).toBe(true);
    expect(await vault.accessToken('org-1')).toBe('AT-2');
    expect(calls).toEqual(['RT-1']);
    // The rotated refresh token is the one used next time.
    clock.advance(56 * 60_000);
    await vault.accessToken('org-1').catch(() => undefined);
    expect(calls).toEqual(['RT-1', 'RT-2']);
  });

  it('keeps serving a still-valid token when a refresh-ahead fails for a passing reason, and fails once it has expired', async () => {
    const unavailable = new WebexApiError({ code: 'webex_unavailable', status: 503, message: 'unavailable', method: 'POST', path: '/access_token', retryable: true });
    const { clock, vault, refused } = await setup(async () => {
      throw unavailable;
    });
    dueIn(clock);
    expect(await vault.accessToken('org-1')).toBe('AT-1');
    clock.advance(10 * 60_000);
    await expect(vault.accessToken('org-1')).rejects.toBe(unavailable);
    expect(refused).toEqual([]);
  });

  it('treats invalid_grant as a refused authorization but invalid_client as our own configuration error', async () => {
    const invalidClient = new WebexApiError({ code: 'webex_unauthorized', status: 401, message: 'x', method: 'POST', path: '/access_token', oauthError: 'invalid_client' });
    const first = await setup(async () => {
      throw invalidClient;
    });
    first.clock.advance(61 * 60_000);
    await expect(first.vault.accessToken('org-1')).rejects.toBe(invalidClient);
    expect(first.refused).toEqual([]);

    const second = await setup(async () => {
      throw new WebexApiError({ code: 'webex_bad_request', status: 400, message: 'x', method: 'POST', path: '/access_token', oauthError: 'invalid_grant' });
    });
    dueIn(second.clock);
    const error = await second.vault.accessToken('org-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(G2GError);
    expect((error as G2GError).code).toBe('org_needs_reauth');
    expect((error as G2GError).message).not.toContain('RT-1');
    expect(second.refused).toEqual(['org-1']);
  });

  it('after a 401 refreshes only if the stored token is still the rejected one', async () => {
    const { vault, calls } = await setup(async () => ({ access_token: 'AT-2', expires_in: HOUR }));
    expect(await vault.refreshAfterRejection('org-1', 'AT-OLD')).toBe('AT-1');
    expect(calls).toEqual([]);
    const [a, b] = await Promise.all([vault.refreshAfterRejection('org-1', 'AT-1'), vault.refreshAfterRejection('org-1', 'AT-1')]);
    expect([a, b]).toEqual(['AT-2', 'AT-2']);
    expect(calls).toEqual(['RT-1']);
  });

  it('does not resurrect tokens deleted (deauthorized) while a refresh was in flight', async () => {
    let release: () => void = () => undefined;
    const { db, clock, vault } = await setup(() => new Promise<TokenGrant>((resolve) => (release = () => resolve({ access_token: 'AT-2', expires_in: HOUR }))));
    dueIn(clock);
    const pending = vault.accessToken('org-1');
    await new Promise((r) => setTimeout(r, 20));
    await deleteVaultToken(db, 'org-1');
    release();
    const error = await pending.catch((e: unknown) => e);
    expect((error as G2GError).code).toBe('org_not_ready');
    expect(await db.selectFrom('vault_tokens').select('subject').execute()).toEqual([]);
  });
});

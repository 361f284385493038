import type { Logger } from '../../logger.js';
import { WebexApiError } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import type { Keyring } from '../crypto/keyring.js';
import { describeError } from '../describe-error.js';
import { G2GError } from '../errors.js';
import { refreshMarginMs } from './refresh-margin.js';
import { rotateVaultKeys } from './rotate-vault-keys.js';
import { singleFlight } from './single-flight.js';
import type { StoredToken, TokenStore, TokenValues } from './token-store.js';

/** The OAuth token answer Webex gives on `/applications/{id}/token` and `/access_token`. */
export interface TokenGrant {
  access_token: string;
  expires_in: number;
  refresh_token?: string | undefined;
  refresh_token_expires_in?: number | undefined;
}

export interface TokenHealth {
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number | undefined;
  issuedAt: number;
  hasRefreshToken: boolean;
  /** Refresh-ahead would refresh it on the next use. */
  refreshDue: boolean;
  keyId: string | undefined;
}

export interface TokenVault {
  /** A usable access token: from memory when fresh, else read, or refreshed ahead of expiry (single-flight here, leased across instances). */
  accessToken(subject: string, opts?: { signal?: AbortSignal }): Promise<string>;
  /** After Webex answered 401 to `rejected`: refresh once, unless the stored token already differs (a peer refreshed). */
  refreshAfterRejection(subject: string, rejected: string, opts?: { signal?: AbortSignal }): Promise<string>;
  /** Stores a new grant (authorization), encrypted, replacing any previous one. */
  store(subject: string, grant: TokenGrant): Promise<void>;
  /** Stores a grant only if the subject has none (seeding from configuration). */
  seed(subject: string, grant: TokenGrant): Promise<void>;
  /** Deletes the subject's tokens (deauthorization). */
  forget(subject: string): Promise<void>;
  health(subject: string): Promise<TokenHealth | undefined>;
  /** health() of several subjects in one read (subjects without tokens are absent). */
  healthOf(subjects: readonly string[]): Promise<Map<string, TokenHealth>>;
  /** Refreshes every stored token that is due (timer). */
  refreshDue(filter?: (subject: string) => boolean): Promise<{ refreshed: number; failed: number }>;
  /** Re-encrypts every stored token with the current key. */
  rotate(): Promise<{ rotated: number; alreadyCurrent: number; failed: number }>;
}

export interface TokenVaultDeps {
  tokenStore: TokenStore;
  keyring: Keyring;
  clock: Clock;
  log: Logger;
  instanceId: string;
  /** Exchanges a refresh token for a new grant (`POST /access_token`). */
  refresh(subject: string, refreshToken: string, opts: { signal?: AbortSignal }): Promise<TokenGrant>;
  /** Called once when Webex refuses the refresh token (400/401: invalid_grant): the subject needs re-authorization. */
  onRefused(subject: string, reason: string): Promise<void>;
  /** Runs before any slow-path work (no fresh token in memory); throws to refuse (e.g. org not ready). */
  guard?(subject: string): Promise<void>;
  /** How long a refresh lease lasts before a peer may take over (default 30 s). */
  leaseMs?: number;
  /** How often a peer waiting on a lease re-reads the row (default 50 ms). */
  leasePollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface Cached {
  token: string;
  expiresAt: number;
  issuedAt: number;
  version: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTokenVault(deps: TokenVaultDeps): TokenVault {
  const { tokenStore, keyring, clock, instanceId } = deps;
  const log = deps.log.child({ module: 'vault' });
  const leaseMs = deps.leaseMs ?? 30_000;
  const pollMs = deps.leasePollMs ?? 50;
  const sleep = deps.sleep ?? realSleep;
  const cache = new Map<string, Cached>();
  const flights = singleFlight<string>();

  const ctx = (subject: string, column: 'access' | 'refresh') => `vault_tokens:${subject}:${column}`;
  const isDue = (expiresAt: number, issuedAt: number) => clock.now() >= expiresAt - refreshMarginMs(expiresAt - issuedAt);

  const encryptGrant = (subject: string, grant: TokenGrant, previous?: StoredToken): TokenValues => {
    const now = clock.now();
    const refreshEnc = grant.refresh_token !== undefined ? keyring.encrypt(grant.refresh_token, ctx(subject, 'refresh')) : (previous?.refreshTokenEnc ?? null);
    const refreshExpires =
      grant.refresh_token !== undefined
        ? grant.refresh_token_expires_in !== undefined
          ? now + grant.refresh_token_expires_in * 1000
          : null
        : (previous?.refreshTokenExpiresAt ?? null);
    return {
      accessTokenEnc: keyring.encrypt(grant.access_token, ctx(subject, 'access')),
      accessTokenExpiresAt: now + grant.expires_in * 1000,
      refreshTokenEnc: refreshEnc,
      refreshTokenExpiresAt: refreshExpires,
      issuedAt: now,
    };
  };

  const remember = (subject: string, row: StoredToken): string => {
    const token = keyring.decrypt(row.accessTokenEnc, ctx(subject, 'access'));
    cache.set(subject, { token, expiresAt: row.accessTokenExpiresAt, issuedAt: row.issuedAt, version: row.version });
    return token;
  };

  const missing = (subject: string) =>
    new G2GError({ code: 'org_not_ready', status: 409, message: `no tokens are stored for ${subject}: it has not been authorized (or was deauthorized)` });

  const refused = async (subject: string, reason: string): Promise<never> => {
    cache.delete(subject);
    await deps.onRefused(subject, reason);
    throw new G2GError({ code: 'org_needs_reauth', status: 409, message: `Webex refused the refresh token for ${subject}: an admin must authorize the Service App again` });
  };

  /** Reads the row and returns its token, refreshing when due (or when it is the token Webex rejected). */
  async function obtain(subject: string, rejected: string | undefined, signal: AbortSignal | undefined, depth: number): Promise<string> {
    if (depth > 3) throw new G2GError({ code: 'webex_unavailable', status: 503, message: `token for ${subject} could not be refreshed: try again` });
    const row = await tokenStore.find(subject);
    if (row === undefined) {
      cache.delete(subject);
      throw missing(subject);
    }
    const current = remember(subject, row);
    const stale = rejected !== undefined ? current === rejected : isDue(row.accessTokenExpiresAt, row.issuedAt);
    if (!stale) return current;
    if (row.refreshTokenEnc === null) {
      // A static credential (no refresh token): nothing to refresh; hand it out while it lasts.
      if (clock.now() < row.accessTokenExpiresAt && rejected === undefined) return current;
      throw new G2GError({ code: 'org_needs_reauth', status: 409, message: `the token for ${subject} expired and has no refresh token` });
    }
    if (row.refreshTokenExpiresAt !== null && row.refreshTokenExpiresAt <= clock.now()) {
      return refused(subject, 'refresh token expired');
    }
    const claimed = await tokenStore.claimRefreshLease(subject, instanceId, clock.now(), leaseMs);
    if (!claimed) return awaitPeer(subject, row.version, rejected, signal, depth);
    return refreshHoldingLease(subject, row, rejected, signal, depth);
  }

  async function refreshHoldingLease(subject: string, seen: StoredToken, rejected: string | undefined, signal: AbortSignal | undefined, depth: number): Promise<string> {
    let latest: StoredToken | undefined;
    let grant: TokenGrant;
    try {
      latest = await tokenStore.find(subject);
      if (latest === undefined) throw missing(subject);
      if (latest.version !== seen.version) {
        // A peer finished a refresh between our read and our claim: use theirs.
        await tokenStore.releaseRefreshLease(subject, instanceId);
        return obtain(subject, rejected, signal, depth + 1);
      }
      const refreshToken = keyring.decrypt(latest.refreshTokenEnc ?? '', ctx(subject, 'refresh'));
      grant = await deps.refresh(subject, refreshToken, signal ? { signal } : {});
    } catch (error) {
      await tokenStore.releaseRefreshLease(subject, instanceId).catch(() => undefined);
      if (isRefusedRefresh(error)) return refused(subject, `refresh refused (${(error as WebexApiError).oauthError ?? (error as WebexApiError).status})`);
      if (latest !== undefined && rejected === undefined && clock.now() < latest.accessTokenExpiresAt) {
        // Refresh-ahead is opportunistic: the current token is still valid, so keep serving it and retry later.
        log.warn({ subject, err: describeError(error) }, 'token refresh failed; current token still valid');
        return remember(subject, latest);
      }
      throw error;
    }
    const values = encryptGrant(subject, grant, latest);
    const now = clock.now();
    if (await tokenStore.completeRefresh(subject, instanceId, values, now)) {
      cache.set(subject, { token: grant.access_token, expiresAt: values.accessTokenExpiresAt, issuedAt: values.issuedAt, version: latest.version + 1 });
      log.info({ subject, expiresAt: values.accessTokenExpiresAt }, 'access token refreshed');
      return grant.access_token;
    }
    // Our lease lapsed and a peer took over (or the subject was deauthorized meanwhile): the stored row wins.
    log.warn({ subject }, 'refresh lease lost before the refreshed token was stored');
    const after = await tokenStore.find(subject);
    if (after === undefined) throw missing(subject);
    return remember(subject, after);
  }

  async function awaitPeer(subject: string, seenVersion: number, rejected: string | undefined, signal: AbortSignal | undefined, depth: number): Promise<string> {
    const polls = Math.max(1, Math.ceil(leaseMs / pollMs));
    for (let i = 0; i < polls; i += 1) {
      signal?.throwIfAborted();
      await sleep(pollMs);
      const row = await tokenStore.find(subject);
      if (row === undefined) throw missing(subject);
      if (row.version !== seenVersion) return obtain(subject, rejected, signal, depth + 1);
      if (row.refreshLeaseUntil === null || row.refreshLeaseUntil < clock.now()) return obtain(subject, rejected, signal, depth + 1);
    }
    throw new G2GError({ code: 'webex_unavailable', status: 503, message: `another instance is still refreshing the token for ${subject}: try again` });
  }

  const healthOfRow = (row: StoredToken): TokenHealth => ({
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshTokenExpiresAt: row.refreshTokenExpiresAt ?? undefined,
    issuedAt: row.issuedAt,
    hasRefreshToken: row.refreshTokenEnc !== null,
    refreshDue: isDue(row.accessTokenExpiresAt, row.issuedAt),
    keyId: keyring.keyIdOf(row.accessTokenEnc),
  });

  return {
    async accessToken(subject, opts = {}) {
      const hit = cache.get(subject);
      if (hit !== undefined && !isDue(hit.expiresAt, hit.issuedAt)) return hit.token;
      return flights(`fresh:${subject}`, async () => {
        await deps.guard?.(subject);
        return obtain(subject, undefined, opts.signal, 0);
      });
    },

    async refreshAfterRejection(subject, rejected, opts = {}) {
      const hit = cache.get(subject);
      if (hit !== undefined && hit.token !== rejected && !isDue(hit.expiresAt, hit.issuedAt)) return hit.token;
      return flights(`rejected:${subject}`, async () => {
        await deps.guard?.(subject);
        return obtain(subject, rejected, opts.signal, 0);
      });
    },

    async store(subject, grant) {
      const previous = await tokenStore.find(subject);
      const values = encryptGrant(subject, grant, previous);
      await tokenStore.save(subject, values, clock.now());
      cache.set(subject, { token: grant.access_token, expiresAt: values.accessTokenExpiresAt, issuedAt: values.issuedAt, version: (previous?.version ?? 0) + 1 });
    },

    async seed(subject, grant) {
      await tokenStore.insertIfAbsent(subject, encryptGrant(subject, grant), clock.now());
    },

    async forget(subject) {
      cache.delete(subject);
      await tokenStore.delete(subject);
    },

    async health(subject) {
      const row = await tokenStore.find(subject);
      return row === undefined ? undefined : healthOfRow(row);
    },

    async healthOf(subjects) {
      return new Map((await tokenStore.list(subjects)).map((row) => [row.subject, healthOfRow(row)]));
    },

    async refreshDue(filter) {
      let refreshed = 0;
      let failed = 0;
      for (const row of await tokenStore.list()) {
        if (filter !== undefined && !filter(row.subject)) continue;
        if (!isDue(row.accessTokenExpiresAt, row.issuedAt) || row.refreshTokenEnc === null) continue;
        try {
          await this.accessToken(row.subject);
          refreshed += 1;
        } catch (error) {
          failed += 1;
          log.warn({ subject: row.subject, err: describeError(error) }, 'scheduled token refresh failed');
        }
      }
      return { refreshed, failed };
    },

    async rotate() {
      const result = await rotateVaultKeys({ tokenStore, keyring, clock, log });
      cache.clear();
      return result;
    },
  };
}

/**
 * Webex answers /access_token with 400 or 401 `invalid_grant` when a refresh token is revoked or
 * expired (S13 treats a bare 401 the same). `invalid_client` is our configuration, not the org's
 * authorization: that stays an error to fix, not a re-authorization.
 */
export function isRefusedRefresh(error: unknown): boolean {
  if (!(error instanceof WebexApiError)) return false;
  if (error.oauthError !== undefined) return error.oauthError === 'invalid_grant';
  return error.status === 400 || error.status === 401;
}

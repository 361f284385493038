import type { Logger } from '../../logger.js';
import type { TokenSource } from '../../webex/index.js';
import { isG2GError } from '../errors.js';
import type { OrgEvents } from '../orgs/org-events.js';
import type { EventSink } from '../typed-emitter.js';
import type { TokenManagerCredentials } from '../webex-credentials.js';
import type { TokenVault } from './token-vault.js';

/** Vault subject of the credential that mints org tokens (`spark:applications_token`). */
export const TOKEN_MANAGER_SUBJECT = 'app:token-manager';

export interface TokenManagerCredential {
  /** A refresh token and its client are configured: the vault keeps the credential fresh. */
  readonly refreshable: boolean;
  /** Stores the configured credential unless the vault holds one already (start, and after a refused refresh). */
  seed(): Promise<void>;
  /** The bearer of the token-manager Webex client. */
  tokenSource(): TokenSource | (() => Promise<string>);
  /** Webex refused its refresh token: logged, dropped from the vault, and emitted once. */
  refused(reason: string): Promise<void>;
}

export interface TokenManagerCredentialDeps {
  /** Read on use: g2g can be built before Webex credentials exist (the embedded emulator supplies them). */
  credentials: () => TokenManagerCredentials;
  vault: TokenVault;
  events: EventSink<Pick<OrgEvents, 'token_manager.needs_reauth'>>;
  log: Logger;
}

export function createTokenManagerCredential(deps: TokenManagerCredentialDeps): TokenManagerCredential {
  const { vault } = deps;
  const log = deps.log.child({ module: 'token-manager' });
  let refusedOnce = false;
  const configured = () => deps.credentials().accessToken.reveal();

  const seed = async (): Promise<void> => {
    const tm = deps.credentials();
    // Expiry of a configured token is unknown: assume an hour so refresh-ahead renews it (and learns the real expiry) soon.
    await vault.seed(TOKEN_MANAGER_SUBJECT, { access_token: tm.accessToken.reveal(), expires_in: 3600, refresh_token: tm.refreshToken?.reveal() });
  };

  // Before start() seeded the vault, or after Webex refused the refresh token, the configured token is the best we have.
  const fromVault = async (read: () => Promise<string>): Promise<string> => {
    if (refusedOnce) return configured();
    try {
      return await read();
    } catch (error) {
      if (isG2GError(error) && error.code === 'org_not_ready') {
        await seed();
        return read();
      }
      if (isG2GError(error) && error.code === 'org_needs_reauth') {
        refusedOnce = true;
        return configured();
      }
      throw error;
    }
  };

  const refreshable = (): boolean => {
    const tm = deps.credentials();
    return tm.refreshToken !== undefined && tm.clientId !== undefined && tm.clientSecret !== undefined;
  };

  return {
    get refreshable() {
      return refreshable();
    },
    seed,
    tokenSource() {
      if (!refreshable()) return () => Promise.resolve(configured());
      return {
        getToken: (o) => fromVault(() => vault.accessToken(TOKEN_MANAGER_SUBJECT, o)),
        refreshToken: (rejected, o) => fromVault(() => vault.refreshAfterRejection(TOKEN_MANAGER_SUBJECT, rejected, o)),
      };
    },
    async refused(reason) {
      log.error({ reason }, 'token-manager refresh token refused: configure a new WEBEX_TOKEN_MANAGER credential');
      // Drop the dead pair: the next start seeds the vault from the (new) configured credential.
      await vault.forget(TOKEN_MANAGER_SUBJECT);
      deps.events.emit('token_manager.needs_reauth', { reason });
    },
  };
}

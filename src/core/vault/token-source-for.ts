import type { TokenSource } from '../../webex/index.js';
import type { TokenVault } from './token-vault.js';

/** A Webex client's bearer for one vault subject: fresh token with refresh-ahead, and one refresh after a 401. */
export function tokenSourceFor(vault: Pick<TokenVault, 'accessToken' | 'refreshAfterRejection'>, subject: string): TokenSource {
  return {
    getToken: (opts) => vault.accessToken(subject, opts),
    refreshToken: (rejected, opts) => vault.refreshAfterRejection(subject, rejected, opts),
  };
}

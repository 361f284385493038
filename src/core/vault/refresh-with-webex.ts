import type { OAuthApi } from '../../webex/index.js';
import type { G2GMetrics } from '../metrics/g2g-metrics.js';
import type { WebexCredentials } from '../webex-credentials.js';
import { TOKEN_MANAGER_SUBJECT } from './token-manager-credential.js';
import { isRefusedRefresh, type TokenGrant, type TokenVaultDeps } from './token-vault.js';

/**
 * The vault's `refresh`: exchanges a subject's refresh token at Webex (`POST /access_token`) with the client that
 * issued it (the Service App for orgs, the token manager's own integration for it), and counts each outcome.
 */
export function refreshWithWebex(deps: {
  /** Read on use: g2g can be built before Webex credentials exist. */
  credentials: () => WebexCredentials;
  oauth: () => Pick<OAuthApi, 'refreshToken'>;
  metrics?: Pick<G2GMetrics, 'tokenRefresh'>;
}): TokenVaultDeps['refresh'] {
  return async (subject, refreshToken, opts): Promise<TokenGrant> => {
    const webex = deps.credentials();
    const client =
      subject === TOKEN_MANAGER_SUBJECT
        ? { clientId: webex.tokenManager.clientId ?? '', clientSecret: webex.tokenManager.clientSecret?.reveal() ?? '' }
        : { clientId: webex.clientId, clientSecret: webex.clientSecret.reveal() };
    try {
      const grant = await deps.oauth().refreshToken({ ...client, refreshToken }, opts);
      deps.metrics?.tokenRefresh('refreshed');
      return grant;
    } catch (error) {
      deps.metrics?.tokenRefresh(isRefusedRefresh(error) ? 'refused' : 'failed');
      throw error;
    }
  };
}

import type { TokenSource, WebexClient } from '../../webex/index.js';
import type { TokenVault } from '../vault/token-vault.js';
import { tokenSourceFor } from '../vault/token-source-for.js';

export interface OrgWebexClients {
  /** A Webex client acting as the org's Service App machine account (vault token, one refresh after a 401). Cached per org. */
  forOrg(orgId: string): WebexClient;
  /** Drops the org's cached client (deauthorized, refused, needs re-authorization). */
  forget(orgId: string): void;
}

export function createOrgWebexClients(deps: {
  vault: Pick<TokenVault, 'accessToken' | 'refreshAfterRejection'>;
  createClient(token: TokenSource): WebexClient;
}): OrgWebexClients {
  const clients = new Map<string, WebexClient>();
  return {
    forOrg(orgId) {
      let client = clients.get(orgId);
      if (client === undefined) {
        client = deps.createClient(tokenSourceFor(deps.vault, orgId));
        clients.set(orgId, client);
      }
      return client;
    },
    forget(orgId) {
      clients.delete(orgId);
    },
  };
}

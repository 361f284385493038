import type { Logger } from '../../logger.js';
import { TOKEN_MANAGER_SUBJECT } from '../vault/token-manager-credential.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { OrgStore } from './org-store.js';

/** Refreshes every due token of ready orgs (and the token manager's): what the minute timer runs. */
export async function refreshDueTokens(deps: { orgStore: Pick<OrgStore, 'list'>; vault: Pick<TokenVault, 'refreshDue'>; log: Logger }): Promise<{ refreshed: number; failed: number }> {
  const ready = new Set((await deps.orgStore.list()).filter((r) => r.status === 'ready').map((r) => r.id));
  ready.add(TOKEN_MANAGER_SUBJECT);
  const result = await deps.vault.refreshDue((subject) => ready.has(subject));
  if (result.refreshed + result.failed > 0) deps.log.info(result, 'refresh-ahead pass');
  return result;
}

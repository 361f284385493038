import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import type { TokenHealth, TokenVault } from '../vault/token-vault.js';
import { orgUnavailableError, orgView, type Org } from './org.js';
import type { OrgRecord, OrgStore } from './org-store.js';
import { runPreflight, type Preflight } from './preflight.js';

/** Reading orgs: as the API shows them (with token expiry), ready for new work, and their live preflight. */
export interface Orgs {
  get(orgId: string): Promise<Org | undefined>;
  /** All orgs, or those with the given ids. */
  list(ids?: readonly string[]): Promise<Org[]>;
  /** The org when it is ready for new work; else G2GError not_found / org_deauthorized / org_needs_reauth / org_missing_scopes / org_not_ready. */
  requireReady(orgId: string): Promise<Org>;
  /** Checks what guest-to-guest needs, live against Webex, and says what to fix. */
  preflight(orgId: string, opts?: { signal?: AbortSignal }): Promise<Preflight>;
}

export interface OrgsDeps {
  orgStore: Pick<OrgStore, 'find' | 'list'>;
  vault: Pick<TokenVault, 'health' | 'healthOf' | 'accessToken'>;
  clock: Clock;
  webexForOrg(orgId: string): WebexClient;
}

export function createOrgs(deps: OrgsDeps): Orgs {
  const { orgStore, vault } = deps;

  const withTokens = (record: OrgRecord, health: TokenHealth | undefined): Org =>
    orgView(record, health && { accessTokenExpiresAt: health.accessTokenExpiresAt, refreshTokenExpiresAt: health.refreshTokenExpiresAt });

  /** The org with its token health, and that health (preflight needs both: one read of each table). */
  const findOrg = async (orgId: string): Promise<{ org: Org; health: TokenHealth | undefined } | undefined> => {
    const [record, health] = await Promise.all([orgStore.find(orgId), vault.health(orgId)]);
    return record === undefined ? undefined : { org: withTokens(record, health), health };
  };

  return {
    async get(orgId) {
      return (await findOrg(orgId))?.org;
    },
    async list(ids) {
      // Two queries whatever the number of orgs (no token read per org).
      const records = await orgStore.list(ids);
      const health = await vault.healthOf(records.map((r) => r.id));
      return records.map((record) => withTokens(record, health.get(record.id)));
    },
    async requireReady(orgId) {
      const record = await orgStore.find(orgId);
      if (record?.status === 'ready') return orgView(record);
      throw orgUnavailableError(orgId, record?.status, record?.statusReason ?? null);
    },
    async preflight(orgId, opts = {}) {
      const found = await findOrg(orgId);
      if (found === undefined) throw orgUnavailableError(orgId, undefined, null);
      return runPreflight({
        org: found.org,
        tokens: found.health,
        client: deps.webexForOrg(orgId),
        getToken: () => vault.accessToken(orgId, opts),
        clock: deps.clock,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    },
  };
}

import type { Kysely } from 'kysely';
import { findOrgRow, listOrgRows, type OrgRow } from '../../store/org-store.js';
import type { Database } from '../../store/schema.js';
import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import type { TokenHealth, TokenVault } from '../vault/token-vault.js';
import { isOrgStatus, orgFromRow, orgUnavailableError, type Org } from './org.js';
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
  db: Kysely<Database>;
  vault: Pick<TokenVault, 'health' | 'healthOf' | 'accessToken'>;
  clock: Clock;
  webexForOrg(orgId: string): WebexClient;
}

export function createOrgs(deps: OrgsDeps): Orgs {
  const { db, vault } = deps;

  const withTokens = (row: OrgRow, health: TokenHealth | undefined): Org =>
    orgFromRow(row, health && { accessTokenExpiresAt: health.accessTokenExpiresAt, refreshTokenExpiresAt: health.refreshTokenExpiresAt });

  /** The org with its token health, and that health (preflight needs both: one read of each table). */
  const findOrg = async (orgId: string): Promise<{ org: Org; health: TokenHealth | undefined } | undefined> => {
    const [row, health] = await Promise.all([findOrgRow(db, orgId), vault.health(orgId)]);
    return row === undefined ? undefined : { org: withTokens(row, health), health };
  };

  return {
    async get(orgId) {
      return (await findOrg(orgId))?.org;
    },
    async list(ids) {
      // Two queries whatever the number of orgs (no token read per org).
      const rows = await listOrgRows(db, ids);
      const health = await vault.healthOf(rows.map((r) => r.id));
      return rows.map((row) => withTokens(row, health.get(row.id)));
    },
    async requireReady(orgId) {
      const row = await findOrgRow(db, orgId);
      if (row?.status === 'ready') return orgFromRow(row);
      throw orgUnavailableError(orgId, row && isOrgStatus(row.status) ? row.status : undefined, row?.status_reason ?? null);
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

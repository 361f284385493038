import type { WebexClient } from '../../webex/index.js';
import type { Orgs } from './orgs.js';
import type { Preflight } from './preflight.js';

export interface OrgFixResult {
  /** What g2g changed through the Webex API, one line each. */
  applied: string[];
  /** The preflight after the changes. */
  preflight: Preflight;
}

/**
 * Applies the preflight fixes the Webex API allows (today: join before host in the Service App's scheduling options,
 * the seed's recipe for hostless visits, docs/api.md §Admin), then runs preflight again. Fixes that need a person
 * (scopes, re-authorization in Control Hub) stay in the preflight's `fix` texts.
 */
export async function fixOrg(
  deps: { orgs: Pick<Orgs, 'preflight'>; webexForOrg(orgId: string): Pick<WebexClient, 'meetingPreferences'>; joinBeforeHostMinutes: 0 | 5 | 10 | 15 },
  orgId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<OrgFixResult> {
  const before = await deps.orgs.preflight(orgId, opts);
  const applied: string[] = [];
  const jbh = before.checks.find((c) => c.name === 'join_before_host');
  const tokenOk = before.checks.find((c) => c.name === 'token')?.ok === true;
  if (jbh !== undefined && !jbh.ok && tokenOk) {
    const prefs = deps.webexForOrg(orgId).meetingPreferences;
    const current = await prefs.getSchedulingOptions({}, opts);
    await prefs.updateSchedulingOptions({ ...current, enabledJoinBeforeHost: true, joinBeforeHostMinutes: deps.joinBeforeHostMinutes || 5 }, {}, opts);
    applied.push(`join before host turned on (${deps.joinBeforeHostMinutes || 5} minutes) in the scheduling options`);
  }
  return { applied, preflight: applied.length > 0 ? await deps.orgs.preflight(orgId, opts) : before };
}

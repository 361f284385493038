import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import { G2GError, isG2GError } from '../errors.js';
import type { TokenHealth } from '../vault/token-vault.js';
import { REQUIRED_SCOPE, type Org } from './org.js';
import { describeGap, planMeetingWebhooks } from './plan-meeting-webhooks.js';

export interface PreflightCheck {
  name: 'authorization' | 'scopes' | 'site' | 'token' | 'join_before_host' | 'webhooks';
  ok: boolean;
  detail: string;
  /** What to do when not ok (null when ok). */
  fix: string | null;
}

export interface Preflight {
  orgId: string;
  ok: boolean;
  checks: PreflightCheck[];
}

/** Scopes g2g uses beyond the mandatory one; missing ones are reported, not fatal. */
const USEFUL_SCOPES = ['meeting:schedules_read', 'meeting:schedules_write', 'meeting:preferences_read'];

/**
 * What makes guest-to-guest work for an org, checked live where it can be: authorization status,
 * scopes, the guest-to-guest site, token health, and scheduling options allowing join before host
 * (the "no host needed" recipe, docs/webex-contract.md §3). Each failed check says what to fix.
 */
export async function runPreflight(deps: {
  org: Org;
  tokens: TokenHealth | undefined;
  client: WebexClient;
  /** Gets a usable token from the vault (refreshing if due): proves the token works end to end. */
  getToken(): Promise<string>;
  clock: Clock;
  signal?: AbortSignal;
}): Promise<Preflight> {
  const { org, tokens, client, clock } = deps;
  const checks: PreflightCheck[] = [];
  const opts = deps.signal ? { signal: deps.signal } : {};

  checks.push(
    org.status === 'ready'
      ? { name: 'authorization', ok: true, detail: 'the Service App is authorized and set up for this org', fix: null }
      : { name: 'authorization', ok: false, detail: `org status is ${org.status}${org.statusReason ? `: ${org.statusReason}` : ''}`, fix: fixForStatus(org.status) },
  );

  const missingUseful = USEFUL_SCOPES.filter((s) => !org.scopes.includes(s));
  checks.push(
    org.scopes.includes(REQUIRED_SCOPE)
      ? { name: 'scopes', ok: true, detail: `granted: ${org.scopes.join(' ')}${missingUseful.length ? ` (not granted: ${missingUseful.join(' ')})` : ''}`, fix: null }
      : { name: 'scopes', ok: false, detail: `${REQUIRED_SCOPE} is not granted (granted: ${org.scopes.join(' ') || 'none'})`, fix: `Add the ${REQUIRED_SCOPE} scope to the Service App on developer.webex.com, then have a Full Admin authorize it again in Control Hub.` },
  );

  // A token is needed for the live checks; getting one also proves refresh works.
  let tokenError: unknown;
  let haveToken = false;
  if (tokens === undefined) {
    tokenError = new G2GError({ code: 'org_not_ready', status: 409, message: 'no tokens are stored for this org' });
  } else {
    try {
      await deps.getToken();
      haveToken = true;
    } catch (error) {
      tokenError = error;
    }
  }
  const now = clock.now();
  checks.push(
    haveToken && tokens !== undefined
      ? {
          name: 'token',
          ok: true,
          detail: `access token valid until ${new Date(tokens.accessTokenExpiresAt).toISOString()}${tokens.refreshTokenExpiresAt !== undefined ? `; refresh token until ${new Date(tokens.refreshTokenExpiresAt).toISOString()}` : ''}${tokens.refreshTokenExpiresAt !== undefined && tokens.refreshTokenExpiresAt - now < 7 * 86_400_000 ? ' (refresh token expires within 7 days)' : ''}`,
          fix: null,
        }
      : { name: 'token', ok: false, detail: `no usable token: ${describe(tokenError)}`, fix: 'Have a Full Admin authorize the Service App again in Control Hub (g2g fetches new tokens from the serviceApp:authorized webhook).' },
  );

  if (!haveToken) {
    checks.push({ name: 'site', ok: org.siteUrl !== null, detail: org.siteUrl ?? 'no guest-to-guest site was named in the authorization', fix: org.siteUrl ? null : siteFix });
    checks.push({ name: 'join_before_host', ok: false, detail: 'not checked: no usable token', fix: 'Fix the token check first.' });
  } else {
    try {
      const sites = await client.meetingPreferences.listSites({}, opts);
      const urls = sites.sites.map((s) => s.siteUrl);
      const known = org.siteUrl !== null && urls.includes(org.siteUrl);
      checks.push(
        known
          ? { name: 'site', ok: true, detail: `${org.siteUrl} is one of the Service App's sites`, fix: null }
          : { name: 'site', ok: false, detail: org.siteUrl === null ? `no guest-to-guest site was named in the authorization (Service App sites: ${urls.join(', ') || 'none'})` : `${org.siteUrl} is not among the Service App's sites (${urls.join(', ') || 'none'})`, fix: siteFix },
      );
    } catch (error) {
      checks.push({ name: 'site', ok: false, detail: `could not list the Service App's sites: ${describe(error)}`, fix: 'Grant meeting:preferences_read to the Service App and authorize it again.' });
    }
    try {
      const options = await client.meetingPreferences.getSchedulingOptions({}, opts);
      checks.push(
        options.enabledJoinBeforeHost
          ? { name: 'join_before_host', ok: true, detail: `join before host is on (${options.joinBeforeHostMinutes} minutes)`, fix: null }
          : { name: 'join_before_host', ok: false, detail: 'join before host is off in the Service App scheduling options: hostless visits would wait for a host', fix: 'PUT /meetingPreferences/schedulingOptions {"enabledJoinBeforeHost":true,"joinBeforeHostMinutes":5,"enabledAutoShareRecording":false} with the org token, and in Control Hub enable "They can join the meeting" for the guest site.' },
      );
    } catch (error) {
      checks.push({ name: 'join_before_host', ok: false, detail: `could not read scheduling options: ${describe(error)}`, fix: 'Grant meeting:preferences_read to the Service App and authorize it again.' });
    }
  }

  checks.push(webhooksCheck(org));

  return { orgId: org.id, ok: checks.every((c) => c.ok), checks };
}

/** Meeting webhooks: the ones the scopes do not allow (fix: grant the scope), then the ones Webex failed to register. */
function webhooksCheck(org: Org): PreflightCheck {
  const { gaps } = planMeetingWebhooks(org.scopes);
  const problem = org.warnings.filter((w) => !gaps.some((g) => w === describeGap(g)));
  if (gaps.length > 0) {
    const grants = gaps.map((g) => g.grant).join(' and ');
    return {
      name: 'webhooks',
      ok: false,
      detail: [...gaps.map(describeGap), ...problem].join('; '),
      fix: `Add ${grants} to the Service App's scopes on developer.webex.com, then have a Full Admin authorize it again in Control Hub (g2g then registers the missing meeting webhooks).`,
    };
  }
  if (problem.length > 0) {
    return { name: 'webhooks', ok: false, detail: problem.join('; '), fix: 'Nothing to do if the error was passing (a Webex 5xx or timeout): g2g retries every few minutes. If it persists, check the Webex message above and the g2g logs for the org id.' };
  }
  if (org.webhooksRegisteredAt === null) {
    return { name: 'webhooks', ok: false, detail: 'meeting webhooks are not registered: visits will not follow meeting starts and ends', fix: 'Check that G2G_PUBLIC_URL is reachable by Webex; g2g registers them when the org authorizes.' };
  }
  return { name: 'webhooks', ok: true, detail: `meeting webhooks registered at ${org.webhooksRegisteredAt}`, fix: null };
}

const siteFix = 'Authorize the Service App for the org\'s guest-to-guest site in Control Hub (one Service App with guest-meeting:rw per guest site).';

function fixForStatus(status: Org['status']): string {
  switch (status) {
    case 'pending':
      return 'Wait a moment: g2g is fetching tokens and registering webhooks. If it stays pending, check the g2g logs for the org id.';
    case 'refused':
      return `Grant ${REQUIRED_SCOPE} and authorize the Service App again in Control Hub.`;
    case 'deauthorized':
    case 'needs_reauth':
      return 'A Full Admin must authorize the Service App again in Control Hub.';
    case 'ready':
      return '';
    default: {
      const never: never = status;
      return never;
    }
  }
}

function describe(error: unknown): string {
  if (isG2GError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`;
  }
  return String(error);
}

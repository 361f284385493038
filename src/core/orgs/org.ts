import { G2GError } from '../errors.js';
import type { OrgRecord } from './org-store.js';
import { describeGap, planMeetingWebhooks } from './plan-meeting-webhooks.js';

export const ORG_STATUSES = ['pending', 'ready', 'refused', 'deauthorized', 'needs_reauth'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

/** The scope without which a Service App cannot schedule guest-to-guest meetings (docs/guest-to-guest.md). */
export const REQUIRED_SCOPE = 'guest-meeting:rw';

/** What g2g knows of an org that authorized the Service App. Never holds a token. */
export interface Org {
  id: string;
  status: OrgStatus;
  /** The guest-to-guest site meetings are scheduled on. */
  siteUrl: string | null;
  scopes: string[];
  /** ISO 8601. */
  authorizedAt: string | null;
  /** Why the org is in its status (a missing scope, a refused refresh token...). */
  statusReason: string | null;
  webhooksRegisteredAt: string | null;
  /**
   * What works less well than it could for a usable org: a meeting webhook its scopes do not allow
   * ("participant joins/leaves won't be tracked: grant meeting:participants_read"), or webhooks a
   * Webex error left unregistered (retried by the reconcile pass). Empty when all is well.
   */
  warnings: string[];
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
}

export function isOrgStatus(value: string): value is OrgStatus {
  return (ORG_STATUSES as readonly string[]).includes(value);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The org as the API shows it: ISO times, warnings derived from its scopes and webhook problem. */
export function orgView(record: OrgRecord, tokens?: { accessTokenExpiresAt: number; refreshTokenExpiresAt: number | undefined }): Org {
  const { status, scopes } = record;
  const org: Org = {
    id: record.id,
    status,
    siteUrl: record.siteUrl,
    scopes: [...scopes],
    authorizedAt: iso(record.authorizedAt),
    statusReason: record.statusReason,
    webhooksRegisteredAt: iso(record.webhooksRegisteredAt),
    warnings: orgWarnings(record),
  };
  if (tokens !== undefined) {
    org.accessTokenExpiresAt = new Date(tokens.accessTokenExpiresAt).toISOString();
    if (tokens.refreshTokenExpiresAt !== undefined) org.refreshTokenExpiresAt = new Date(tokens.refreshTokenExpiresAt).toISOString();
  }
  return org;
}

/** Degradations of a usable org (an unusable one says why in statusReason). */
export function orgWarnings(org: Pick<OrgRecord, 'status' | 'scopes' | 'webhooksProblem'>): string[] {
  if (org.status !== 'ready' && org.status !== 'pending') return [];
  const warnings = planMeetingWebhooks(org.scopes).gaps.map(describeGap);
  if (org.webhooksProblem !== null) warnings.push(`some meeting webhooks are not registered yet (${org.webhooksProblem}): g2g retries them`);
  return warnings;
}

/** The error a caller gets when an org cannot be used now, saying what to do. */
export function orgUnavailableError(orgId: string, status: OrgStatus | undefined, reason: string | null): G2GError {
  switch (status) {
    case undefined:
      return new G2GError({ code: 'not_found', status: 404, message: `org ${orgId} is not known: it has not authorized the Service App` });
    case 'deauthorized':
      return new G2GError({ code: 'org_deauthorized', status: 409, message: `org ${orgId} deauthorized the Service App: an admin must authorize it again in Control Hub` });
    case 'needs_reauth':
      return new G2GError({ code: 'org_needs_reauth', status: 409, message: `org ${orgId} needs to authorize the Service App again (${reason ?? 'its refresh token was refused'})` });
    case 'refused':
      return new G2GError({ code: 'org_missing_scopes', status: 409, message: `org ${orgId} authorized the Service App without ${REQUIRED_SCOPE}: an admin must grant it` });
    case 'pending':
    case 'ready':
      return new G2GError({ code: 'org_not_ready', status: 409, message: `org ${orgId} is still being set up (${reason ?? 'fetching its tokens'}): try again shortly` });
    default: {
      const never: never = status;
      return never;
    }
  }
}

import type { OrgFixResult } from '../orgs/fix-org.js';
import type { Orgs } from '../orgs/orgs.js';
import type { Tenants } from '../tenants/tenants.js';
import type { UsageReports } from '../usage/usage-reports.js';
import type { OperatorCapacity } from './operator-capacity.js';
import type { OperatorEvents } from './operator-events.js';
import type { OperatorVisits } from './operator-visits.js';

/** Everything an operator can do across tenants: what the admin API, the CLI's admin commands and the console call. */
export interface Operator {
  orgs: Pick<Orgs, 'get' | 'list' | 'preflight'>;
  fixOrg(orgId: string, opts?: { signal?: AbortSignal }): Promise<OrgFixResult>;
  capacity: OperatorCapacity;
  visits: OperatorVisits;
  events: OperatorEvents;
  tenants: Pick<Tenants, 'list' | 'listKeys' | 'revokeKey' | 'brand' | 'setBrand'>;
  /** How many guests the org's Service App has created, as Webex counts them (`GET /guests/count`). */
  guestCount(orgId: string, opts?: { signal?: AbortSignal }): Promise<number>;
  /** Refuses orgs that have not authorized the Service App. */
  createKey(input: { tenantName: string; orgIds: readonly string[]; expiresAt?: number | undefined }): Promise<{ tenantId: string; keyId: string; apiKey: string }>;
  usage: UsageReports;
}

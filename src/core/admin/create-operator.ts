import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import type { OutboxAdminStore } from '../events-out/outbox-admin-store.js';
import { fixOrg } from '../orgs/fix-org.js';
import type { Orgs } from '../orgs/orgs.js';
import type { Tenants } from '../tenants/tenants.js';
import type { UsageReports } from '../usage/usage-reports.js';
import type { Visits } from '../visits/create-visits.js';
import type { VisitDeps } from '../visits/visit-deps.js';
import { createOperatorCapacity } from './operator-capacity.js';
import { createOperatorEvents } from './operator-events.js';
import { createOperatorKeys } from './operator-keys.js';
import type { Operator } from './operator.js';
import { createOperatorVisits } from './operator-visits.js';

/** Builds the operator's services over the same core services the tenant API uses. */
export function createOperator(deps: {
  orgs: Orgs;
  tenants: Tenants;
  visits: Visits;
  visitDeps: VisitDeps;
  outbox: OutboxAdminStore;
  /** Wakes the outbound event deliverer after a replay (a no-op when G2G_EVENTS_URL is unset). */
  wakeOutbox: () => void;
  usage: UsageReports;
  clock: Clock;
  webexForOrg(orgId: string): Pick<WebexClient, 'meetingPreferences' | 'guests'>;
}): Operator {
  const { orgs, visitDeps } = deps;
  return {
    orgs,
    fixOrg: (orgId, opts) => fixOrg({ orgs, webexForOrg: deps.webexForOrg, joinBeforeHostMinutes: visitDeps.joinBeforeHostMinutes }, orgId, opts),
    capacity: createOperatorCapacity({ orgs, visitDeps }),
    visits: createOperatorVisits({ visits: deps.visits, visitDeps }),
    events: createOperatorEvents({ store: deps.outbox, clock: deps.clock, wake: deps.wakeOutbox }),
    tenants: deps.tenants,
    createKey: createOperatorKeys({ tenants: deps.tenants, orgs }),
    usage: deps.usage,
    guestCount: (orgId, opts) => deps.webexForOrg(orgId).guests.count(opts?.signal ? { signal: opts.signal } : {}),
  };
}

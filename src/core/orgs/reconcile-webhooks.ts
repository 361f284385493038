import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { Secret } from '../../secret.js';
import { listOrgRows, setOrgStatus, type OrgRow } from '../../store/org-store.js';
import type { Database } from '../../store/schema.js';
import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import { describeError } from '../describe-error.js';
import type { EventSink } from '../typed-emitter.js';
import { ensureWebhooks, serviceAppWebhooks } from './ensure-webhooks.js';
import { orgFromRow } from './org.js';
import { REGISTERING_WEBHOOKS_REASON } from './org-authorization.js';
import type { OrgEvents } from './org-events.js';
import { registerMeetingWebhooks } from './register-meeting-webhooks.js';

export interface ReconcileWebhooksDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  events: EventSink<Pick<OrgEvents, 'org.authorized'>>;
  /** Read on use: g2g can be built before Webex credentials exist. */
  applicationId: () => string;
  tokenManagerClient(): WebexClient;
  webexForOrg(orgId: string): WebexClient;
  /** `{publicUrl}/webhooks/webex`. */
  targetUrl: string;
  /** The secret registered with Webex (the first configured one). */
  secret: Secret;
}

export interface ReconcileResult {
  orgs: number;
  created: number;
  updated: number;
  failed: number;
}

/**
 * Re-creates or re-activates missing or disabled webhooks (Webex disables one after 100 failed deliveries
 * in 5 minutes, e.g. while g2g was down): the serviceApp ones and each ready org's meeting webhooks.
 * Runs at start and hourly; failures are logged per org and counted. With `onlyIncomplete`, only ready
 * orgs whose meeting webhooks a Webex error left incomplete (what the retry timer runs, every 5 minutes). Either way,
 * an org left `pending` while registering its webhooks for over 10 minutes is finished and marked ready.
 */
export async function reconcileWebhooks(deps: ReconcileWebhooksDeps, opts: { onlyIncomplete?: boolean } = {}): Promise<ReconcileResult> {
  const { db, clock, log, secret } = deps;
  const total = { orgs: 0, created: 0, updated: 0, failed: 0 };
  if (opts.onlyIncomplete !== true) {
    try {
      const app = await ensureWebhooks(deps.tokenManagerClient(), serviceAppWebhooks(deps.applicationId()), deps.targetUrl, secret);
      total.created += app.created;
      total.updated += app.updated;
    } catch (error) {
      // The token-manager side failing must not keep the orgs' webhooks from being repaired.
      total.failed += 1;
      log.error({ err: describeError(error) }, 'serviceApp webhooks could not be reconciled');
    }
  }
  const now = clock.now();
  const rows = (await listOrgRows(db)).filter(
    (r) => (r.status === 'ready' && (opts.onlyIncomplete !== true || r.webhooks_problem !== null || r.webhooks_registered_at === null)) || isStuckRegistering(r, now),
  );
  for (const row of rows) {
    total.orgs += 1;
    try {
      const result = await registerMeetingWebhooks({
        db, orgId: row.id, scopes: orgFromRow(row).scopes, client: deps.webexForOrg(row.id), targetUrl: deps.targetUrl, secret, now: () => clock.now(),
      });
      total.created += result.created;
      total.updated += result.updated;
      if (row.status === 'pending' && (await setOrgStatus(db, row.id, 'ready', null, clock.now(), ['pending']))) {
        log.warn({ orgId: row.id, problem: result.problem }, 'org left pending while registering its webhooks is now ready');
        deps.events.emit('org.authorized', { orgId: row.id, siteUrl: row.site_url, scopes: orgFromRow(row).scopes, warnings: orgFromRow({ ...row, status: 'ready', webhooks_problem: result.problem }).warnings });
      }
      if (result.problem !== null) {
        total.failed += 1;
        log.error({ orgId: row.id, problem: result.problem }, 'meeting webhooks could not all be registered; will retry');
      } else if (result.created + result.updated > 0 || row.webhooks_problem !== null) {
        log.warn({ orgId: row.id, created: result.created, updated: result.updated }, 'meeting webhooks repaired');
      }
    } catch (error) {
      total.failed += 1;
      log.error({ orgId: row.id, err: describeError(error) }, 'meeting webhooks could not be reconciled');
    }
  }
  return total;
}

/**
 * An org an authorization left `pending` while registering its webhooks (before g2g tolerated a webhook failure,
 * its event was retried until dead). Ten quiet minutes: no live authorization is still working on it.
 */
function isStuckRegistering(row: OrgRow, now: number): boolean {
  return row.status === 'pending' && row.status_reason === REGISTERING_WEBHOOKS_REASON && row.updated_at < now - 10 * 60_000;
}

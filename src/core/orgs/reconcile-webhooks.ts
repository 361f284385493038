import type { Logger } from '../../logger.js';
import type { Secret } from '../../secret.js';
import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import { describeError } from '../describe-error.js';
import { pendingEvents, type EventRecorder } from '../events-out/pending-event.js';
import type { EventSink } from '../typed-emitter.js';
import { ensureWebhooks, serviceAppWebhooks } from './ensure-webhooks.js';
import { orgWarnings } from './org.js';
import { REGISTERING_WEBHOOKS_REASON } from './org-authorization.js';
import type { OrgEvents } from './org-events.js';
import type { OrgRecord, OrgStore, OrgWebhookStore } from './org-store.js';
import { registerMeetingWebhooks } from './register-meeting-webhooks.js';

export interface ReconcileWebhooksDeps {
  orgStore: Pick<OrgStore, 'list' | 'setStatus'> & OrgWebhookStore;
  clock: Clock;
  log: Logger;
  events: EventSink<Pick<OrgEvents, 'org.authorized'>>;
  /** Prepares `org.authorized` for an org this pass finishes, stored with its move to ready. */
  outbox?: EventRecorder | undefined;
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
  const { orgStore, clock, log, secret } = deps;
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
  const orgs = (await orgStore.list()).filter(
    (o) => (o.status === 'ready' && (opts.onlyIncomplete !== true || o.webhooksProblem !== null || o.webhooksRegisteredAt === null)) || isStuckRegistering(o, now),
  );
  for (const org of orgs) {
    total.orgs += 1;
    try {
      const result = await registerMeetingWebhooks({
        orgStore, orgId: org.id, scopes: org.scopes, client: deps.webexForOrg(org.id), targetUrl: deps.targetUrl, secret, now: () => clock.now(),
      });
      total.created += result.created;
      total.updated += result.updated;
      const news = { orgId: org.id, siteUrl: org.siteUrl, scopes: org.scopes, warnings: orgWarnings({ status: 'ready', scopes: org.scopes, webhooksProblem: result.problem }) };
      if (org.status === 'pending' && (await orgStore.setStatus(org.id, 'ready', null, clock.now(), ['pending'], pendingEvents(deps.outbox, 'org.authorized', news)))) {
        log.warn({ orgId: org.id, problem: result.problem }, 'org left pending while registering its webhooks is now ready');
        deps.events.emit('org.authorized', news);
      }
      if (result.problem !== null) {
        total.failed += 1;
        log.error({ orgId: org.id, problem: result.problem }, 'meeting webhooks could not all be registered; will retry');
      } else if (result.created + result.updated > 0 || org.webhooksProblem !== null) {
        log.warn({ orgId: org.id, created: result.created, updated: result.updated }, 'meeting webhooks repaired');
      }
    } catch (error) {
      total.failed += 1;
      log.error({ orgId: org.id, err: describeError(error) }, 'meeting webhooks could not be reconciled');
    }
  }
  return total;
}

/**
 * An org an authorization left `pending` while registering its webhooks (before g2g tolerated a webhook failure,
 * its event was retried until dead). Ten quiet minutes: no live authorization is still working on it.
 */
function isStuckRegistering(org: OrgRecord, now: number): boolean {
  return org.status === 'pending' && org.statusReason === REGISTERING_WEBHOOKS_REASON && org.updatedAt < now - 10 * 60_000;
}

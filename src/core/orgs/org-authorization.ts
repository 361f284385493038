import type { Logger } from '../../logger.js';
import type { Secret } from '../../secret.js';
import type { WebexClient } from '../../webex/index.js';
import type { Clock } from '../clock.js';
import { pendingEvents, type EventRecorder } from '../events-out/pending-event.js';
import type { EventSink } from '../typed-emitter.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { InboundWebhook } from '../webhooks/webhook-envelope.js';
import { ORG_STATUSES, REQUIRED_SCOPE } from './org.js';
import type { OrgEvents } from './org-events.js';
import type { OrgStore, OrgWebhookStore } from './org-store.js';
import { describeGap } from './plan-meeting-webhooks.js';
import { registerMeetingWebhooks } from './register-meeting-webhooks.js';
import { readServiceAppEvent } from './service-app-event.js';

/** The pending reason while an authorization registers the org's webhooks (the reconcile pass finishes one left there). */
export const REGISTERING_WEBHOOKS_REASON = 'registering meeting webhooks';

export interface OrgAuthorizationDeps {
  orgStore: OrgStore & OrgWebhookStore;
  clock: Clock;
  log: Logger;
  vault: TokenVault;
  events: EventSink<OrgEvents>;
  /** Prepares the outbound org events, stored with the status change they tell (none without G2G_EVENTS_URL). */
  outbox?: EventRecorder | undefined;
  applicationId: string;
  /** Mints the org's token pair with the token-manager credential (`POST /applications/{id}/token`). */
  fetchOrgTokens(orgId: string): ReturnType<WebexClient['applications']['createToken']>;
  webexForOrg(orgId: string): WebexClient;
  forgetClient(orgId: string): void;
  webhookTargetUrl: string;
  webhookSecret: Secret;
}

/**
 * The org lifecycle driven by `serviceApp` webhooks (docs/architecture.md, flow 1). Idempotent: the inbox
 * may run an event again after a failure part way, so each step checks what is already done.
 */
export function createOrgAuthorization(deps: OrgAuthorizationDeps): { handle(envelope: InboundWebhook, meta: { eventId: string; receivedAt: number }): Promise<void> } {
  const { orgStore, clock, vault, events } = deps;
  const log = deps.log.child({ module: 'orgs' });

  async function authorized(e: NonNullable<ReturnType<typeof readServiceAppEvent>>, eventId: string, receivedAt: number): Promise<void> {
    const { orgId } = e;
    const siteUrl = e.siteUrls[0] ?? null;
    const authorizedAt = e.authorizedAt ?? receivedAt;
    if (!(await orgStore.claimEventOrder(orgId, receivedAt))) {
      // A retry of an authorization that a newer serviceApp event overtook.
      log.info({ orgId, eventId }, 'stale serviceApp:authorized ignored (a newer event was applied)');
      return;
    }
    const before = await orgStore.find(orgId);
    if (!e.scopes.includes(REQUIRED_SCOPE)) {
      const reason = `authorization lacks ${REQUIRED_SCOPE} (granted: ${e.scopes.join(' ') || 'none'})`;
      await orgStore.recordAuthorization({ id: orgId, status: 'refused', siteUrl, scopes: e.scopes, authorizedAt, reason, eventReceivedAt: receivedAt }, clock.now());
      await vault.forget(orgId);
      deps.forgetClient(orgId);
      log.warn({ orgId, eventId, scopes: e.scopes }, 'authorization refused: missing guest-meeting:rw');
      events.emit('org.refused', { orgId, missingScopes: [REQUIRED_SCOPE], scopes: e.scopes });
      return;
    }
    // A retry of this very event after its token fetch succeeded finds the org pending with the same date: reuse the stored pair.
    const resumed = before?.status === 'pending' && before.authorizedAt === authorizedAt && (await vault.health(orgId)) !== undefined;
    await orgStore.recordAuthorization({ id: orgId, status: 'pending', siteUrl, scopes: e.scopes, authorizedAt, reason: 'fetching tokens', eventReceivedAt: receivedAt }, clock.now());
    if (!resumed) {
      deps.forgetClient(orgId);
      const grant = await deps.fetchOrgTokens(orgId);
      await vault.store(orgId, grant);
      log.info({ orgId, eventId, expiresIn: grant.expires_in }, 'org tokens fetched and stored');
    }
    await orgStore.setStatus(orgId, 'pending', REGISTERING_WEBHOOKS_REASON, clock.now());
    // Only guest-meeting:rw is needed to schedule: webhooks the scopes do not allow, or that Webex
    // failed to register (retried by the reconcile pass), degrade tracking but never block the org.
    const result = await registerMeetingWebhooks({
      orgStore, orgId, scopes: e.scopes, client: deps.webexForOrg(orgId), targetUrl: deps.webhookTargetUrl, secret: deps.webhookSecret, now: () => clock.now(),
    });
    const degraded = [...result.gaps.map(describeGap), ...(result.problem !== null ? [`meeting webhooks not all registered: ${result.problem}`] : [])];
    const news = { orgId, siteUrl, scopes: e.scopes, warnings: degraded };
    // Compare-and-set: a refused refresh (needs_reauth) or a deauthorization meanwhile wins.
    if (!(await orgStore.setStatus(orgId, 'ready', null, clock.now(), ['pending'], pendingEvents(deps.outbox, 'org.authorized', news)))) {
      log.info({ orgId, eventId }, 'org changed status while its webhooks were registered; not marked ready');
      return;
    }
    if (degraded.length > 0) log.warn({ orgId, eventId, siteUrl, webhooksCreated: result.created, degraded }, 'org authorized and ready, degraded');
    else log.info({ orgId, eventId, siteUrl, webhooksCreated: result.created }, 'org authorized and ready');
    events.emit('org.authorized', news);
  }

  async function deauthorized(orgId: string, eventId: string, receivedAt: number): Promise<void> {
    if (!(await orgStore.claimEventOrder(orgId, receivedAt))) {
      // A retry of a deauthorization that a newer authorization overtook: keep the new tokens.
      log.info({ orgId, eventId }, 'stale serviceApp:deauthorized ignored (a newer event was applied)');
      return;
    }
    const before = await orgStore.find(orgId);
    const news = pendingEvents(deps.outbox, 'org.deauthorized', { orgId });
    // The move and its event first, in one commit; then the tokens, on every run (a retry after a failed delete finds
    // the org already moved and deletes them then).
    let moved = true;
    if (before === undefined) {
      await orgStore.recordAuthorization({ id: orgId, status: 'deauthorized', siteUrl: null, scopes: [], authorizedAt: receivedAt, reason: 'deauthorized before g2g saw an authorization', eventReceivedAt: receivedAt }, clock.now(), news);
    } else {
      // Out of any other status: a second deauthorization of an org already deauthorized tells the company nothing new.
      moved = await orgStore.setStatus(orgId, 'deauthorized', 'the Service App was deauthorized in Control Hub', clock.now(), ORG_STATUSES.filter((s) => s !== 'deauthorized'), news);
    }
    // Webex already invalidated the tokens (docs/webex-contract.md §5.3): delete ours; the status refuses new work.
    await vault.forget(orgId);
    deps.forgetClient(orgId);
    if (!moved) {
      log.info({ orgId, eventId }, 'org already deauthorized; tokens deleted');
      return;
    }
    log.info({ orgId, eventId }, 'org deauthorized; tokens deleted');
    events.emit('org.deauthorized', { orgId });
  }

  return {
    async handle(envelope, { eventId, receivedAt }) {
      const e = readServiceAppEvent(envelope);
      if (e === undefined) {
        log.warn({ eventId, event: envelope.event }, 'serviceApp event without a usable org id ignored');
        return;
      }
      if (e.applicationId !== undefined && e.applicationId !== deps.applicationId) {
        log.warn({ eventId, orgId: e.orgId }, 'serviceApp event for another application ignored');
        return;
      }
      if (e.kind === 'authorized') await authorized(e, eventId, receivedAt);
      else await deauthorized(e.orgId, eventId, receivedAt);
    },
  };
}

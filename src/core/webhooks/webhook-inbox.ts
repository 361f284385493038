import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { G2GError } from '../errors.js';
import { describeError, errorSummary } from '../describe-error.js';
import { createPerKeyQueue } from '../per-key-queue.js';
import type { BackgroundRunner } from '../run-in-background.js';
import { jsonDepthExceeds, MAX_WEBHOOK_JSON_DEPTH } from './json-depth.js';
import type { InboxEvent, InboxStore } from './inbox-store.js';
import { redactWebhookBody } from './redact-webhook-body.js';
import { webhookDedupeKey, webhookEnvelopeSchema, type InboundWebhook } from './webhook-envelope.js';

/** `receivedAt` (epoch ms) lets a handler tell a late retry from news: Webex events carry no reliable order. */
export type WebhookHandler = (envelope: InboundWebhook, meta: { eventId: string; receivedAt: number }) => Promise<void>;

export interface WebhookInbox {
  /** Registers a handler for a resource (`meetings`, `meetingParticipants`, `serviceApp`...). Several may share one. */
  on(resource: string, handler: WebhookHandler): void;
  /**
   * Stores a verified delivery under its content key and starts processing it in the background.
   * `duplicate` when the same event was already stored, or it only echoes what g2g itself just did (answer 200, do nothing).
   */
  accept(raw: Buffer): Promise<{ status: 'accepted' | 'duplicate'; eventId: string | undefined }>;
  /** Processes stored events that are due (new, retry time passed, or an abandoned claim). Returns how many ran. */
  processDue(): Promise<number>;
  /** Processes one stored event now (if nobody holds it). */
  process(eventId: string): Promise<void>;
  /** Deletes finished events older than the retention (default 7 days): redeliveries come within hours, not weeks. */
  prune(): Promise<number>;
}

export interface WebhookInboxDeps {
  inboxStore: InboxStore;
  clock: Clock;
  log: Logger;
  background: BackgroundRunner;
  /** After this many failed attempts an event is marked `dead` (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at 10 minutes (default 2 s). */
  retryBaseMs?: number;
  /** How long a processing claim lasts before another instance may take the event (default 60 s). */
  leaseMs?: number;
  /** How long finished events (and so their dedupe keys) are kept (default 7 days). */
  retentionMs?: number;
  /** A delivery this says g2g already holds everything of (the echo of its own create) is answered, not stored. */
  isKnownEcho?(envelope: InboundWebhook): boolean;
  onFailed?(failure: { eventId: string; resource: string; event: string; attempts: number; error: unknown; final: boolean }): void;
}

/**
 * The webhook inbox (docs/contributing.md §10): store first, answer fast, work later from the row.
 * Handler errors are logged with the event id, retried with backoff, and reported through
 * `onFailed`; they never turn into a lost event or a swallowed 200.
 */
export function createWebhookInbox(deps: WebhookInboxDeps): WebhookInbox {
  const { inboxStore, clock, background } = deps;
  const log = deps.log.child({ module: 'webhook-inbox' });
  const handlers = new Map<string, WebhookHandler[]>();
  const maxAttempts = deps.maxAttempts ?? 8;
  const retryBaseMs = deps.retryBaseMs ?? 2000;
  const leaseMs = deps.leaseMs ?? 60_000;
  // Webex sends an org's events in order (meetings:started, then meetingParticipants:joined), but we answer each at
  // once and work later: without a queue per org, a `joined` could be worked before the `started` that tells us
  // which meeting instance it belongs to, and be dropped as "not ours".
  const inOrgOrder = createPerKeyQueue();
  const claimsQueued = new Set<string>();
  const claimedAhead = new Map<string, InboxEvent>();

  async function process(eventId: string): Promise<void> {
    const row = await inboxStore.claim(eventId, clock.now(), leaseMs);
    if (row === undefined) return; // done, or another worker has it
    await work(row);
  }

  /** Works an event this instance claimed when it stored it; a claim that ran out while queued is taken again. */
  async function processClaimed(row: InboxEvent): Promise<void> {
    if (row.leaseUntil === null || row.leaseUntil <= clock.now()) return process(row.id);
    await work(row);
  }

  async function work(row: InboxEvent): Promise<void> {
    const eventId = row.id;
    const fields = { eventId, resource: row.resource, event: row.event, orgId: row.orgId };
    const list = handlers.get(row.resource) ?? [];
    let next: InboxEvent | undefined;
    try {
      const envelope = webhookEnvelopeSchema.parse(JSON.parse(row.body));
      for (const handler of list) await handler(envelope, { eventId, receivedAt: row.receivedAt });
      // The org's next event is claimed in the finish's own commit: the head of the line hands it on.
      next = await inboxStore.finishAndClaimNext(eventId, row.orgId, clock.now(), leaseMs);
      log.debug({ ...fields, handlers: list.length }, 'webhook event processed');
    } catch (error) {
      const attempts = row.attempts + 1;
      const final = attempts >= maxAttempts;
      const retryAt = final ? undefined : clock.now() + Math.min(retryBaseMs * 2 ** row.attempts, 10 * 60_000);
      await inboxStore.fail(eventId, errorSummary(error), retryAt);
      log.error({ ...fields, attempts, final, retryAt, err: describeError(error) }, final ? 'webhook event failed for good' : 'webhook event failed; will retry');
      deps.onFailed?.({ eventId, resource: row.resource, event: row.event, attempts, error, final });
      if (final) wakeNextOfOrg(row.orgId);
      return;
    }
    if (next !== undefined) startClaimed(next);
  }

  /**
   * Works an event claimed for us by the finish of the one before it. When its ordered claim is queued here and has
   * not started, that queue entry takes the claimed row (so it keeps its place); else it joins the org's queue.
   */
  function startClaimed(row: InboxEvent): void {
    if (claimsQueued.has(row.id)) {
      claimedAhead.set(row.id, row);
      return;
    }
    background.run('next webhook event of the org', () => inOrgOrder(row.orgId ?? '', () => processClaimed(row)), { eventId: row.id });
  }

  /**
   * Later events of an org may have arrived at another instance while this one worked the head of the line: their
   * claims waited for it (docs/orgs-and-tokens.md §Webhook inbox), so the one that finished the head starts the next.
   * A finish claims it in its own commit (finishAndClaimNext); an event that failed for good wakes it with this.
   */
  function wakeNextOfOrg(orgId: string | null): void {
    if (orgId === null) return;
    background.run('next webhook event of the org', async () => {
      // Only an event that waited for its first try: retries keep their own schedule.
      const next = await inboxStore.nextPendingOfOrg(orgId);
      if (next !== undefined && !claimsQueued.has(next)) await claimInOrgOrder(orgId, next);
    }, { orgId });
  }

  /**
   * Queues the ordered claim of an event stored behind an earlier one of its org. Until that claim starts, a wake
   * that finds the event leaves it to it (the claim comes after the wake's look-up, so it sees what the wake saw):
   * in a burst, each event would otherwise be claimed twice, once by its own queue entry and once by a wake.
   */
  function claimInOrgOrder(orgId: string, eventId: string): Promise<void> {
    claimsQueued.add(eventId);
    return inOrgOrder(orgId, () => {
      claimsQueued.delete(eventId);
      const claimed = claimedAhead.get(eventId);
      if (claimed === undefined) return process(eventId);
      claimedAhead.delete(eventId);
      return processClaimed(claimed);
    });
  }

  return {
    on(resource, handler) {
      handlers.set(resource, [...(handlers.get(resource) ?? []), handler]);
    },

    async accept(raw) {
      if (jsonDepthExceeds(raw, MAX_WEBHOOK_JSON_DEPTH)) {
        throw new G2GError({
          code: 'validation_failed',
          status: 400,
          message: `body nests deeper than ${MAX_WEBHOOK_JSON_DEPTH} levels`,
          fields: [{ field: 'body', message: `must not nest objects and arrays deeper than ${MAX_WEBHOOK_JSON_DEPTH} levels` }],
        });
      }
      let envelope: InboundWebhook;
      try {
        envelope = webhookEnvelopeSchema.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        throw new G2GError({
          code: 'validation_failed',
          status: 400,
          message: 'body must be a Webex webhook envelope: JSON with resource, event and data',
          fields: [{ field: 'body', message: 'must be JSON with string resource and event and an object data' }],
        });
      }
      if (deps.isKnownEcho?.(envelope) === true) {
        log.debug({ resource: envelope.resource, event: envelope.event, orgId: envelope.orgId }, 'echo of our own change answered without storing');
        return { status: 'duplicate', eventId: undefined };
      }
      const eventId = randomUUID();
      // Stored already claimed (the deliveries of the same moment share one statement and one commit): the
      // background work below needs no claim and no read-back.
      const inserted = await inboxStore.insertClaimed(
        {
          id: eventId,
          dedupeKey: webhookDedupeKey(envelope),
          resource: envelope.resource,
          event: envelope.event,
          orgId: envelope.orgId ?? null,
          webhookId: envelope.id ?? null,
          // The verified bytes are not kept: meeting passwords and host keys would sit in the database for days.
          body: redactWebhookBody(envelope),
        },
        clock.now(),
        leaseMs,
      );
      if (inserted === undefined) {
        log.info({ resource: envelope.resource, event: envelope.event, orgId: envelope.orgId }, 'duplicate webhook delivery ignored');
        return { status: 'duplicate', eventId: undefined };
      }
      if (inserted.status !== 'processing') {
        // An earlier event of this org was unfinished (here or on another instance): whoever finishes it starts this one.
        // It may have finished before this row was committed, so try the ordered claim once now too (it fails while the
        // earlier one still runs, and then the finisher's wake finds this row).
        log.info({ eventId, resource: envelope.resource, event: envelope.event, orgId: envelope.orgId }, 'webhook event stored; waits for an earlier event of its org');
        background.run('webhook event', () => claimInOrgOrder(envelope.orgId ?? '', eventId), { eventId });
        return { status: 'accepted', eventId };
      }
      log.info({ eventId, resource: envelope.resource, event: envelope.event, orgId: envelope.orgId }, 'webhook event stored');
      background.run('webhook event', () => inOrgOrder(envelope.orgId ?? '', () => processClaimed(inserted)), { eventId });
      return { status: 'accepted', eventId };
    },

    async processDue() {
      const due = await inboxStore.listDue(clock.now(), 100);
      for (const row of due) await process(row.id);
      return due.length;
    },

    process,

    async prune() {
      const removed = await inboxStore.prune(clock.now() - (deps.retentionMs ?? 7 * 86_400_000));
      if (removed > 0) log.info({ removed }, 'old webhook events pruned');
      return removed;
    },
  };
}

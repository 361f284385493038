import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { TimeSource } from './emulator-clock.js';
import { isoMillis } from './emulator-clock.js';
import type { Delivery, EmulatorState, Webhook } from './state.js';
import { matchesWebhookFilter, parseWebhookFilter, webhookHearsEvent, type FilterValue } from './webhook-filter.js';

export interface WebhookEvent {
  resource: string;
  event: string;
  /** Org the event happened in (envelope `orgId` for org-owned hooks; serviceApp: the authorizing org). */
  orgId: string;
  actorId: string;
  data: Record<string, unknown>;
  filterFields: Record<string, FilterValue>;
  /** People for whom `ownedBy: creator` registrations hear the event (the meeting host, the room member...). */
  ownerPersonIds: readonly string[];
  /** serviceApp events go to registrations made in the app developer's org. */
  developerOrgId?: string;
}

export interface DeliveryOptions {
  state: () => EmulatorState;
  clock: TimeSource;
  log: Logger;
  /** Waits between attempts; attempts = delays + 1. Webex's own schedule is undocumented (docs/webex-contract.md §5.5). */
  retryDelaysMs: readonly number[];
  /** Webex disables a webhook after 100 failures within 5 minutes (S2). */
  disableAfterFailures: number;
  disableWindowMs: number;
  timeoutMs: number;
  keepDeliveries: number;
}

export interface WebhookDispatcher {
  emit(event: WebhookEvent): void;
  /** Whether any active webhook could hear this resource and event (so callers skip building unheard data). */
  wants(resource: string, event: string): boolean;
  deliveries(): readonly Delivery[];
  /** Holds every new delivery back this long (real time), e.g. to see that a receiver does not rely on prompt events. */
  setDelay(ms: number): void;
  readonly delayMs: number;
  /** Resolves when nothing is in flight or waiting for a retry (or after timeoutMs); returns what is still pending. */
  flush(timeoutMs: number): Promise<number>;
  clear(): void;
  close(): void;
}

/**
 * Signed webhook delivery: the Webex envelope (docs/webex-contract.md §5.2), `X-Spark-Signature` = HMAC-SHA1 hex of the exact
 * bytes sent, retries with the configured delays, and the disable rule of §5.5. Deliveries to one target URL go one
 * after the other so a receiver sees `started` before `joined`.
 */
export function createWebhookDispatcher(options: DeliveryOptions): WebhookDispatcher {
  const recent: Delivery[] = [];
  const chains = new Map<string, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  let delayMs = 0;

  const settleOne = () => {
    pending -= 1;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const recordFailure = (webhook: Webhook): void => {
    const now = options.clock.now();
    // A webhook re-enabled within the window of its disabling is disabled again by its next failure (S2).
    const probation =
      webhook.reenabledAt !== undefined && webhook.disabledAt !== undefined && webhook.reenabledAt - webhook.disabledAt < options.disableWindowMs;
    webhook.failures = webhook.failures.filter((t) => now - t < options.disableWindowMs);
    webhook.failures.push(now);
    if (probation || webhook.failures.length >= options.disableAfterFailures) {
      webhook.status = 'inactive';
      webhook.disabledAt = now;
      delete webhook.reenabledAt;
      webhook.failures = [];
      options.log.warn({ webhookId: webhook.id }, 'webhook disabled after repeated delivery failures');
    }
  };

  const attemptAll = async (webhook: Webhook, delivery: Delivery): Promise<void> => {
    const maxAttempts = options.retryDelaysMs.length + 1;
    while (!closed) {
      const current = options.state().webhooks.get(webhook.id);
      if (current !== webhook || webhook.status !== 'active') {
        delivery.status = 'failed';
        delivery.lastError = current === webhook ? 'webhook inactive' : 'webhook deleted';
        return;
      }
      delivery.attempts += 1;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Webex-Emulator/1.0' };
      if (webhook.secret) headers['x-spark-signature'] = createHmac('sha1', webhook.secret).update(delivery.body).digest('hex');
      try {
        const response = await fetch(webhook.targetUrl, {
          method: 'POST',
          headers,
          body: delivery.body,
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'manual',
        });
        delivery.lastStatusCode = response.status;
        await response.body?.cancel();
        if (response.status >= 200 && response.status < 300) {
          delivery.status = 'delivered';
          delete delivery.lastError;
          return;
        }
        delivery.lastError = `target answered ${response.status}`;
      } catch (error) {
        delivery.lastError = error instanceof Error ? error.name : 'request failed';
      }
      recordFailure(webhook);
      if (delivery.attempts >= maxAttempts || webhook.status !== 'active') {
        delivery.status = 'failed';
        return;
      }
      await sleep(options.retryDelaysMs[delivery.attempts - 1] ?? 0);
    }
    delivery.status = 'failed';
  };

  const enqueue = (webhook: Webhook, delivery: Delivery): void => {
    pending += 1;
    // One queue per target URL: a receiver sees events in the order they happened (started before joined),
    // across all its webhooks. Webex promises no order; a deterministic one keeps tests free of sleeps.
    const key = webhook.targetUrl;
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => attemptAll(webhook, delivery))
      .catch((error: unknown) => {
        delivery.status = 'failed';
        options.log.error({ err: error, webhookId: webhook.id }, 'webhook delivery crashed');
      })
      .finally(() => {
        if (chains.get(key) === next) chains.delete(key);
        settleOne();
      });
    chains.set(key, next);
  };

  return {
    wants(resource, event) {
      for (const webhook of options.state().webhooks.values()) {
        if (webhook.status === 'active' && webhookHearsEvent(webhook, resource, event)) return true;
      }
      return false;
    },
    emit(event) {
      if (closed) return;
      const state = options.state();
      for (const webhook of state.webhooks.values()) {
        if (webhook.status !== 'active' || !webhookHearsEvent(webhook, event.resource, event.event)) continue;
        if (event.resource === 'serviceApp') {
          if (webhook.orgId !== event.developerOrgId) continue;
        } else if (webhook.ownedBy === 'org') {
          if (webhook.orgId !== event.orgId) continue;
        } else if (!event.ownerPersonIds.includes(webhook.createdBy)) {
          continue;
        }
        if (webhook.filter) {
          const parsed = parseWebhookFilter(webhook.filter, webhook.resource);
          if (!parsed.ok || !matchesWebhookFilter(parsed.pairs, event.filterFields)) continue;
        }
        const envelope: Record<string, unknown> = {
          id: webhook.id,
          name: webhook.name,
          targetUrl: webhook.targetUrl,
          resource: event.resource,
          event: event.event,
          ...(webhook.filter ? { filter: webhook.filter } : {}),
          orgId: event.orgId,
          createdBy: webhook.createdBy,
          appId: webhook.appId,
          ownedBy: webhook.ownedBy,
          status: 'active',
          created: isoMillis(webhook.created),
          actorId: event.actorId,
          data: event.data,
        };
        const delivery: Delivery = {
          id: randomUUID(),
          webhookId: webhook.id,
          resource: event.resource,
          event: event.event,
          targetUrl: webhook.targetUrl,
          status: 'pending',
          attempts: 0,
          at: options.clock.now(),
          body: JSON.stringify(envelope),
        };
        recent.push(delivery);
        if (recent.length > options.keepDeliveries) recent.splice(0, recent.length - options.keepDeliveries);
        if (delayMs > 0) {
          // Counted as pending while held back, so a flush waits for it too; equal delays keep the order.
          pending += 1;
          const timer = setTimeout(() => {
            timers.delete(timer);
            enqueue(webhook, delivery);
            settleOne();
          }, delayMs);
          timers.add(timer);
        } else {
          enqueue(webhook, delivery);
        }
      }
    },
    deliveries: () => recent,
    setDelay(ms) {
      delayMs = ms;
    },
    get delayMs() {
      return delayMs;
    },
    flush(timeoutMs) {
      if (pending === 0) return Promise.resolve(0);
      return new Promise<number>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve(pending);
        }, timeoutMs);
        timers.add(timer);
        idleWaiters.push(() => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve(0);
        });
      });
    },
    clear() {
      recent.length = 0;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    },
  };
}

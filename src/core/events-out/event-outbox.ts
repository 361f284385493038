import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { Secret } from '../../secret.js';
import type { Clock } from '../clock.js';
import { errorSummary } from '../describe-error.js';
import { createBackgroundRunner } from '../run-in-background.js';
import { G2G_EVENT_ID_HEADER, G2G_SIGNATURE_HEADER, signG2GEvent } from './g2g-signature.js';
import type { OutboxEvent, OutboxStore } from './outbox-store.js';
import { orderKeyOf, type EventRecorder, type PendingEvent } from './pending-event.js';
import { outboundData, type OutboundEventBody, type OutboundEventType, type OutboundSource } from './outbound-event.js';

export interface EventOutboxDeps {
  store: OutboxStore;
  clock: Clock;
  log: Logger;
  /** The company's endpoint (G2G_EVENTS_URL). */
  url: string;
  /** The first signs (G2G_EVENTS_SECRETS). */
  secrets: readonly Secret[];
  /** First retry delay; doubles per failed attempt, capped at `maxRetryDelayMs`. */
  retryBaseMs: number;
  maxRetryDelayMs: number;
  /** After this many failed attempts the event is `dead`. */
  maxAttempts: number;
  /** How often undelivered rows are looked at (retries, rows another instance wrote or left behind). 0: never. */
  pollIntervalMs: number;
  /** Per-POST timeout; also bounds the claim lease (twice this). */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Each attempt's outcome, with the time from storing to delivery when delivered (metrics). */
  onDelivery?(outcome: 'delivered' | 'failed' | 'dead', lagMs?: number): void;
}

export interface EventOutbox extends EventRecorder {
  /** Delivers due events, each order key in order: a key whose head is not due (or held elsewhere) waits, others go on. */
  deliverDue(): Promise<number>;
  /** Starts a delivery pass soon (after a state change stored its events itself). */
  wake(): void;
  /** Starts the poll timer. */
  start(): void;
  /** Stops the timer and waits for the delivery in flight. */
  stop(): Promise<void>;
  /** Resolves when no delivery pass is running (tests). */
  idle(): Promise<void>;
  /** Deletes delivered and dead rows older than `olderThanMs` (default 7 days). */
  prune(olderThanMs?: number): Promise<number>;
}

/**
 * Outbound events to the company's app, from a stored outbox (the inbound webhook inbox's twin): a row per event,
 * then a background deliverer that claims each row with a compare-and-set lease, POSTs the signed JSON, and retries
 * with exponential backoff until `maxAttempts`, then marks it `dead`.
 *
 * Order: a pass walks undelivered rows by `seq`; the first row of an order key (one visit, one org) it cannot claim
 * or deliver blocks that key for the rest of the pass, so each key's events reach the receiver in the order g2g
 * stored them, also across several instances, while one visit's stuck event holds back no other visit's.
 */
export function createEventOutbox(deps: EventOutboxDeps): EventOutbox {
  const { store, clock } = deps;
  const log = deps.log.child({ module: 'event-outbox' });
  const doFetch = deps.fetch ?? fetch;
  const background = createBackgroundRunner(log);
  const leaseMs = deps.timeoutMs * 2;
  let lastSeq = 0;
  let passing = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = () => background.idle();

  function nextSeq(): number {
    // Monotonic per instance even within one millisecond; instances interleave by time.
    lastSeq = Math.max(lastSeq + 1, clock.now() * 1000);
    return lastSeq;
  }

  async function attempt(row: OutboxEvent): Promise<boolean> {
    const secret = deps.secrets[0];
    const fields = { eventId: row.id, type: row.type, attempt: row.attempts + 1 };
    let problem: string;
    try {
      if (secret === undefined) throw new Error('no G2G_EVENTS_SECRETS to sign with');
      const unix = Math.floor(clock.now() / 1000);
      const res = await doFetch(deps.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [G2G_SIGNATURE_HEADER]: signG2GEvent(row.body, secret.reveal(), unix),
          [G2G_EVENT_ID_HEADER]: row.id,
          'user-agent': 'g2g-events/1',
        },
        body: row.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await store.markDelivered(row.id, clock.now());
        deps.onDelivery?.('delivered', clock.now() - row.createdAt);
        log.debug({ ...fields, status: res.status }, 'event delivered');
        return true;
      }
      problem = `HTTP ${res.status}`;
    } catch (error) {
      problem = errorSummary(error);
    }
    const attempts = row.attempts + 1;
    const final = attempts >= deps.maxAttempts;
    const retryAt = final ? undefined : clock.now() + Math.min(deps.retryBaseMs * 2 ** row.attempts, deps.maxRetryDelayMs);
    await store.markFailed(row.id, problem, retryAt);
    deps.onDelivery?.(final ? 'dead' : 'failed');
    if (final) log.error({ eventId: row.id, type: row.type, attempts, problem }, 'event delivery failed for good; marked dead');
    else log.warn({ ...fields, problem, retryAt }, 'event delivery failed; will retry');
    // A dead row no longer blocks the queue; a failed one waits for its retry and holds the rest back (order).
    return final;
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    const blocked = new Set<string>();
    let afterSeq: number | undefined;
    for (;;) {
      const rows = await store.listUndelivered(50, afterSeq);
      if (rows.length === 0) return delivered;
      for (const row of rows) {
        if (stopped) return delivered;
        afterSeq = row.seq;
        if (blocked.has(row.orderKey)) continue;
        // The claim answers the row as it stands under it: another instance may have tried it since we listed it.
        const claimed = await store.claim(row.id, clock.now(), leaseMs);
        // Not due, or another instance has it: later events of this key wait; other keys go on.
        if (claimed === undefined || !(await attempt(claimed))) {
          blocked.add(row.orderKey);
          continue;
        }
        delivered += 1;
      }
    }
  }

  async function deliverDue(): Promise<number> {
    if (passing) {
      again = true;
      return 0;
    }
    passing = true;
    let total = 0;
    try {
      do {
        again = false;
        total += await pass();
      } while (again && !stopped);
    } finally {
      passing = false;
    }
    return total;
  }

  const kick = () => {
    if (!stopped) background.run('deliver events', async () => void (await deliverDue()));
  };

  function prepare<K extends OutboundEventType>(type: K, payload: OutboundSource[K]): PendingEvent {
    const id = randomUUID();
    const { data, at } = outboundData(type, payload);
    const body: OutboundEventBody = { id, type, occurredAt: new Date(at ?? clock.now()).toISOString(), data };
    return { id, seq: nextSeq(), type, orderKey: orderKeyOf(type, payload), body: JSON.stringify(body), createdAt: clock.now() };
  }

  return {
    prepare,
    wake: kick,
    deliverDue,
    start() {
      stopped = false;
      if (deps.pollIntervalMs > 0 && timer === undefined) {
        timer = setInterval(kick, deps.pollIntervalMs);
        timer.unref();
      }
      kick(); // rows left by an earlier run
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await settle();
    },
    idle: settle,
    async prune(olderThanMs = 7 * 86_400_000) {
      return store.prune(clock.now() - olderThanMs);
    },
  };
}

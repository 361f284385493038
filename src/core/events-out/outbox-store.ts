export const OUTBOX_STATUSES = ['pending', 'delivering', 'failed', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One outbound event as stored for delivery. */
export interface OutboxEvent {
  id: string;
  /** Delivery order. */
  seq: number;
  type: string;
  /** Events of one key go in order; other keys do not wait for it. */
  orderKey: string;
  /** The exact JSON body POSTed to the company's app (ids and states only, never a secret). */
  body: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  leaseUntil: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** The outbound events' outbox: claimed by one deliverer at a time, marked, pruned (rows come with their state changes). */
export interface OutboxStore {
  /** The oldest undelivered events (pending, failed, or claimed) after `afterSeq`, in delivery order. */
  listUndelivered(limit: number, afterSeq?: number): Promise<OutboxEvent[]>;
  /**
   * Compare-and-set claim: succeeds for exactly one caller when the event is due and nobody holds an unexpired lease,
   * so several instances deliver each event once (a crashed claim expires after `leaseMs`). Answers the event as it
   * stands under the claim (another instance may have tried it since it was listed), or undefined when not claimed.
   */
  claim(id: string, now: number, leaseMs: number): Promise<OutboxEvent | undefined>;
  markDelivered(id: string, now: number): Promise<void>;
  /** Records a failed attempt; `retryAt` undefined gives up (status `dead`). */
  markFailed(id: string, error: string, retryAt: number | undefined): Promise<void>;
  /** Deletes delivered and dead events created before `before`; answers how many. */
  prune(before: number): Promise<number>;
}

import type { OutboxEvent, OutboxStatus } from './outbox-store.js';

export interface OutboxListFilter {
  statuses?: readonly OutboxStatus[] | undefined;
  /** Created at or after (epoch ms). */
  fromMs?: number | undefined;
  /** Created before (epoch ms). */
  toMs?: number | undefined;
  limit: number;
}

/** What operators do with stored outbound events: look at them, and put failed or dead ones back in the queue. */
export interface OutboxAdminStore {
  /** Newest first. */
  list(filter: OutboxListFilter): Promise<OutboxEvent[]>;
  find(id: string): Promise<OutboxEvent | undefined>;
  /**
   * Sets matching events (never one being delivered) back to `pending`, due now, attempts 0, last error kept until the
   * next attempt; answers their ids.
   */
  requeue(match: { id: string } | { statuses: readonly OutboxStatus[]; fromMs: number; toMs: number }, now: number): Promise<string[]>;
}

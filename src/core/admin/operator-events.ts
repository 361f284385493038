import type { Clock } from '../clock.js';
import { G2GError } from '../errors.js';
import type { OutboxAdminStore } from '../events-out/outbox-admin-store.js';
import type { OutboxEvent, OutboxStatus } from '../events-out/outbox-store.js';

/** An outbound event as operators see it: what was sent, its delivery state and the last error. */
export interface OutboundEventView {
  id: string;
  type: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** The JSON body g2g POSTs (ids and states only, never a secret). */
  body: unknown;
}

export interface OperatorEvents {
  list(query: { statuses?: readonly OutboxStatus[] | undefined; from?: number | undefined; to?: number | undefined; limit?: number | undefined }): Promise<OutboundEventView[]>;
  /** Puts one event, or every failed/dead event created in [from, to), back in the queue and wakes the deliverer. */
  replay(target: { id: string } | { from: number; to: number; statuses?: readonly OutboxStatus[] | undefined }): Promise<{ replayed: string[] }>;
}

const REPLAYABLE: readonly OutboxStatus[] = ['failed', 'dead'];

export function createOperatorEvents(deps: { store: OutboxAdminStore; clock: Clock; wake: () => void }): OperatorEvents {
  const { store, clock } = deps;
  return {
    async list(q) {
      const rows = await store.list({ statuses: q.statuses, fromMs: q.from, toMs: q.to, limit: Math.min(Math.max(q.limit ?? 100, 1), 500) });
      return rows.map(toView);
    },
    async replay(target) {
      const now = clock.now();
      if ('id' in target) {
        const event = await store.find(target.id);
        if (event === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `no outbound event ${target.id}` });
        if (event.status === 'delivering') throw new G2GError({ code: 'conflict', status: 409, message: 'the event is being delivered right now: try again in a moment' });
      } else if (!(target.from < target.to)) {
        throw new G2GError({ code: 'validation_failed', status: 400, message: 'the range is invalid', fields: [{ field: 'to', message: 'must be after from' }] });
      }
      const replayed = await store.requeue('id' in target ? { id: target.id } : { statuses: target.statuses ?? REPLAYABLE, fromMs: target.from, toMs: target.to }, now);
      if (replayed.length > 0) deps.wake();
      return { replayed };
    },
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toView(e: OutboxEvent): OutboundEventView {
  let body: unknown;
  try {
    body = JSON.parse(e.body);
  } catch {
    body = null;
  }
  const waiting = e.status === 'pending' || e.status === 'failed';
  return { id: e.id, type: e.type, status: e.status, attempts: e.attempts, lastError: e.lastError, createdAt: iso(e.createdAt) as string, nextAttemptAt: waiting ? iso(e.nextAttemptAt) : null, deliveredAt: iso(e.deliveredAt), body };
}

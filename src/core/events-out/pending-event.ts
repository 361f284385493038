import type { OutboundEventType, OutboundSource } from './outbound-event.js';

/** An outbound event ready to be stored: written by the store in the same transaction as the state change it tells. */
export interface PendingEvent {
  id: string;
  /** Delivery order within `orderKey`. */
  seq: number;
  type: OutboundEventType;
  /** Events of one key are delivered in order; keys do not wait for each other (docs/events.md §Delivery). */
  orderKey: string;
  /** The exact JSON body POSTed. */
  body: string;
  /** When it was prepared (g2g's clock): stored as its creation and first due time. */
  createdAt: number;
}

/** Builds pending events (id, order, body) for the outbox; the part changing state hands them to its store. */
export interface EventRecorder {
  prepare<K extends OutboundEventType>(type: K, payload: OutboundSource[K]): PendingEvent;
}

/** One visit's events in order, one org's org events in order; capacity news per org, apart from both. */
export function orderKeyOf<K extends OutboundEventType>(type: K, payload: OutboundSource[K]): string {
  const p = payload as Partial<Record<string, unknown>>;
  if (type.startsWith('org.')) return `org:${String(p['orgId'])}`;
  if (type === 'capacity.exhausted') return `capacity:${String(p['orgId'])}`;
  return `visit:${String(p['visitId'])}`;
}

/** The events to store with a state change: none when no outbox is configured (G2G_EVENTS_URL unset). */
export function pendingEvents<K extends OutboundEventType>(recorder: EventRecorder | undefined, type: K, payload: OutboundSource[K]): PendingEvent[] {
  return recorder === undefined ? [] : [recorder.prepare(type, payload)];
}

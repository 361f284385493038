import type { PendingEvent } from '../events-out/pending-event.js';
import type { NewParticipant } from './participant.js';
import type { Visit, VisitChanges } from './visit.js';
import type { NewVisitLink } from './visit-link.js';

/** The reserve -> Webex -> complete protocol of scheduling, and its clean-up. */
export interface ReservationStore {
  /**
   * Stores the visit (status `creating`) before any Webex call. Unique (tenant, idempotency key) and (tenant, external
   * id) make a concurrent duplicate lose here: false means "someone holds this key".
   */
  reserve(visit: Visit): Promise<boolean>;
  /** The tenant's visit (reservation or not) holding either key, oldest first; undefined when no key is given. */
  findByKey(tenantId: string, keys: { idempotencyKey?: string | undefined; externalId?: string | undefined }): Promise<Visit | undefined>;
  /**
   * Turns the reservation into a scheduled visit with its seats and links, all or nothing. False when the reservation
   * is gone (removed by a stale-reservation sweep): the caller must then compensate in Webex. `events` commit with it.
   */
  complete(visitId: string, changes: VisitChanges, seats: NewParticipant[], links: NewVisitLink[], events?: readonly PendingEvent[]): Promise<boolean>;
  /** Removes the visit with its seats and links. */
  remove(visitId: string): Promise<void>;
  /** Reservations created before `before`: a crash between reserve and complete left them behind. */
  listStaleReservations(before: number): Promise<Visit[]>;
}

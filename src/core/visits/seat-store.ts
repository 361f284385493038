import type { PendingEvent } from '../events-out/pending-event.js';
import type { NewParticipant, Participant, ParticipantChanges } from './participant.js';
import type { NewVisitLink } from './visit-link.js';

/** The seats (participants) of visits. */
export interface SeatStore {
  /** The seats of these visits, by visit then position. */
  list(visitIds: string[]): Promise<Participant[]>;
  /** One seat of a visit (a join click needs only its own). */
  find(visitId: string, participantId: string): Promise<Participant | undefined>;
  /** Adds a seat with its first link, in one transaction. */
  add(seat: NewParticipant, link: NewVisitLink): Promise<void>;
  /** The position a new seat takes (after the highest), and how many seats there are. */
  nextPosition(visitId: string): Promise<{ next: number; count: number }>;
  /** `events` are stored in the same transaction as the change. */
  update(participantId: string, changes: ParticipantChanges, events?: readonly PendingEvent[]): Promise<void>;
}

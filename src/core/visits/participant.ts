import type { SeatRole } from './visit-request.js';

/** A seat of a visit, as stored. */
export interface Participant {
  id: string;
  visitId: string;
  position: number;
  displayName: string;
  /** The e-mail the caller gave. */
  email: string | null;
  /** The e-mail Webex sees for this seat: the given one, the persistent guest's, or a synthetic one. */
  joinEmail: string;
  role: SeatRole;
  externalId: string | null;
  guestId: string | null;
  webexParticipantId: string | null;
  joinedAt: number | null;
  leftAt: number | null;
  createdAt: number;
}

/** A seat about to be stored: nobody has joined it yet. */
export type NewParticipant = Omit<Participant, 'webexParticipantId' | 'joinedAt' | 'leftAt'>;

/** What Webex participant events change on a seat. */
export type ParticipantChanges = Partial<Pick<Participant, 'webexParticipantId' | 'joinedAt' | 'leftAt'>>;

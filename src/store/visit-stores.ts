import type { Kysely } from 'kysely';
import type { VisitStores } from '../core/visits/visit-deps.js';
import { createCapacityRepository } from './capacity-repository.js';
import { createGuestRepository } from './guest-repository.js';
import { createLinkRepository } from './link-repository.js';
import { createMediaRepository } from './media-repository.js';
import { createSeatRepository } from './seat-repository.js';
import { createVisitRepository } from './visit-repository.js';
import type { Database } from './schema.js';

/** Every store port of the visits part, over one database (what `createG2G` hands to visits and meeting events). */
export function createVisitStores(db: Kysely<Database>): VisitStores {
  const visits = createVisitRepository(db);
  return {
    visitStore: visits,
    reservationStore: visits,
    meetingVisitStore: visits,
    seatStore: createSeatRepository(db),
    linkStore: createLinkRepository(db),
    guestStore: createGuestRepository(db),
    capacityStore: createCapacityRepository(db),
    mediaStore: createMediaRepository(db),
  };
}

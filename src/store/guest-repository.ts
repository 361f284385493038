import type { Kysely } from 'kysely';
import type { GuestStore } from '../core/visits/guest-store.js';
import type { Database } from './schema.js';

/** The visit_guests table, for core's GuestStore. Only ids and the synthetic e-mail: never the guest's token. */
export function createGuestRepository(db: Kysely<Database>): GuestStore {
  return {
    async save(guest, now) {
      await db
        .insertInto('visit_guests')
        .values({ org_id: guest.orgId, subject: guest.subject, guest_id: guest.guestId, email: guest.email, display_name: guest.displayName, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['org_id', 'subject']).doUpdateSet({ guest_id: guest.guestId, email: guest.email, display_name: guest.displayName, updated_at: now }))
        .execute();
    },

    async find(orgId, subject) {
      const row = await db.selectFrom('visit_guests').selectAll().where('org_id', '=', orgId).where('subject', '=', subject).executeTakeFirst();
      return row && { orgId: row.org_id, subject: row.subject, guestId: row.guest_id, email: row.email, displayName: row.display_name };
    },
  };
}

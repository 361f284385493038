import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { VisitGuestsTable } from './schema-visits.js';

export type VisitGuestRow = Selectable<VisitGuestsTable>;

type Db = Kysely<Database>;

/** Records (or refreshes) the Webex guest behind a subject. Only ids and the synthetic e-mail: never the token. */
export async function upsertGuest(db: Db, row: { orgId: string; subject: string; guestId: string; email: string; displayName: string; now: number }): Promise<void> {
  await db
    .insertInto('visit_guests')
    .values({
      org_id: row.orgId,
      subject: row.subject,
      guest_id: row.guestId,
      email: row.email,
      display_name: row.displayName,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'subject']).doUpdateSet({ guest_id: row.guestId, email: row.email, display_name: row.displayName, updated_at: row.now }))
    .execute();
}

export async function findGuest(db: Db, orgId: string, subject: string): Promise<VisitGuestRow | undefined> {
  return db.selectFrom('visit_guests').selectAll().where('org_id', '=', orgId).where('subject', '=', subject).executeTakeFirst();
}

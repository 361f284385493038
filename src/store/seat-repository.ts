import type { Kysely } from 'kysely';
import type { SeatStore } from '../core/visits/seat-store.js';
import type { Database } from './schema.js';
import { insertOutboxEvents } from './outbox-repository.js';
import { participantChangesRow, participantRow, toParticipant, visitLinkRow } from './visit-rows.js';

/** The visit_participants table, for core's SeatStore. */
export function createSeatRepository(db: Kysely<Database>): SeatStore {
  return {
    async list(visitIds) {
      if (visitIds.length === 0) return [];
      const rows = await db.selectFrom('visit_participants').selectAll().where('visit_id', 'in', visitIds).orderBy('visit_id').orderBy('position').execute();
      return rows.map(toParticipant);
    },

    async find(visitId, participantId) {
      const row = await db.selectFrom('visit_participants').selectAll().where('visit_id', '=', visitId).where('id', '=', participantId).executeTakeFirst();
      return row === undefined ? undefined : toParticipant(row);
    },

    async add(seat, link) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('visit_participants').values(participantRow(seat)).execute();
        await trx.insertInto('visit_links').values(visitLinkRow(link)).execute();
      });
    },

    async nextPosition(visitId) {
      const row = await db
        .selectFrom('visit_participants')
        .select((eb) => [eb.fn.max('position').as('maxPosition'), eb.fn.countAll().as('count')])
        .where('visit_id', '=', visitId)
        .executeTakeFirst();
      const max = row?.maxPosition === null || row?.maxPosition === undefined ? -1 : Number(row.maxPosition);
      return { next: max + 1, count: Number(row?.count ?? 0) };
    },

    async update(participantId, changes, events = []) {
      const set = participantChangesRow(changes);
      if (Object.keys(set).length === 0 && events.length === 0) return;
      if (events.length === 0) {
        await db.updateTable('visit_participants').set(set).where('id', '=', participantId).execute();
        return;
      }
      await db.transaction().execute(async (trx) => {
        if (Object.keys(set).length > 0) await trx.updateTable('visit_participants').set(set).where('id', '=', participantId).execute();
        await insertOutboxEvents(trx, events);
      });
    },
  };
}

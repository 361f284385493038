import type { Kysely } from 'kysely';
import type { MeetingVisitStore } from '../core/visits/meeting-visit-store.js';
import type { ReservationStore } from '../core/visits/reservation-store.js';
import type { VisitStore } from '../core/visits/visit-store.js';
import type { Database } from './schema.js';
import { insertOutboxEvents } from './outbox-repository.js';
import { participantRow, toVisit, visitChangesRow, visitLinkRow, visitRow } from './visit-rows.js';

export type VisitRepository = VisitStore & ReservationStore & MeetingVisitStore;

/** The visits table (with its seats and links where a write must take them along), for core's visit ports. */
export function createVisitRepository(db: Kysely<Database>): VisitRepository {
  const visits = () => db.selectFrom('visits').selectAll();
  return {
    async reserve(visit) {
      const result = await db.insertInto('visits').values(visitRow(visit)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async findByKey(tenantId, keys) {
      if (keys.idempotencyKey === undefined && keys.externalId === undefined) return undefined;
      const row = await visits()
        .where('tenant_id', '=', tenantId)
        .where((eb) => {
          const ors = [];
          if (keys.idempotencyKey !== undefined) ors.push(eb('idempotency_key', '=', keys.idempotencyKey));
          if (keys.externalId !== undefined) ors.push(eb('external_id', '=', keys.externalId));
          return eb.or(ors);
        })
        .orderBy('created_at')
        .executeTakeFirst();
      return row && toVisit(row);
    },

    async complete(visitId, changes, seats, links, events = []) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('visits').set(visitChangesRow(changes)).where('id', '=', visitId).where('status', '=', 'creating').executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await insertOutboxEvents(trx, events);
        // SQLite caps bound parameters per statement; 400 seats x 13 columns needs chunks.
        for (const chunk of chunks(seats, 50)) await trx.insertInto('visit_participants').values(chunk.map(participantRow)).execute();
        for (const chunk of chunks(links, 100)) await trx.insertInto('visit_links').values(chunk.map(visitLinkRow)).execute();
        return true;
      });
    },

    async remove(visitId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('visit_links').where('visit_id', '=', visitId).execute();
        await trx.deleteFrom('visit_participants').where('visit_id', '=', visitId).execute();
        await trx.deleteFrom('visits').where('id', '=', visitId).execute();
      });
    },

    async listStaleReservations(before) {
      const rows = await visits().where('status', '=', 'creating').where('created_at', '<', before).execute();
      return rows.map(toVisit);
    },

    async find(tenantId, visitId) {
      const row = await visits().where('tenant_id', '=', tenantId).where('id', '=', visitId).executeTakeFirst();
      return row && toVisit(row);
    },

    async findById(visitId) {
      const row = await visits().where('id', '=', visitId).executeTakeFirst();
      return row && toVisit(row);
    },

    async list(f) {
      let q = visits().where('status', '!=', 'creating');
      if (f.tenantId !== null) q = q.where('tenant_id', '=', f.tenantId);
      if (f.status !== undefined) q = q.where('status', '=', f.status);
      if (f.externalId !== undefined) q = q.where('external_id', '=', f.externalId);
      if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
      if (f.fromMs !== undefined) q = q.where('start_at', '>=', f.fromMs);
      if (f.toMs !== undefined) q = q.where('start_at', '<', f.toMs);
      const after = f.after;
      if (after !== undefined) {
        // Keyset: the index range starts at the cursor's start_at and the OR only drops the ties already shown.
        // Not a row comparison `(start_at, id) > (?, ?)`: SQLite's planner turns that into a skip-scan over the
        // tenant column and sorts every later row (docs/performance.md §2).
        q = q.where('start_at', '>=', after.startAt).where((eb) => eb.or([eb('start_at', '>', after.startAt), eb('id', '>', after.id)]));
      }
      const rows = await q.orderBy('start_at').orderBy('id').limit(f.limit).execute();
      return rows.map(toVisit);
    },

    async update(visitId, changes, from, events = []) {
      const move = async (on: Kysely<Database>) => {
        let q = on.updateTable('visits').set(visitChangesRow(changes)).where('id', '=', visitId);
        if (from !== undefined) q = q.where('status', 'in', [...from]);
        const result = await q.executeTakeFirst();
        const moved = Number(result.numUpdatedRows) === 1;
        if (moved) await insertOutboxEvents(on, events);
        return moved;
      };
      // One statement needs no transaction; with events, the change and its events commit together.
      return events.length === 0 ? move(db) : db.transaction().execute(move);
    },

    async findByMeetingIds(meetingIds) {
      if (meetingIds.length === 0) return [];
      const rows = await visits()
        .where((eb) => eb.or([eb('meeting_id', 'in', meetingIds), eb('meeting_instance_id', 'in', meetingIds)]))
        .execute();
      return rows.map(toVisit);
    },

    async findAdhocByRoom(roomId) {
      const row = await visits().where('room_id', '=', roomId).where('adhoc', '=', 1).where('status', '!=', 'creating').orderBy('created_at', 'desc').executeTakeFirst();
      return row && toVisit(row);
    },

    async listOverdueScheduled(endedBefore) {
      // In end order, so the planner walks (status, end_at) and stops: ended-before-now looks like most visits to
      // PostgreSQL's statistics, which do not know that few of those are still scheduled.
      const rows = await visits().where('status', '=', 'scheduled').where('end_at', '<', endedBefore).orderBy('end_at').limit(500).execute();
      return rows.map(toVisit);
    },

    async listStaleInProgress(endedBefore) {
      const rows = await visits().where('status', '=', 'in_progress').where('end_at', '<', endedBefore).orderBy('end_at').limit(200).execute();
      return rows.map(toVisit);
    },

    async listInProgressForOrg(orgId, startedBefore) {
      const rows = await visits()
        .where('org_id', '=', orgId)
        .where('status', '=', 'in_progress')
        .where((eb) => eb.or([eb('started_at', 'is', null), eb('started_at', '<', startedBefore)]))
        .limit(500)
        .execute();
      return rows.map(toVisit);
    },
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

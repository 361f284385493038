import type { Kysely } from 'kysely';
import type { AdmissionStore } from '../core/governor/admission-store.js';
import type { CapacityStore } from '../core/visits/capacity-store.js';
import { insertOutboxEvents } from './outbox-repository.js';
import type { Database } from './schema.js';

/** Visit statuses whose meeting may still start (a hold on them is a license about to be taken). */
const MAY_START = ['scheduled', 'missed'];
/** Webex ends a meeting after 24 hours; g2g asks for at most 1439 minutes. */
const MAX_MEETING_MS = 24 * 3600_000;

/** org_capacity and the visits' counts, for core's CapacityStore. */
export function createCapacityRepository(db: Kysely<Database>): CapacityStore {
  return {
    async findLicensed(orgId) {
      const row = await db.selectFrom('org_capacity').select('licensed').where('org_id', '=', orgId).executeTakeFirst();
      return row === undefined ? undefined : Number(row.licensed);
    },

    async setLicensed(orgId, licensed, now) {
      await db
        .insertInto('org_capacity')
        .values({ org_id: orgId, licensed, updated_at: now })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ licensed, updated_at: now }))
        .execute();
    },

    async countInProgress(orgId) {
      const row = await db
        .selectFrom('visits')
        .select((eb) => eb.fn.count(eb.fn.coalesce('meeting_id', 'room_id', 'id')).distinct().as('n'))
        .where('org_id', '=', orgId)
        .where('status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async countStarting(orgId, now) {
      const row = await db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('status', 'in', MAY_START)
        .where('start_hold_until', '>', now)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async countOverlapping(orgId, startAt, endAt, excludeVisitId) {
      const row = await db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('status', 'in', ['scheduled', 'in_progress'])
        .where('id', '!=', excludeVisitId)
        // A meeting lasts at most a day, so only visits starting in the day before can still run at startAt:
        // the bound turns an open range over every earlier visit of the org into a window of the index.
        .where('start_at', '>', startAt - MAX_MEETING_MS)
        .where('start_at', '<', endAt)
        .where('end_at', '>', startAt)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

/**
 * The license governor's reads and holds, for core's AdmissionStore. `transaction` hands a store bound to the
 * transaction; inside it only that store may be used (touching `db` would deadlock SQLite's single connection).
 */
export function createAdmissionRepository(db: Kysely<Database>): AdmissionStore {
  return {
    transaction: (work) => db.transaction().execute((trx) => work(createAdmissionRepository(trx))),

    async readSnapshot(orgId, visitId, now) {
      const capacity = await db.selectFrom('org_capacity').select(['licensed', 'admission_version']).where('org_id', '=', orgId).executeTakeFirst();
      // Three index ranges in one statement (an OR of them would read every visit of the org); a visit matched by
      // two branches comes back twice and is kept once.
      const columns = ['id', 'status', 'meeting_id', 'room_id', 'start_hold_until'] as const;
      const found = await db
        .selectFrom('visits')
        .select(columns)
        .where('org_id', '=', orgId)
        .where('status', '=', 'in_progress')
        .unionAll(db.selectFrom('visits').select(columns).where('org_id', '=', orgId).where('status', 'in', MAY_START).where('start_hold_until', '>', now))
        .unionAll(db.selectFrom('visits').select(columns).where('id', '=', visitId).where('org_id', '=', orgId))
        .execute();
      const rows = [...new Map(found.map((r) => [r.id, r])).values()];
      return {
        licensed: capacity === undefined ? null : Number(capacity.licensed),
        version: capacity === undefined ? null : Number(capacity.admission_version),
        entries: rows.map((r) => {
          const hold = r.start_hold_until === null ? null : Number(r.start_hold_until);
          return { id: r.id, status: r.status, meetingKey: r.meeting_id ?? r.room_id ?? r.id, holdUntil: hold !== null && hold > now ? hold : null };
        }),
      };
    },

    async bumpVersion(orgId, seen) {
      const result = await db
        .updateTable('org_capacity')
        .set({ admission_version: seen + 1 })
        .where('org_id', '=', orgId)
        .where('admission_version', '=', seen)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async holdStart(visitId, until) {
      await db
        .updateTable('visits')
        .set({ start_hold_until: until })
        .where('id', '=', visitId)
        .where((eb) => eb.or([eb('start_hold_until', 'is', null), eb('start_hold_until', '<', until)]))
        .execute();
    },

    async releaseStart(visitId) {
      await db.updateTable('visits').set({ start_hold_until: null }).where('id', '=', visitId).execute();
    },

    recordEvents: (events) => insertOutboxEvents(db, events),
  };
}

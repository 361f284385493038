import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export async function findLicensedCapacity(db: Db, orgId: string): Promise<number | undefined> {
  const row = await db.selectFrom('org_capacity').select('licensed').where('org_id', '=', orgId).executeTakeFirst();
  return row === undefined ? undefined : Number(row.licensed);
}

export async function setLicensedCapacity(db: Db, orgId: string, licensed: number, now: number): Promise<void> {
  await db
    .insertInto('org_capacity')
    .values({ org_id: orgId, licensed, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ licensed, updated_at: now }))
    .execute();
}

/**
 * Meetings in progress for the org, as the Webex events told us: counted by meeting (series, or the room of an
 * ad-hoc visit), never by visit row or participant event, so no event can count one meeting twice.
 */
export async function countInProgress(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.count(eb.fn.coalesce('meeting_id', 'room_id', 'id')).distinct().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface AdmissionRow {
  id: string;
  status: string;
  /** The meeting the visit runs: its series id, or the room of an ad-hoc visit. */
  meetingKey: string;
}

/** The org's visits in progress, plus the given visits whatever their status: what the admission gate counts. */
export async function listAdmissionRows(db: Db, orgId: string, visitIds: readonly string[]): Promise<AdmissionRow[]> {
  const rows = await db
    .selectFrom('visits')
    .select(['id', 'status', 'meeting_id', 'room_id'])
    .where('org_id', '=', orgId)
    .where((eb) => (visitIds.length === 0 ? eb('status', '=', 'in_progress') : eb.or([eb('status', '=', 'in_progress'), eb('id', 'in', [...visitIds])])))
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, meetingKey: r.meeting_id ?? r.room_id ?? r.id }));
}

/** Visits of the org whose time overlaps [startAt, endAt) and that may still start. */
export async function countOverlapping(db: Db, orgId: string, startAt: number, endAt: number, excludeVisitId: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .where('status', 'in', ['scheduled', 'in_progress'])
    .where('id', '!=', excludeVisitId)
    .where('start_at', '<', endAt)
    .where('end_at', '>', startAt)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

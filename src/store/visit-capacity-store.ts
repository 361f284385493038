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

/** Visit statuses whose meeting may still start (a hold on them is a license about to be taken). */
const MAY_START = ['scheduled', 'missed'];

export interface AdmissionRow {
  id: string;
  status: string;
  /** The meeting the visit runs: its series id, or the room of an ad-hoc visit. */
  meetingKey: string;
  /** A live start hold (later than `now`), or null. */
  holdUntil: number | null;
}

export interface AdmissionSnapshot {
  licensed: number | null;
  /** The org's admission version (compare-and-set), or null when no license is recorded. */
  version: number | null;
  /** The org's visits in progress, those holding a live start hold, and the asked-about visit. */
  rows: AdmissionRow[];
}

/** What the governor decides on, read in one transaction. */
export async function readAdmissionSnapshot(db: Db, orgId: string, visitId: string, now: number): Promise<AdmissionSnapshot> {
  const capacity = await db.selectFrom('org_capacity').select(['licensed', 'admission_version']).where('org_id', '=', orgId).executeTakeFirst();
  const rows = await db
    .selectFrom('visits')
    .select(['id', 'status', 'meeting_id', 'room_id', 'start_hold_until'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'in_progress'),
        eb.and([eb('status', 'in', MAY_START), eb('start_hold_until', '>', now)]),
        eb('id', '=', visitId),
      ]),
    )
    .execute();
  return {
    licensed: capacity === undefined ? null : Number(capacity.licensed),
    version: capacity === undefined ? null : Number(capacity.admission_version),
    rows: rows.map((r) => {
      const hold = r.start_hold_until === null ? null : Number(r.start_hold_until);
      return { id: r.id, status: r.status, meetingKey: r.meeting_id ?? r.room_id ?? r.id, holdUntil: hold !== null && hold > now ? hold : null };
    }),
  };
}

/** Compare-and-set on the org's admission version: false when another decision for the org got there first. */
export async function bumpAdmissionVersion(db: Db, orgId: string, seen: number): Promise<boolean> {
  const result = await db
    .updateTable('org_capacity')
    .set({ admission_version: seen + 1 })
    .where('org_id', '=', orgId)
    .where('admission_version', '=', seen)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Holds a license for the visit's start until `until` (a later hold extends it; an earlier never shortens it). */
export async function holdStart(db: Db, visitId: string, until: number): Promise<void> {
  await db
    .updateTable('visits')
    .set({ start_hold_until: until })
    .where('id', '=', visitId)
    .where((eb) => eb.or([eb('start_hold_until', 'is', null), eb('start_hold_until', '<', until)]))
    .execute();
}

export async function releaseStart(db: Db, visitId: string): Promise<void> {
  await db.updateTable('visits').set({ start_hold_until: null }).where('id', '=', visitId).execute();
}

/** Visits of the org let through to start (a live hold) whose meeting is not seen running yet. */
export async function countStarting(db: Db, orgId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .where('status', 'in', MAY_START)
    .where('start_hold_until', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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

import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from './schema.js';
import type { VisitParticipantsTable, VisitsTable } from './schema-visits.js';

export type VisitRow = Selectable<VisitsTable>;
export type NewVisitRow = Insertable<VisitsTable>;
export type VisitUpdate = Updateable<VisitsTable>;
export type ParticipantRow = Selectable<VisitParticipantsTable>;
export type NewParticipantRow = Insertable<VisitParticipantsTable>;

type Db = Kysely<Database>;

// pg may hand numeric columns back as strings when a pool is not configured with our type parsers.
const EPOCH_COLUMNS = ['start_at', 'end_at', 'created_at', 'updated_at', 'started_at', 'ended_at', 'start_hold_until'] as const;

function readVisit(row: VisitRow): VisitRow {
  const out = { ...row };
  for (const c of EPOCH_COLUMNS) if (out[c] !== null) out[c] = Number(out[c]);
  out.duration_minutes = Number(out.duration_minutes);
  return out;
}

function readParticipant(row: ParticipantRow): ParticipantRow {
  return {
    ...row,
    position: Number(row.position),
    created_at: Number(row.created_at),
    joined_at: row.joined_at === null ? null : Number(row.joined_at),
    left_at: row.left_at === null ? null : Number(row.left_at),
  };
}

/**
 * Reserves a visit (status `creating`) before any Webex call. The unique (tenant, idempotency key) and
 * (tenant, external id) indexes make a concurrent duplicate lose here: false means "someone holds this key".
 */
export async function reserveVisit(db: Db, row: NewVisitRow): Promise<boolean> {
  const result = await db.insertInto('visits').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findVisitByKey(
  db: Db,
  tenantId: string,
  keys: { idempotencyKey?: string | undefined; externalId?: string | undefined },
): Promise<VisitRow | undefined> {
  if (keys.idempotencyKey === undefined && keys.externalId === undefined) return undefined;
  const row = await db
    .selectFrom('visits')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => {
      const ors = [];
      if (keys.idempotencyKey !== undefined) ors.push(eb('idempotency_key', '=', keys.idempotencyKey));
      if (keys.externalId !== undefined) ors.push(eb('external_id', '=', keys.externalId));
      return eb.or(ors);
    })
    .orderBy('created_at')
    .executeTakeFirst();
  return row && readVisit(row);
}

/**
 * Turns a reservation into a scheduled visit with its seats and links, all or nothing. False when the
 * reservation is gone (removed by a stale-reservation sweep): the caller must then compensate in Webex.
 */
export async function completeVisit(
  db: Db,
  visitId: string,
  set: VisitUpdate,
  participants: NewParticipantRow[],
  links: Insertable<Database['visit_links']>[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('visits').set(set).where('id', '=', visitId).where('status', '=', 'creating').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    // SQLite caps bound parameters per statement; 400 seats x 13 columns needs chunks.
    for (const chunk of chunks(participants, 50)) await trx.insertInto('visit_participants').values(chunk).execute();
    for (const chunk of chunks(links, 100)) await trx.insertInto('visit_links').values(chunk).execute();
    return true;
  });
}

export async function deleteVisit(db: Db, visitId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('visit_links').where('visit_id', '=', visitId).execute();
    await trx.deleteFrom('visit_participants').where('visit_id', '=', visitId).execute();
    await trx.deleteFrom('visits').where('id', '=', visitId).execute();
  });
}

/** Tenant first: no cross-tenant reads. */
export async function findVisit(db: Db, tenantId: string, visitId: string): Promise<VisitRow | undefined> {
  const row = await db.selectFrom('visits').selectAll().where('tenant_id', '=', tenantId).where('id', '=', visitId).executeTakeFirst();
  return row && readVisit(row);
}

/** For the join broker and meeting events, which are not tenant requests. */
export async function findVisitById(db: Db, visitId: string): Promise<VisitRow | undefined> {
  const row = await db.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  return row && readVisit(row);
}

export interface VisitListFilter {
  tenantId: string;
  status?: string | undefined;
  externalId?: string | undefined;
  orgId?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  /** Keyset cursor: rows strictly after (start_at, id). */
  after?: { startAt: number; id: string } | undefined;
  limit: number;
}

export async function listVisits(db: Db, f: VisitListFilter): Promise<VisitRow[]> {
  let q = db.selectFrom('visits').selectAll().where('tenant_id', '=', f.tenantId).where('status', '!=', 'creating');
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.externalId !== undefined) q = q.where('external_id', '=', f.externalId);
  if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  if (f.fromMs !== undefined) q = q.where('start_at', '>=', f.fromMs);
  if (f.toMs !== undefined) q = q.where('start_at', '<', f.toMs);
  const after = f.after;
  if (after !== undefined) {
    q = q.where((eb) => eb.or([eb('start_at', '>', after.startAt), eb.and([eb('start_at', '=', after.startAt), eb('id', '>', after.id)])]));
  }
  const rows = await q.orderBy('start_at').orderBy('id').limit(f.limit).execute();
  return rows.map(readVisit);
}

export async function listParticipants(db: Db, visitIds: string[]): Promise<ParticipantRow[]> {
  if (visitIds.length === 0) return [];
  const rows = await db.selectFrom('visit_participants').selectAll().where('visit_id', 'in', visitIds).orderBy('visit_id').orderBy('position').execute();
  return rows.map(readParticipant);
}

/** One seat of one visit (a join click needs only its own). */
export async function findParticipant(db: Db, visitId: string, participantId: string): Promise<ParticipantRow | undefined> {
  const row = await db.selectFrom('visit_participants').selectAll().where('visit_id', '=', visitId).where('id', '=', participantId).executeTakeFirst();
  return row === undefined ? undefined : readParticipant(row);
}

/** Compare-and-set: false when the visit was not in one of `from` (someone moved it first). */
export async function updateVisit(db: Db, visitId: string, set: VisitUpdate, from?: readonly string[]): Promise<boolean> {
  let q = db.updateTable('visits').set(set).where('id', '=', visitId);
  if (from !== undefined) q = q.where('status', 'in', [...from]);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addParticipant(db: Db, participant: NewParticipantRow, link: Insertable<Database['visit_links']>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('visit_participants').values(participant).execute();
    await trx.insertInto('visit_links').values(link).execute();
  });
}

export async function nextParticipantPosition(db: Db, visitId: string): Promise<{ next: number; count: number }> {
  const row = await db
    .selectFrom('visit_participants')
    .select((eb) => [eb.fn.max('position').as('maxPosition'), eb.fn.countAll().as('count')])
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
  const max = row?.maxPosition === null || row?.maxPosition === undefined ? -1 : Number(row.maxPosition);
  return { next: max + 1, count: Number(row?.count ?? 0) };
}

export async function findVisitsByMeetingIds(db: Db, meetingIds: string[]): Promise<VisitRow[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where((eb) => eb.or([eb('meeting_id', 'in', meetingIds), eb('meeting_instance_id', 'in', meetingIds)]))
    .execute();
  return rows.map(readVisit);
}

export async function updateParticipant(db: Db, participantId: string, set: Updateable<VisitParticipantsTable>): Promise<void> {
  await db.updateTable('visit_participants').set(set).where('id', '=', participantId).execute();
}

/** Reservations older than `before`: a crash between reserve and complete left them behind. */
export async function listStaleReservations(db: Db, before: number): Promise<VisitRow[]> {
  const rows = await db.selectFrom('visits').selectAll().where('status', '=', 'creating').where('created_at', '<', before).execute();
  return rows.map(readVisit);
}

/** Scheduled visits whose end passed: candidates for `missed`. */
export async function listOverdueScheduled(db: Db, endedBefore: number): Promise<VisitRow[]> {
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('end_at', '<', endedBefore)
    .limit(500)
    .execute();
  return rows.map(readVisit);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Visits still in progress although their scheduled end is long past (a lost `ended` event?). */
export async function listStaleInProgress(db: Db, endedBefore: number): Promise<VisitRow[]> {
  const rows = await db.selectFrom('visits').selectAll().where('status', '=', 'in_progress').where('end_at', '<', endedBefore).limit(200).execute();
  return rows.map(readVisit);
}

/** The org's visits in progress that started before `startedBefore` (or whose start time is unknown). */
export async function listInProgressForOrg(db: Db, orgId: string, startedBefore: number): Promise<VisitRow[]> {
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'in_progress')
    .where((eb) => eb.or([eb('started_at', 'is', null), eb('started_at', '<', startedBefore)]))
    .limit(500)
    .execute();
  return rows.map(readVisit);
}

/** The ad-hoc visit of a space: its meetings are matched by room, as their ids are never stored. */
export async function findAdhocVisitByRoom(db: Db, roomId: string): Promise<VisitRow | undefined> {
  const row = await db.selectFrom('visits').selectAll().where('room_id', '=', roomId).where('adhoc', '=', 1).where('status', '!=', 'creating').orderBy('created_at', 'desc').executeTakeFirst();
  return row && readVisit(row);
}

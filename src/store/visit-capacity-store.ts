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

/** Meetings in progress for the org, as the Webex events told us. */
export async function countInProgress(db: Db, orgId: string): Promise<number> {
  const row = await db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).where('status', '=', 'in_progress').executeTakeFirst();
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

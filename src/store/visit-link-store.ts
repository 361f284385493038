import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { VisitLinksTable } from './schema-visits.js';

export type VisitLinkRow = Selectable<VisitLinksTable>;
export type NewVisitLinkRow = Insertable<VisitLinksTable>;

type Db = Kysely<Database>;

export async function findLinkByHash(db: Db, codeHash: string): Promise<VisitLinkRow | undefined> {
  const row = await db.selectFrom('visit_links').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  return row && { ...row, created_at: Number(row.created_at), revoked_at: row.revoked_at === null ? null : Number(row.revoked_at) };
}

/** The live (not revoked) link of each participant of a visit. */
export async function listActiveLinks(db: Db, visitIds: string[]): Promise<VisitLinkRow[]> {
  if (visitIds.length === 0) return [];
  return db.selectFrom('visit_links').selectAll().where('visit_id', 'in', visitIds).where('revoked_at', 'is', null).execute();
}

/** Revokes every live link of a participant, then (optionally) adds the new one, in one transaction. */
export async function replaceLinks(db: Db, participantId: string, now: number, reason: 'revoked' | 'replaced', next?: NewVisitLinkRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('visit_links')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('participant_id', '=', participantId)
      .where('revoked_at', 'is', null)
      .execute();
    if (next !== undefined) await trx.insertInto('visit_links').values(next).execute();
  });
}

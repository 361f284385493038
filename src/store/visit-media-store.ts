import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';
import type { VisitMediaTable } from './schema-visits.js';

export type VisitMediaRow = Selectable<VisitMediaTable>;
export type VisitMediaKind = 'recording' | 'transcript';

type Db = Kysely<Database>;

/** Stores a recording or transcript id once; a redelivered webhook is a no-op. */
export async function addVisitMedia(db: Db, row: Insertable<VisitMediaTable>): Promise<void> {
  await db.insertInto('visit_media').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/** A visit's recordings or transcripts, oldest first. */
export async function listVisitMedia(db: Db, visitId: string, kind: VisitMediaKind): Promise<VisitMediaRow[]> {
  const rows = await db.selectFrom('visit_media').selectAll().where('visit_id', '=', visitId).where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
  // pg may hand bigint columns back as strings.
  return rows.map((r) => ({ ...r, created_at: Number(r.created_at), recorded_at: r.recorded_at === null ? null : Number(r.recorded_at) }));
}

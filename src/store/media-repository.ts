import type { Kysely } from 'kysely';
import type { MediaStore } from '../core/visits/media-store.js';
import type { Database } from './schema.js';

/** The visit_media table, for core's MediaStore. */
export function createMediaRepository(db: Kysely<Database>): MediaStore {
  return {
    async add(media) {
      await db
        .insertInto('visit_media')
        .values({ id: media.id, visit_id: media.visitId, kind: media.kind, meeting_instance_id: media.meetingInstanceId, recorded_at: media.recordedAt, created_at: media.createdAt })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async list(visitId, kind) {
      const rows = await db.selectFrom('visit_media').selectAll().where('visit_id', '=', visitId).where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        visitId: r.visit_id,
        kind,
        meetingInstanceId: r.meeting_instance_id,
        // pg may hand bigint columns back as strings.
        recordedAt: r.recorded_at === null ? null : Number(r.recorded_at),
        createdAt: Number(r.created_at),
      }));
    },
  };
}

import type { Kysely } from 'kysely';
import type { LinkStore } from '../core/visits/link-store.js';
import type { Database } from './schema.js';
import { toVisitLink, visitLinkRow } from './visit-rows.js';

/** The visit_links table, for core's LinkStore. */
export function createLinkRepository(db: Kysely<Database>): LinkStore {
  return {
    async findByHash(codeHash) {
      const row = await db.selectFrom('visit_links').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
      return row && toVisitLink(row);
    },

    async listActive(visitIds) {
      if (visitIds.length === 0) return [];
      const rows = await db.selectFrom('visit_links').selectAll().where('visit_id', 'in', visitIds).where('revoked_at', 'is', null).execute();
      return rows.map(toVisitLink);
    },

    async replace(participantId, now, reason, next) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('visit_links')
          .set({ revoked_at: now, revoked_reason: reason })
          .where('participant_id', '=', participantId)
          .where('revoked_at', 'is', null)
          .execute();
        if (next !== undefined) await trx.insertInto('visit_links').values(visitLinkRow(next)).execute();
      });
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeferralStore, UsageStore } from '../core/usage/usage-store.js';
import type { Database } from './schema.js';

/** Reads for usage reports (visits, their seats, held-back clicks), and the record of each held-back click. */
export function createUsageRepository(db: Kysely<Database>): UsageStore & DeferralStore {
  return {
    async meetings(orgId, fromMs, toMs) {
      const rows = await db
        .selectFrom('visits')
        .select(['id', 'started_at', 'ended_at'])
        .where('org_id', '=', orgId)
        .where('started_at', 'is not', null)
        .where('started_at', '<', toMs)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', fromMs)]))
        .execute();
      return rows.map((r) => ({ visitId: r.id, startedAt: Number(r.started_at), endedAt: r.ended_at === null ? null : Number(r.ended_at) }));
    },

    async participants(orgId, fromMs, toMs) {
      const rows = await db
        .selectFrom('visit_participants as p')
        .innerJoin('visits as v', 'v.id', 'p.visit_id')
        .select(['p.id', 'p.visit_id', 'p.join_email', 'p.joined_at', 'p.left_at'])
        .where('v.org_id', '=', orgId)
        .where('p.joined_at', '>=', fromMs)
        .where('p.joined_at', '<', toMs)
        .execute();
      return rows.map((r) => ({ visitId: r.visit_id, participantId: r.id, guestKey: r.join_email, joinedAt: Number(r.joined_at), leftAt: r.left_at === null ? null : Number(r.left_at) }));
    },

    async deferrals(orgId, fromMs, toMs) {
      const rows = await db
        .selectFrom('admission_deferrals')
        .select(['visit_id', 'participant_id', 'deferred_at'])
        .where('org_id', '=', orgId)
        .where('deferred_at', '>=', fromMs)
        .where('deferred_at', '<', toMs)
        .execute();
      return rows.map((r) => ({ visitId: r.visit_id, participantId: r.participant_id, deferredAt: Number(r.deferred_at) }));
    },

    async record(d, at) {
      await db.insertInto('admission_deferrals').values({ id: randomUUID(), org_id: d.orgId, visit_id: d.visitId, participant_id: d.participantId, deferred_at: at }).execute();
    },
  };
}

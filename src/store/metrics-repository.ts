import type { Kysely } from 'kysely';
import type { MetricsSnapshot, MetricsStore } from '../core/metrics/metrics-store.js';
import type { Database } from './schema.js';

const UNFINISHED = ['pending', 'failed', 'processing'];
/** Visit statuses whose meeting may still start (the governor's start holds live on them). */
const MAY_START = ['scheduled', 'missed'];

/** Grouped counts over visits, orgs, licenses and the webhook inbox, for core's MetricsStore. */
export function createMetricsRepository(db: Kysely<Database>): MetricsStore {
  return { readSnapshot: (now) => readSnapshot(db, now) };
}

async function readSnapshot(db: Kysely<Database>, now: number): Promise<MetricsSnapshot> {
  const [visits, orgs, capacity, inProgress, starting, events, backlog] = await Promise.all([
    db.selectFrom('visits').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute(),
    db.selectFrom('orgs').select(['id', 'status']).execute(),
    db.selectFrom('org_capacity').select(['org_id', 'licensed']).execute(),
    // Counted by meeting (series, or the room of an ad-hoc visit), like the governor: one meeting is one license.
    db
      .selectFrom('visits')
      .select(['org_id', (eb) => eb.fn.count(eb.fn.coalesce('meeting_id', 'room_id', 'id')).distinct().as('n')])
      .where('status', '=', 'in_progress')
      .groupBy('org_id')
      .execute(),
    db
      .selectFrom('visits')
      .select(['org_id', (eb) => eb.fn.countAll().as('n')])
      .where('status', 'in', MAY_START)
      .where('start_hold_until', '>', now)
      .groupBy('org_id')
      .execute(),
    db.selectFrom('webhook_events').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute(),
    db
      .selectFrom('webhook_events')
      .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('received_at').as('oldest')])
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst(),
  ]);
  const orgsByStatus = new Map<string, number>();
  for (const o of orgs) orgsByStatus.set(o.status, (orgsByStatus.get(o.status) ?? 0) + 1);
  const orgIds = [...new Set([...orgs.map((o) => o.id), ...capacity.map((c) => c.org_id)])].sort();
  return {
    visitsByStatus: new Map(visits.map((r) => [r.status, Number(r.n)])),
    orgsByStatus,
    orgIds,
    inProgressByOrg: new Map(inProgress.map((r) => [r.org_id, Number(r.n)])),
    startingByOrg: new Map(starting.map((r) => [r.org_id, Number(r.n)])),
    licensedByOrg: new Map(capacity.map((r) => [r.org_id, Number(r.licensed)])),
    webhookEventsByStatus: new Map(events.map((r) => [r.status, Number(r.n)])),
    webhookBacklog: Number(backlog?.n ?? 0),
    webhookOldestUnfinishedAt: backlog?.oldest === null || backlog?.oldest === undefined ? null : Number(backlog.oldest),
  };
}

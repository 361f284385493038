import type { Kysely } from 'kysely';

/*
 * Indexes so each hot read costs O(log n) at a million visits (docs/performance.md §2):
 * - visit_links by visit: every visit read lists its links; without it each read scanned the whole table;
 * - visits by (tenant, status, start, id) and (tenant, org, start, id): `GET /visits?status=` and `?orgId=` in cursor order;
 * - visits by (org, status, start): the overlap count on create, bounded to a start window;
 * - visits by (org, status, start hold): the join-click admission snapshot and the starting count;
 * - visits by (status, end): the minute sweeps (overdue scheduled, stale in progress, stale reservations);
 * - visits by room: the ad-hoc visit of a space, looked up by room events;
 * - visits by (start, id): the operator's list across tenants; by (org, started): usage reports; seats by join time.
 * Frozen once released: add a new migration instead of editing this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('visit_links_visit').on('visit_links').column('visit_id').execute();
  await db.schema.createIndex('visits_tenant_status_start').on('visits').columns(['tenant_id', 'status', 'start_at', 'id']).execute();
  await db.schema.createIndex('visits_tenant_org_start').on('visits').columns(['tenant_id', 'org_id', 'start_at', 'id']).execute();
  // end_at rides along so the overlap count is answered from the index alone.
  await db.schema.createIndex('visits_org_status_start').on('visits').columns(['org_id', 'status', 'start_at', 'end_at']).execute();
  await db.schema.createIndex('visits_org_status_hold').on('visits').columns(['org_id', 'status', 'start_hold_until']).execute();
  await db.schema.createIndex('visits_status_end').on('visits').columns(['status', 'end_at']).execute();
  await db.schema.createIndex('visits_room').on('visits').columns(['room_id', 'created_at']).execute();
  await db.schema.createIndex('visits_start').on('visits').columns(['start_at', 'id']).execute();
  await db.schema.createIndex('visits_org_started').on('visits').columns(['org_id', 'started_at']).execute();
  await db.schema.createIndex('visit_participants_joined').on('visit_participants').column('joined_at').execute();
  // (org_id, status) is a prefix of both new org indexes.
  await db.schema.dropIndex('visits_org_status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('visits_org_status').on('visits').columns(['org_id', 'status']).execute();
  for (const name of ['visit_participants_joined', 'visits_org_started', 'visits_start', 'visits_room', 'visits_status_end', 'visits_org_status_hold', 'visits_org_status_start', 'visits_tenant_status_start', 'visits_tenant_org_start', 'visit_links_visit']) {
    await db.schema.dropIndex(name).execute();
  }
}

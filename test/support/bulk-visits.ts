import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

export interface BulkVisits {
  tenantId: string;
  orgId: string;
  count: number;
  /** Epoch ms the visits are spread around: 90% ended before it, 10% scheduled after it, one a minute. */
  now: number;
  /** Id prefix (several batches in one database must not collide). */
  prefix?: string;
  /** The join-code key id stored with each link (g2g shows a joinUrl only for a key it holds). Default `bulk`. */
  keyId?: string;
}

/**
 * Background rows for plan tests and the growth bench: `count` visits with two seats and two join links each,
 * built inside the database (generate_series on PostgreSQL, a recursive CTE on SQLite), so a million take a
 * minute, not an hour. The rows are well-formed; nobody holds their join codes.
 */
export async function insertBulkVisits(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', b: BulkVisits): Promise<void> {
  const prefix = b.prefix ?? 'bulk';
  const past = Math.floor(b.count * 0.9);
  // n runs 1..count; start = now + (n - past) minutes.
  const series = dialect === 'postgres' ? sql`generate_series(1, ${b.count}) as g(n)` : sql`g`;
  const withSeries = dialect === 'postgres' ? sql`` : sql`with recursive g(n) as (select 1 union all select n + 1 from g where n < ${b.count}) `;
  const now = sql`cast(${b.now} as bigint)`;
  const start = sql`(${now} + (n - ${past}) * cast(60000 as bigint))`;
  await sql`${withSeries}insert into visits (id, tenant_id, org_id, status, title, start_at, end_at, duration_minutes, hostless, space, adhoc,
      persistent_guests, external_id, idempotency_key, request_hash, meeting_id, meeting_instance_id, meeting_number, web_link, site_url,
      meeting_state, room_id, capacity_warning, created_at, updated_at, started_at, ended_at, start_hold_until)
    select ${prefix} || '-v-' || n, ${b.tenantId}, ${b.orgId}, case when n <= ${past} then 'ended' else 'scheduled' end, 'Bulk', ${start},
      ${start} + 1800000, 30, 1, 0, 0, 0, ${prefix} || '-x-' || n, null, 'bulk', ${prefix} || '-m-' || n, null, '1234', null, null,
      null, null, null, ${now}, ${now}, null, null, null
    from ${series}`.execute(db);
  for (const position of [0, 1]) {
    await sql`${withSeries}insert into visit_participants (id, visit_id, position, display_name, email, join_email, role, external_id, guest_id,
        webex_participant_id, joined_at, left_at, created_at)
      select ${prefix} || '-p${sql.raw(String(position))}-' || n, ${prefix} || '-v-' || n, ${position}, 'Guest', null,
        ${prefix} || '-p${sql.raw(String(position))}-' || n || '@guests.invalid', 'guest', null, null, null, null, null, ${now}
      from ${series}`.execute(db);
    await sql`${withSeries}insert into visit_links (code_hash, participant_id, visit_id, nonce, key_id, created_at, revoked_at, revoked_reason)
      select ${prefix} || '-h${sql.raw(String(position))}-' || n, ${prefix} || '-p${sql.raw(String(position))}-' || n, ${prefix} || '-v-' || n,
        'nonce-' || n, ${b.keyId ?? 'bulk'}, ${now}, null, null
      from ${series}`.execute(db);
  }
  // Only these tables: a bare ANALYZE on PostgreSQL visits every schema of the database, locking other runs' tables.
  for (const table of ['visits', 'visit_participants', 'visit_links']) await sql`analyze ${sql.table(table)}`.execute(db);
}

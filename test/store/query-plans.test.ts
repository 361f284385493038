import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdmissionRepository, createCapacityRepository } from '../../src/store/capacity-repository.js';
import type { Database } from '../../src/store/schema.js';
import { createUsageRepository } from '../../src/store/usage-repository.js';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { insertBulkVisits } from '../support/bulk-visits.js';
import { testDatabases } from '../support/databases.js';

/**
 * The hot reads of docs/performance.md §2, run by the real repositories over two tenants of 20 000 analyzed visits, then
 * EXPLAINed: each must reach visits, visit_links and visit_participants through an index range (never a
 * scan of the table or of a whole index), and a page must come off the index in order (no sort of every match).
 * On PostgreSQL the plan is also run (EXPLAIN ANALYZE) and no scan may touch more than a page's worth of rows.
 */
const N = 20_000;
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const HOT_TABLES = new Set(['visits', 'visit_links', 'visit_participants']);
/** A page is 50 rows; 2 000 of the visits are scheduled, so reading every scheduled visit of the org shows. */
const MAX_ROWS_TOUCHED = 200;

class CaptureQueries implements KyselyPlugin {
  readonly seen: CompiledQuery[] = [];
  readonly #compile: (node: RootOperationNode, args: PluginTransformQueryArgs) => CompiledQuery;
  constructor(compile: (node: RootOperationNode, args: PluginTransformQueryArgs) => CompiledQuery) {
    this.#compile = compile;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.seen.push(this.#compile(args.node, args));
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

interface PlanRules {
  /** A page: it must come off an index in order, never from a sort of every match. */
  ordered?: boolean;
  /** Walking a whole index in order is allowed (a page across every tenant stops at its limit; rows touched still count). */
  walksIndexInOrder?: boolean;
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PgPlanNode[];
}

/** Problems in one query's plan, as short strings (empty: every hot table is reached through an index range). */
async function planProblems(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', q: CompiledQuery, opts: PlanRules): Promise<string[]> {
  const { ordered = false, walksIndexInOrder = false } = opts;
  const problems: string[] = [];
  if (dialect === 'sqlite') {
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
    for (const { detail } of plan.rows) {
      const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
      const inOrder = walksIndexInOrder && / USING (COVERING )?INDEX /.test(detail);
      if (scanned !== undefined && HOT_TABLES.has(scanned) && !inOrder) problems.push(detail);
      if (ordered && detail.includes('TEMP B-TREE')) problems.push(detail);
    }
    return problems;
  }
  const plan = await db.executeQuery<{ 'QUERY PLAN': { Plan: PgPlanNode }[] }>(CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [...q.parameters]));
  const walk = (node: PgPlanNode, parent: PgPlanNode | undefined): void => {
    const type = node['Node Type'];
    if (node['Relation Name'] !== undefined && HOT_TABLES.has(node['Relation Name'])) {
      const indexed = (type === 'Index Scan' || type === 'Index Only Scan') && (node['Index Cond'] !== undefined || walksIndexInOrder);
      const bitmap = type === 'Bitmap Heap Scan' && (node.Plans ?? []).length > 0;
      if (!indexed && !bitmap) problems.push(`${type} on ${node['Relation Name']}`);
      // An index range can still read the whole org: count what the scan really touched.
      const touched = ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1);
      if (touched > MAX_ROWS_TOUCHED) problems.push(`${type} on ${node['Relation Name']} touched ${touched} rows`);
    }
    if (type === 'Bitmap Index Scan' && parent !== undefined && node['Index Cond'] === undefined) problems.push('Bitmap Index Scan without a condition');
    if (ordered && (type === 'Sort' || type === 'Incremental Sort')) problems.push(type);
    for (const child of node.Plans ?? []) walk(child, node);
  };
  for (const root of plan.rows[0]?.['QUERY PLAN'] ?? []) walk(root.Plan, undefined);
  return problems;
}

describe.each(testDatabases())('hot query plans on $name', (database) => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await database.open();
    await insertBulkVisits(db, database.name, { tenantId: 'tenant-a', orgId: 'org-1', count: N, now: NOW });
    // Another tenant and org as large, so the planner's statistics see that a tenant (or org) is a real filter.
    await insertBulkVisits(db, database.name, { tenantId: 'tenant-b', orgId: 'org-2', count: N, now: NOW, prefix: 'other' });
  }, 120_000);

  /** Runs `work` against repositories over a capturing handle; answers the plan problems of every statement it ran. */
  async function problemsOf(work: (stores: ReturnType<typeof storesOver>) => Promise<unknown>, opts: PlanRules = {}): Promise<string[]> {
    const capture = new CaptureQueries((node, args) => db.getExecutor().compileQuery(node, args.queryId));
    await work(storesOver(db.withPlugin(capture)));
    expect(capture.seen.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const q of capture.seen) problems.push(...(await planProblems(db, database.name, q, opts)));
    return problems;
  }

  const deep = { startAt: NOW - 5000 * 60_000, id: 'bulk-v-13000' };
  const cases: [string, (s: ReturnType<typeof storesOver>) => Promise<unknown>, PlanRules?][] = [
    ['GET /visits/{id}', (s) => s.visitStore.find('tenant-a', 'bulk-v-123')],
    ['seats and links of a page', async (s) => Promise.all([s.seatStore.list(['bulk-v-1', 'bulk-v-2']), s.linkStore.listActive(['bulk-v-1', 'bulk-v-2'])])],
    ['the first page', (s) => s.visitStore.list({ tenantId: 'tenant-a', limit: 50 }), { ordered: true }],
    ['a deep cursor page', (s) => s.visitStore.list({ tenantId: 'tenant-a', limit: 50, after: deep }), { ordered: true }],
    ['status=scheduled, first and deep page', async (s) => {
      await s.visitStore.list({ tenantId: 'tenant-a', status: 'scheduled', limit: 50 });
      await s.visitStore.list({ tenantId: 'tenant-a', status: 'scheduled', limit: 50, after: { startAt: NOW + 1000 * 60_000, id: 'bulk-v-19000' } });
    }, { ordered: true }],
    // (tenant, externalId) is unique: sorting its one row is free.
    ['externalId', (s) => s.visitStore.list({ tenantId: 'tenant-a', externalId: 'bulk-x-77', limit: 50 })],
    ['from/to', (s) => s.visitStore.list({ tenantId: 'tenant-a', fromMs: NOW - 100 * 60_000, toMs: NOW, limit: 50 }), { ordered: true }],
    ['orgId, first and deep page', async (s) => {
      await s.visitStore.list({ tenantId: 'tenant-a', orgId: 'org-1', limit: 50 });
      await s.visitStore.list({ tenantId: 'tenant-a', orgId: 'org-1', limit: 50, after: deep });
    }, { ordered: true }],
    ['the join click: link, then the admission snapshot', async (s) => {
      await s.linkStore.findByHash('bulk-h0-19500');
      await s.admission.readSnapshot('org-1', 'bulk-v-19500', NOW);
    }],
    ['capacity counts and the overlap count on create', async (s) => {
      await s.capacityStore.countInProgress('org-1');
      await s.capacityStore.countStarting('org-1', NOW);
      await s.capacityStore.countOverlapping('org-1', NOW + 600 * 60_000, NOW + 630 * 60_000, 'new');
    }],
    ['idempotency and externalId look-ups on create', (s) => s.reservationStore.findByKey('tenant-a', { idempotencyKey: 'k', externalId: 'bulk-x-5' })],
    ['the minute sweeps', async (s) => {
      await s.meetingVisitStore.listOverdueScheduled(NOW);
      await s.meetingVisitStore.listStaleInProgress(NOW);
      await s.reservationStore.listStaleReservations(NOW);
      await s.meetingVisitStore.listInProgressForOrg('org-1', NOW);
    }],
    ['webhooks: visits by meeting id', (s) => s.meetingVisitStore.findByMeetingIds(['bulk-m-10', 'bulk-m-11'])],
    ['the operator: every tenant, first and deep page', async (s) => {
      await s.visitStore.list({ tenantId: null, limit: 50 });
      await s.visitStore.list({ tenantId: null, limit: 50, after: deep });
    }, { ordered: true, walksIndexInOrder: true }],
    ['usage reports of an org over a month', async (s) => {
      await s.usage.meetings('org-1', NOW - 30 * 86_400_000, NOW);
      await s.usage.participants('org-1', NOW - 30 * 86_400_000, NOW);
    }],
    ['webhooks: the ad-hoc visit of a room', (s) => s.meetingVisitStore.findAdhocByRoom('room-1'), { ordered: true }],
  ];

  it.each(cases)('%s is served by indexes', async (_name, work, opts) => {
    expect(await problemsOf(work, opts)).toEqual([]);
  });

  it('flags a query that does scan (the check itself works)', async () => {
    const problems = await problemsOf((s) => s.raw.selectFrom('visits').selectAll().where('title', '=', 'Bulk').orderBy('duration_minutes').limit(5).execute(), { ordered: true });
    expect(problems.length).toBeGreaterThan(0);
  });
});

function storesOver(db: Kysely<Database>) {
  return { ...createVisitStores(db), capacityStore: createCapacityRepository(db), admission: createAdmissionRepository(db), usage: createUsageRepository(db), raw: db };
}

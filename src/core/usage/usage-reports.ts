import type { Clock } from '../clock.js';
import { G2GError } from '../errors.js';
import type { CapacityStore } from '../visits/capacity-store.js';
import { computeUsage, type UsageGranularity, type UsageReport } from './compute-usage.js';
import type { UsageStore } from './usage-store.js';

export interface UsageQuery {
  /** Epoch ms; default: 7 days before `to`. */
  from?: number | undefined;
  /** Epoch ms; default: now. */
  to?: number | undefined;
  granularity?: UsageGranularity | undefined;
}

export interface UsageReports {
  /** The org's usage in [from, to). The caller checks who may see the org. */
  report(orgId: string, query: UsageQuery): Promise<UsageReport>;
}

const DAY = 86_400_000;
/** Bounds keep a report to a few thousand buckets at most. */
const MAX_RANGE: Record<UsageGranularity, number> = { hour: 31 * DAY, day: 366 * DAY };

export function createUsageReports(deps: { store: UsageStore; capacityStore: Pick<CapacityStore, 'findLicensed'>; clock: Clock }): UsageReports {
  return {
    async report(orgId, query) {
      const now = deps.clock.now();
      const granularity = query.granularity ?? 'day';
      const to = query.to ?? now;
      const from = query.from ?? to - 7 * DAY;
      if (!(from < to)) throw invalid('from', 'must be before to');
      if (to - from > MAX_RANGE[granularity]) throw invalid(granularity === 'hour' ? 'to' : 'from', `the range may span at most ${MAX_RANGE[granularity] / DAY} days with granularity=${granularity}`);
      const [meetings, participants, deferrals, licensed] = await Promise.all([
        deps.store.meetings(orgId, from, to),
        deps.store.participants(orgId, from, to),
        deps.store.deferrals(orgId, from, to),
        deps.capacityStore.findLicensed(orgId),
      ]);
      return computeUsage({ orgId, from, to, granularity, now, licensed: licensed ?? null, meetings, participants, deferrals });
    },
  };
}

function invalid(field: string, message: string): G2GError {
  return new G2GError({ code: 'validation_failed', status: 400, message: 'the report query is invalid', fields: [{ field, message }] });
}

/**
 * Visits let through to start a meeting whose start g2g has not seen yet (the `meetings:started` webhook trails the
 * click by the time the guest takes to press Join, plus delivery). Counting them closes the window in which two
 * clicks for two different visits would both see one free license and the second would meet Webex's license error.
 * Held on the g2g instance (not module state); several instances on one database each see only their own.
 */
export interface PendingStarts {
  /** Holds a license for the visit's start until `until` (epoch ms); a later hold extends it. */
  hold(orgId: string, visitId: string, until: number): void;
  /** Visit ids of the org still holding at `now`; expired holds are dropped. */
  held(orgId: string, now: number): string[];
  /** Gives the visit's hold back (no Webex link was minted after all). */
  release(orgId: string, visitId: string): void;
}

export function createPendingStarts(): PendingStarts {
  const byOrg = new Map<string, Map<string, number>>();
  return {
    hold(orgId, visitId, until) {
      let visits = byOrg.get(orgId);
      if (visits === undefined) {
        visits = new Map();
        byOrg.set(orgId, visits);
      }
      visits.set(visitId, Math.max(until, visits.get(visitId) ?? 0));
    },
    held(orgId, now) {
      const visits = byOrg.get(orgId);
      if (visits === undefined) return [];
      for (const [visitId, until] of visits) if (until <= now) visits.delete(visitId);
      if (visits.size === 0) byOrg.delete(orgId);
      return [...visits.keys()];
    },
    release(orgId, visitId) {
      byOrg.get(orgId)?.delete(visitId);
    },
  };
}

/** What `/metrics` reads from the database at each scrape: a handful of grouped counts on indexed columns. */
export interface MetricsSnapshot {
  visitsByStatus: Map<string, number>;
  orgsByStatus: Map<string, number>;
  /** Every known org id (orgs or a recorded license), so an idle org shows 0 rather than nothing. */
  orgIds: string[];
  inProgressByOrg: Map<string, number>;
  startingByOrg: Map<string, number>;
  licensedByOrg: Map<string, number>;
  webhookEventsByStatus: Map<string, number>;
  /** Stored webhook events not finished yet (pending, failed awaiting retry, processing). */
  webhookBacklog: number;
  /** receivedAt (epoch ms) of the oldest unfinished webhook event, or null. */
  webhookOldestUnfinishedAt: number | null;
}

export interface MetricsStore {
  /** The gauges' numbers as they stand at `now`. */
  readSnapshot(now: number): Promise<MetricsSnapshot>;
}

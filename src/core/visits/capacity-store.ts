/** What capacity answers and forecasts read: the org's license and how much of it is in use. */
export interface CapacityStore {
  /** The org's concurrent-meeting license when g2g was told it (Webex has no API for it). */
  findLicensed(orgId: string): Promise<number | undefined>;
  setLicensed(orgId: string, licensed: number, now: number): Promise<void>;
  /**
   * Meetings in progress for the org, as the Webex events told us: counted by meeting (series, or the room of an
   * ad-hoc visit), never by visit or participant event, so no event can count one meeting twice.
   */
  countInProgress(orgId: string): Promise<number>;
  /** Visits of the org let through to start (a live hold at `now`) whose meeting is not seen running yet. */
  countStarting(orgId: string, now: number): Promise<number>;
  /** Visits of the org, other than `excludeVisitId`, whose time overlaps [startAt, endAt) and that may still run. */
  countOverlapping(orgId: string, startAt: number, endAt: number, excludeVisitId: string): Promise<number>;
}

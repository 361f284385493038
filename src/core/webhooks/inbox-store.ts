export const INBOX_STATUSES = ['pending', 'processing', 'done', 'failed', 'dead'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** A Webex webhook delivery as stored, worked later from the row. Envelopes carry no tokens. */
export interface InboxEvent {
  id: string;
  /** resource:event:sha256(data): Webex signs no timestamp and may redeliver, so this is the replay guard. */
  dedupeKey: string;
  resource: string;
  event: string;
  orgId: string | null;
  webhookId: string | null;
  /** The envelope as received (JSON text). */
  body: string;
  status: InboxStatus;
  attempts: number;
  lastError: string | null;
  /** A processing claim, or the time of the next retry. */
  leaseUntil: number | null;
  receivedAt: number;
  processedAt: number | null;
}

export type NewInboxEvent = Pick<InboxEvent, 'id' | 'dedupeKey' | 'resource' | 'event' | 'orgId' | 'webhookId' | 'body'>;

/** The webhook inbox: each delivery stored once, claimed by one worker at a time, finished or retried, pruned. */
export interface InboxStore {
  /** False when the dedupe key is already there (a redelivery). */
  insert(event: NewInboxEvent, now: number): Promise<boolean>;
  /**
   * Stores a delivery already claimed by the caller for `leaseMs` (it works the event at once), as it stands; `pending`
   * instead when an earlier event of its org is unfinished (on any instance), undefined when the dedupe key is already
   * there. Deliveries stored at the same moment may share one commit.
   */
  insertClaimed(event: NewInboxEvent, now: number, leaseMs: number): Promise<InboxEvent | undefined>;
  /** Compare-and-set claim (a crashed claim expires after `leaseMs`): the event as it stands, or undefined when not claimed. */
  claim(id: string, now: number, leaseMs: number): Promise<InboxEvent | undefined>;
  /**
   * Finishes an event and, in the same commit, claims (compare-and-set, in org order) the org's oldest event still
   * waiting for its first try: that event as claimed, or undefined when there is none or it may not run yet.
   */
  finishAndClaimNext(id: string, orgId: string | null, now: number, leaseMs: number): Promise<InboxEvent | undefined>;
  /** Records a failed attempt; `retryAt` undefined gives up (status `dead`). */
  fail(id: string, error: string, retryAt: number | undefined): Promise<void>;
  /** Events waiting for (another) attempt, oldest first. */
  listDue(now: number, limit: number): Promise<InboxEvent[]>;
  /** The id of the org's oldest event still waiting for its first try (`pending`), if any. */
  nextPendingOfOrg(orgId: string): Promise<string | undefined>;
  /** Deletes finished (done or dead) events received before `before`; answers how many. */
  prune(before: number): Promise<number>;
}

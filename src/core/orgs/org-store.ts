import type { PendingEvent } from '../events-out/pending-event.js';
import type { OrgStatus } from './org.js';

/** An org as stored: camelCase, epoch-ms times, scopes parsed. Never holds a token. */
export interface OrgRecord {
  id: string;
  status: OrgStatus;
  siteUrl: string | null;
  scopes: string[];
  authorizedAt: number | null;
  /** Why the org is in its status (missing scope, refused refresh...). Never holds a token. */
  statusReason: string | null;
  webhooksRegisteredAt: number | null;
  /** Why the last registration left some meeting webhooks missing; null once all are in place. */
  webhooksProblem: string | null;
  /** When g2g received the last serviceApp event it applied (an older retry is then ignored). */
  lastEventReceivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface OrgAuthorization {
  id: string;
  status: OrgStatus;
  siteUrl: string | null;
  scopes: readonly string[];
  authorizedAt: number;
  reason: string | null;
  eventReceivedAt: number;
}

/** The orgs' authorization lifecycle. */
export interface OrgStore {
  find(orgId: string): Promise<OrgRecord | undefined>;
  /** Every org (or those of `orgIds`), oldest first. */
  list(orgIds?: readonly string[]): Promise<OrgRecord[]>;
  /**
   * Records an authorization (new or repeated): scopes, site and status, keeping createdAt; clears any webhook problem.
   * `events` (the outbound events telling it) commit in the same transaction.
   */
  recordAuthorization(org: OrgAuthorization, now: number, events?: readonly PendingEvent[]): Promise<void>;
  /**
   * Moves the org to `status`; with `from`, only out of one of those (compare-and-set). Answers whether it moved.
   * `events` are stored in the same transaction, and only when it moved: a crash never tells a move that did not commit
   * nor loses the news of one that did.
   */
  setStatus(orgId: string, status: OrgStatus, reason: string | null, now: number, from?: readonly OrgStatus[], events?: readonly PendingEvent[]): Promise<boolean>;
  /** True when an event received at `receivedAt` is not older than the last one applied (or the org is new), recording it. */
  claimEventOrder(orgId: string, receivedAt: number): Promise<boolean>;
}

/** Where the org's meeting webhooks stand. */
export interface OrgWebhookStore {
  /** Every meeting webhook the org's scopes allow is in place: records when, and clears any earlier problem. */
  markWebhooksRegistered(orgId: string, now: number): Promise<void>;
  /** Some meeting webhooks could not be registered: why (a Webex error, no secret), for the reconcile pass. */
  setWebhooksProblem(orgId: string, problem: string, now: number): Promise<void>;
}

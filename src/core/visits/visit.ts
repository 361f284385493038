import type { StoredVisitStatus } from './visit-request.js';

/**
 * A visit as core sees it: camelCase, real booleans, epoch-ms times. The store maps it to and from its row, so no
 * column name or 0/1 flag reaches core (docs/contributing.md §11).
 */
export interface Visit {
  id: string;
  tenantId: string;
  orgId: string;
  status: StoredVisitStatus;
  title: string;
  startAt: number;
  endAt: number;
  durationMinutes: number;
  hostless: boolean;
  space: boolean;
  adhoc: boolean;
  persistentGuests: boolean;
  externalId: string | null;
  idempotencyKey: string | null;
  /** sha256 of the canonical request: a replay with another body is an idempotency conflict. */
  requestHash: string;
  /** The Webex meeting series id; null for ad-hoc visits (docs/webex-contract.md §1.1: never persist an ad-hoc meeting id). */
  meetingId: string | null;
  /** The instance id seen in `meetings:started`, used to match participant events. */
  meetingInstanceId: string | null;
  meetingNumber: string | null;
  webLink: string | null;
  siteUrl: string | null;
  meetingState: string | null;
  roomId: string | null;
  capacityWarning: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** The license governor let a click through to start the meeting; it holds a license until then (epoch ms). */
  startHoldUntil: number | null;
}

/** What a use case may change on a stored visit (its identity, tenant and keys never change). */
export type VisitChanges = Partial<
  Pick<
    Visit,
    | 'status'
    | 'title'
    | 'startAt'
    | 'endAt'
    | 'durationMinutes'
    | 'meetingId'
    | 'meetingInstanceId'
    | 'meetingNumber'
    | 'webLink'
    | 'siteUrl'
    | 'meetingState'
    | 'roomId'
    | 'updatedAt'
    | 'startedAt'
    | 'endedAt'
  >
>;

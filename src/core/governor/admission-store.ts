import type { PendingEvent } from '../events-out/pending-event.js';

/** A visit the governor weighs: in progress, holding a live start hold, or the one a click is about. */
export interface AdmissionEntry {
  id: string;
  status: string;
  /** The meeting the visit runs: its series id, or the room of an ad-hoc visit. */
  meetingKey: string;
  /** A live start hold (later than `now`), or null. */
  holdUntil: number | null;
}

export interface AdmissionSnapshot {
  licensed: number | null;
  /** The org's admission version (compare-and-set), or null when no license is recorded. */
  version: number | null;
  /** The org's visits in progress, those holding a live start hold, and the asked-about visit. */
  entries: AdmissionEntry[];
}

/** What the license governor reads and writes; a decision runs inside `transaction` so it is read and held at once. */
export interface AdmissionStore {
  /** Runs `work` in one database transaction, against a store bound to it. Never call Webex inside. */
  transaction<T>(work: (store: AdmissionStore) => Promise<T>): Promise<T>;
  readSnapshot(orgId: string, visitId: string, now: number): Promise<AdmissionSnapshot>;
  /** Compare-and-set on the org's admission version: false when another decision for the org got there first. */
  bumpVersion(orgId: string, seen: number): Promise<boolean>;
  /** Holds a license for the visit's start until `until` (a later hold extends it; an earlier never shortens it). */
  holdStart(visitId: string, until: number): Promise<void>;
  releaseStart(visitId: string): Promise<void>;
  /** Stores outbound events with the decision (the transaction's commit is theirs). */
  recordEvents(events: readonly PendingEvent[]): Promise<void>;
}

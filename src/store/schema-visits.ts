import type { ColumnType } from 'kysely';

/**
 * Tables owned by visits (VISITS part of issue 4). Common column types only, so one schema serves SQLite and
 * PostgreSQL: text, integer, epoch-ms bigint (mapped back to number in the row readers), booleans as 0/1.
 */
export interface VisitTables {
  visits: VisitsTable;
  visit_participants: VisitParticipantsTable;
  visit_links: VisitLinksTable;
  visit_guests: VisitGuestsTable;
  org_capacity: OrgCapacityTable;
  visit_media: VisitMediaTable;
  admission_deferrals: AdmissionDeferralsTable;
}

export interface VisitsTable {
  id: string;
  tenant_id: string;
  org_id: string;
  /** creating | scheduled | in_progress | ended | cancelled | missed */
  status: string;
  title: string;
  start_at: number;
  end_at: number;
  duration_minutes: number;
  hostless: number;
  space: number;
  adhoc: number;
  persistent_guests: number;
  external_id: string | null;
  idempotency_key: string | null;
  /** sha256 of the canonical request: a replay with another body is an idempotency conflict. */
  request_hash: string;
  /** The Webex meeting series id; null for ad-hoc visits (docs/webex-contract.md §1.1: never persist an ad-hoc meeting id). */
  meeting_id: string | null;
  /** The instance id seen in `meetings:started`, used to match participant events. */
  meeting_instance_id: string | null;
  meeting_number: string | null;
  web_link: string | null;
  site_url: string | null;
  meeting_state: string | null;
  room_id: string | null;
  capacity_warning: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  ended_at: number | null;
  /** The license governor let a click through to start the meeting; it holds a license until then (epoch ms). */
  start_hold_until: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface VisitParticipantsTable {
  id: string;
  visit_id: string;
  position: number;
  display_name: string;
  /** The e-mail the caller gave (nullable). */
  email: string | null;
  /** The e-mail Webex sees for this seat: the given one, the persistent guest's, or a synthetic one. */
  join_email: string;
  /** host | cohost | guest */
  role: string;
  external_id: string | null;
  guest_id: string | null;
  webex_participant_id: string | null;
  joined_at: number | null;
  left_at: number | null;
  created_at: number;
}

/** One row per issued join code. Only a sha256 of the code is stored; the code itself is a secret. */
export interface VisitLinksTable {
  code_hash: string;
  participant_id: string;
  visit_id: string;
  /** Random nonce; the code is HMAC(key, nonce), so an idempotent replay can answer the same joinUrl. */
  nonce: string;
  key_id: string;
  created_at: number;
  revoked_at: number | null;
  /** revoked | replaced */
  revoked_reason: string | null;
}

/** Persistent Webex guests per org and stable subject, so the same person is the same guest later. */
export interface VisitGuestsTable {
  org_id: string;
  subject: string;
  guest_id: string;
  email: string;
  display_name: string;
  created_at: number;
  updated_at: number;
}

/** The concurrent-meeting license of an org when known (Webex has no API for it). */
export interface OrgCapacityTable {
  org_id: string;
  licensed: number;
  updated_at: number;
  /** Bumped by each governor decision that lets a start through: the compare-and-set that orders them. */
  admission_version: ColumnType<number, number | undefined, number>;
}

/** A recording or transcript Webex made of a visit: ids and times only (links and passwords are secrets, read fresh). */
export interface VisitMediaTable {
  /** The Webex recording or transcript id. */
  id: string;
  visit_id: string;
  /** recording | transcript */
  kind: string;
  meeting_instance_id: string | null;
  /** When Webex says it was created (recording createTime, transcript startTime), epoch ms. */
  recorded_at: number | null;
  /** When g2g learned of it, epoch ms. */
  created_at: number;
}

/** One click the license governor held back (every license in use): for usage reports' deferred clicks and waits. */
export interface AdmissionDeferralsTable {
  id: string;
  org_id: string;
  visit_id: string;
  participant_id: string;
  deferred_at: number;
}

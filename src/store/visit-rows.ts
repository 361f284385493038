import type { Insertable, Selectable, Updateable } from 'kysely';
import type { NewParticipant, Participant, ParticipantChanges } from '../core/visits/participant.js';
import type { Visit, VisitChanges } from '../core/visits/visit.js';
import type { NewVisitLink, VisitLink } from '../core/visits/visit-link.js';
import type { StoredVisitStatus, SeatRole } from '../core/visits/visit-request.js';
import type { VisitLinksTable, VisitParticipantsTable, VisitsTable } from './schema-visits.js';

/** Rows <-> domain objects of the visits tables: the only place that knows their column names and 0/1 flags. */

// pg may hand bigint columns back as strings when a pool is not configured with our type parsers.
const num = (v: number | string): number => Number(v);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toVisit(row: Selectable<VisitsTable>): Visit {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    orgId: row.org_id,
    // Only g2g writes this column, always one of these.
    status: row.status as StoredVisitStatus,
    title: row.title,
    startAt: num(row.start_at),
    endAt: num(row.end_at),
    durationMinutes: num(row.duration_minutes),
    hostless: num(row.hostless) === 1,
    space: num(row.space) === 1,
    adhoc: num(row.adhoc) === 1,
    persistentGuests: num(row.persistent_guests) === 1,
    externalId: row.external_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    meetingId: row.meeting_id,
    meetingInstanceId: row.meeting_instance_id,
    meetingNumber: row.meeting_number,
    webLink: row.web_link,
    siteUrl: row.site_url,
    meetingState: row.meeting_state,
    roomId: row.room_id,
    capacityWarning: row.capacity_warning,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    startedAt: numOrNull(row.started_at),
    endedAt: numOrNull(row.ended_at),
    startHoldUntil: numOrNull(row.start_hold_until),
  };
}

export function visitRow(v: Visit): Insertable<VisitsTable> {
  return {
    id: v.id,
    tenant_id: v.tenantId,
    org_id: v.orgId,
    status: v.status,
    title: v.title,
    start_at: v.startAt,
    end_at: v.endAt,
    duration_minutes: v.durationMinutes,
    hostless: v.hostless ? 1 : 0,
    space: v.space ? 1 : 0,
    adhoc: v.adhoc ? 1 : 0,
    persistent_guests: v.persistentGuests ? 1 : 0,
    external_id: v.externalId,
    idempotency_key: v.idempotencyKey,
    request_hash: v.requestHash,
    meeting_id: v.meetingId,
    meeting_instance_id: v.meetingInstanceId,
    meeting_number: v.meetingNumber,
    web_link: v.webLink,
    site_url: v.siteUrl,
    meeting_state: v.meetingState,
    room_id: v.roomId,
    capacity_warning: v.capacityWarning,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    started_at: v.startedAt,
    ended_at: v.endedAt,
    start_hold_until: v.startHoldUntil,
  };
}

const VISIT_COLUMNS = {
  status: 'status',
  title: 'title',
  startAt: 'start_at',
  endAt: 'end_at',
  durationMinutes: 'duration_minutes',
  meetingId: 'meeting_id',
  meetingInstanceId: 'meeting_instance_id',
  meetingNumber: 'meeting_number',
  webLink: 'web_link',
  siteUrl: 'site_url',
  meetingState: 'meeting_state',
  roomId: 'room_id',
  updatedAt: 'updated_at',
  startedAt: 'started_at',
  endedAt: 'ended_at',
} as const satisfies Record<keyof VisitChanges, keyof VisitsTable>;

/** Only the fields present in `changes` (an absent field is left alone; an explicit null clears the column). */
export function visitChangesRow(changes: VisitChanges): Updateable<VisitsTable> {
  const set: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(VISIT_COLUMNS)) {
    const value = changes[field as keyof VisitChanges];
    if (value !== undefined) set[column] = value;
  }
  return set as Updateable<VisitsTable>;
}

export function toParticipant(row: Selectable<VisitParticipantsTable>): Participant {
  return {
    id: row.id,
    visitId: row.visit_id,
    position: num(row.position),
    displayName: row.display_name,
    email: row.email,
    joinEmail: row.join_email,
    role: row.role as SeatRole,
    externalId: row.external_id,
    guestId: row.guest_id,
    webexParticipantId: row.webex_participant_id,
    joinedAt: numOrNull(row.joined_at),
    leftAt: numOrNull(row.left_at),
    createdAt: num(row.created_at),
  };
}

export function participantRow(p: NewParticipant): Insertable<VisitParticipantsTable> {
  return {
    id: p.id,
    visit_id: p.visitId,
    position: p.position,
    display_name: p.displayName,
    email: p.email,
    join_email: p.joinEmail,
    role: p.role,
    external_id: p.externalId,
    guest_id: p.guestId,
    webex_participant_id: null,
    joined_at: null,
    left_at: null,
    created_at: p.createdAt,
  };
}

export function participantChangesRow(changes: ParticipantChanges): Updateable<VisitParticipantsTable> {
  return {
    ...(changes.webexParticipantId !== undefined ? { webex_participant_id: changes.webexParticipantId } : {}),
    ...(changes.joinedAt !== undefined ? { joined_at: changes.joinedAt } : {}),
    ...(changes.leftAt !== undefined ? { left_at: changes.leftAt } : {}),
  };
}

export function toVisitLink(row: Selectable<VisitLinksTable>): VisitLink {
  return {
    codeHash: row.code_hash,
    participantId: row.participant_id,
    visitId: row.visit_id,
    nonce: row.nonce,
    keyId: row.key_id,
    createdAt: num(row.created_at),
    revokedAt: numOrNull(row.revoked_at),
    revokedReason: row.revoked_reason === 'revoked' || row.revoked_reason === 'replaced' ? row.revoked_reason : null,
  };
}

export function visitLinkRow(l: NewVisitLink): Insertable<VisitLinksTable> {
  return { code_hash: l.codeHash, participant_id: l.participantId, visit_id: l.visitId, nonce: l.nonce, key_id: l.keyId, created_at: l.createdAt, revoked_at: null, revoked_reason: null };
}

import type { NewParticipant } from '../../src/core/visits/participant.js';
import type { Visit } from '../../src/core/visits/visit.js';
import type { NewVisitLink } from '../../src/core/visits/visit-link.js';

/** 2026-11-25 09:00 UTC: the fixed "now" of the store suites. */
export const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** A reservation (status `creating`) of a 30-minute hostless visit at T0 for tenant-a on org-1, unless overridden. */
export function aVisit(over: Partial<Visit> & { id: string }): Visit {
  return {
    tenantId: 'tenant-a',
    orgId: 'org-1',
    status: 'creating',
    title: 'T',
    startAt: T0,
    endAt: T0 + 30 * 60_000,
    durationMinutes: 30,
    hostless: true,
    space: false,
    adhoc: false,
    persistentGuests: false,
    externalId: null,
    idempotencyKey: null,
    requestHash: 'h',
    meetingId: null,
    meetingInstanceId: null,
    meetingNumber: null,
    webLink: null,
    siteUrl: null,
    meetingState: null,
    roomId: null,
    capacityWarning: null,
    createdAt: T0,
    updatedAt: T0,
    startedAt: null,
    endedAt: null,
    startHoldUntil: null,
    ...over,
  };
}

export function aSeat(over: Partial<NewParticipant> & { id: string; visitId: string }): NewParticipant {
  return {
    position: 0,
    displayName: `P ${over.id}`,
    email: null,
    joinEmail: `${over.id}@guests.g2g.invalid`,
    role: 'guest',
    externalId: null,
    guestId: null,
    createdAt: T0,
    ...over,
  };
}

export function aLink(over: Partial<NewVisitLink> & { participantId: string; visitId: string }): NewVisitLink {
  return { codeHash: `h-${over.participantId}`, nonce: 'n', keyId: 'k', createdAt: T0, ...over };
}

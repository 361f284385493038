import { deriveJoinCode, type JoinCodeKey } from '../broker/join-code.js';
import type { Participant } from './participant.js';
import type { Visit } from './visit.js';
import type { VisitLink } from './visit-link.js';
import type { VisitStatus } from './visit-request.js';

/** A seat as the API shows it. `joinUrl` is null once its link is revoked. */
export interface ParticipantView {
  id: string;
  displayName: string;
  email: string | null;
  role: Participant['role'];
  externalId: string | null;
  joinUrl: string | null;
  joinedAt: string | null;
  leftAt: string | null;
  /** The Webex guest behind this seat (persistentGuests). */
  guestId: string | null;
  /** Only in the answer that created the guest token; never stored. */
  guestToken?: { accessToken: string; expiresIn: number };
}

export interface VisitView {
  id: string;
  orgId: string;
  status: VisitStatus;
  title: string;
  start: string;
  end: string;
  durationMinutes: number;
  hostless: boolean;
  space: boolean;
  adhoc: boolean;
  persistentGuests: boolean;
  externalId: string | null;
  meeting: { id: string | null; meetingNumber: string | null; webLink: string | null; siteUrl: string | null; state: string | null };
  roomId: string | null;
  capacityWarning: string | null;
  /** The org's license use right now (single-visit answers only). */
  capacity?: { licensed?: number; inProgress: number };
  participants: ParticipantView[];
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function joinUrlFor(publicUrl: string, code: string): string {
  return `${publicUrl}/j/${code}`;
}

/** Builds the API view; joinUrls are re-derived from each live link's nonce (the code is never stored). */
export function toVisitView(
  visit: Visit,
  participants: Pick<Participant, 'id' | 'visitId' | 'displayName' | 'email' | 'role' | 'externalId' | 'joinedAt' | 'leftAt' | 'guestId'>[],
  links: Pick<VisitLink, 'participantId' | 'keyId' | 'nonce' | 'revokedAt'>[],
  ctx: { publicUrl: string; joinCodeKeys: JoinCodeKey[] },
): VisitView {
  const linkBySeat = new Map(links.filter((l) => l.revokedAt === null).map((l) => [l.participantId, l]));
  return {
    id: visit.id,
    orgId: visit.orgId,
    // A reservation is never shown (callers answer 404 for it first).
    status: visit.status as VisitStatus,
    title: visit.title,
    start: new Date(visit.startAt).toISOString(),
    end: new Date(visit.endAt).toISOString(),
    durationMinutes: visit.durationMinutes,
    hostless: visit.hostless,
    space: visit.space,
    adhoc: visit.adhoc,
    persistentGuests: visit.persistentGuests,
    externalId: visit.externalId,
    meeting: {
      id: visit.meetingId,
      meetingNumber: visit.meetingNumber,
      webLink: visit.webLink,
      siteUrl: visit.siteUrl,
      state: visit.meetingState,
    },
    roomId: visit.roomId,
    capacityWarning: visit.capacityWarning,
    participants: participants
      .filter((p) => p.visitId === visit.id)
      .map((p) => {
        const link = linkBySeat.get(p.id);
        const key = link && ctx.joinCodeKeys.find((k) => k.id === link.keyId);
        return {
          id: p.id,
          displayName: p.displayName,
          email: p.email,
          role: p.role,
          externalId: p.externalId,
          // A link whose key was retired can no longer be shown (or opened): re-issue it.
          joinUrl: link && key ? joinUrlFor(ctx.publicUrl, deriveJoinCode(key, link.nonce)) : null,
          joinedAt: iso(p.joinedAt),
          leftAt: iso(p.leftAt),
          guestId: p.guestId,
        };
      }),
    createdAt: new Date(visit.createdAt).toISOString(),
    startedAt: iso(visit.startedAt),
    endedAt: iso(visit.endedAt),
  };
}

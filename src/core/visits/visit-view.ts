import type { VisitLinkRow } from '../../store/visit-link-store.js';
import type { ParticipantRow, VisitRow } from '../../store/visit-store.js';
import { deriveJoinCode, type JoinCodeKey } from '../broker/join-code.js';
import type { SeatRole, VisitStatus } from './visit-request.js';

/** A seat as the API shows it. `joinUrl` is null once its link is revoked. */
export interface ParticipantView {
  id: string;
  displayName: string;
  email: string | null;
  role: SeatRole;
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
  visit: VisitRow,
  participants: ParticipantRow[],
  links: VisitLinkRow[],
  ctx: { publicUrl: string; joinCodeKeys: JoinCodeKey[] },
): VisitView {
  const linkBySeat = new Map(links.filter((l) => l.revoked_at === null).map((l) => [l.participant_id, l]));
  return {
    id: visit.id,
    orgId: visit.org_id,
    status: visit.status as VisitStatus,
    title: visit.title,
    start: new Date(visit.start_at).toISOString(),
    end: new Date(visit.end_at).toISOString(),
    durationMinutes: visit.duration_minutes,
    hostless: visit.hostless === 1,
    space: visit.space === 1,
    adhoc: visit.adhoc === 1,
    persistentGuests: visit.persistent_guests === 1,
    externalId: visit.external_id,
    meeting: {
      id: visit.meeting_id,
      meetingNumber: visit.meeting_number,
      webLink: visit.web_link,
      siteUrl: visit.site_url,
      state: visit.meeting_state,
    },
    roomId: visit.room_id,
    capacityWarning: visit.capacity_warning,
    participants: participants
      .filter((p) => p.visit_id === visit.id)
      .map((p) => {
        const link = linkBySeat.get(p.id);
        const key = link && ctx.joinCodeKeys.find((k) => k.id === link.key_id);
        return {
          id: p.id,
          displayName: p.display_name,
          email: p.email,
          role: p.role as SeatRole,
          externalId: p.external_id,
          // A link whose key was retired can no longer be shown (or opened): re-issue it.
          joinUrl: link && key ? joinUrlFor(ctx.publicUrl, deriveJoinCode(key, link.nonce)) : null,
          joinedAt: iso(p.joined_at),
          leftAt: iso(p.left_at),
          guestId: p.guest_id,
        };
      }),
    createdAt: new Date(visit.created_at).toISOString(),
    startedAt: iso(visit.started_at),
    endedAt: iso(visit.ended_at),
  };
}

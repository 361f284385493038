import type { Logger } from '../../logger.js';
import type { Meeting, WebexClient } from '../../webex/index.js';
import type { JoinCodeKey } from '../broker/join-code.js';
import type { Clock } from '../clock.js';
import type { EventRecorder } from '../events-out/pending-event.js';
import type { CapacityStore } from './capacity-store.js';
import type { GuestStore } from './guest-store.js';
import type { LinkStore } from './link-store.js';
import type { MediaStore } from './media-store.js';
import type { MeetingVisitStore } from './meeting-visit-store.js';
import type { ReservationStore } from './reservation-store.js';
import type { SeatStore } from './seat-store.js';
import type { VisitStore } from './visit-store.js';
import type { VisitEventHub } from './visit-events.js';
import type { OwnMeetingEchoes } from '../webhooks/own-meeting-echoes.js';

/** The meeting fields visits read back from Webex. */
export type WebexMeetingLike = Meeting;

/**
 * The part of the Webex client (src/webex) visits use: named here so the dependency is visible and small
 * (docs/contributing.md §6); `webexForOrg` hands in the real client, whose token source is the org's vault.
 */
export type VisitWebex = Pick<WebexClient, 'meetings' | 'guests' | 'rooms' | 'memberships' | 'recordings' | 'meetingTranscripts'>;

/** What visits need from the orgs part: is the org usable, and where does it schedule. */
export interface OrgGate {
  requireReady(orgId: string): Promise<{ id: string; siteUrl?: string | null | undefined }>;
}

/** The caller, as the API key resolved it. */
export interface VisitTenant {
  id: string;
  orgIds: string[];
}

/** The store ports of the visits part; `src/store` implements them, `createG2G` hands them in. */
export interface VisitStores {
  visitStore: VisitStore;
  reservationStore: ReservationStore;
  meetingVisitStore: MeetingVisitStore;
  seatStore: SeatStore;
  linkStore: LinkStore;
  guestStore: GuestStore;
  capacityStore: CapacityStore;
  mediaStore: MediaStore;
}

export interface VisitDeps extends VisitStores {
  clock: Clock;
  log: Logger;
  orgs: OrgGate;
  webexForOrg(orgId: string): VisitWebex;
  /** g2g's public base URL, no trailing slash: joinUrl = `${publicUrl}/j/${code}`. */
  publicUrl: string;
  /** The first issues new codes; all derive old ones (rotation keeps links alive). */
  joinCodeKeys: JoinCodeKey[];
  joinBeforeHostMinutes: 0 | 5 | 10 | 15;
  linkTtlMinutes: number;
  events: VisitEventHub;
  /** Set when outbound events are on (G2G_EVENTS_URL): state changes store their events in their own transaction. */
  outbox?: EventRecorder | undefined;
  /** Told of each meeting created, so its meetings:created webhook echo is answered without a write. */
  ownMeetingEchoes?: Pick<OwnMeetingEchoes, 'remember'>;
}

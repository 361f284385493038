import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { Database } from '../../store/schema.js';
import type { JoinCodeKey } from '../broker/join-code.js';
import type { Clock } from '../clock.js';
import type { PlannedMeetingBody } from './plan-visit.js';
import type { VisitEventHub } from './visit-events.js';

/** The meeting fields visits read back from Webex. */
export interface WebexMeetingLike {
  id: string;
  meetingNumber?: string | undefined;
  webLink?: string | undefined;
  siteUrl?: string | undefined;
  state?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  meetingSeriesId?: string | undefined;
}

type CallOpts = { signal?: AbortSignal };

/**
 * The part of the Webex client (src/webex) visits use: a seam owned by its consumer (STYLE.md 6), so
 * the real client fits structurally and tests read what visits need at a glance.
 */
export interface VisitWebex {
  meetings: {
    create(body: PlannedMeetingBody, opts?: CallOpts): Promise<WebexMeetingLike>;
    patch(id: string, body: { title?: string; start?: string; end?: string }, opts?: CallOpts): Promise<WebexMeetingLike>;
    delete(id: string, query?: { sendEmail?: boolean }, opts?: CallOpts): Promise<unknown>;
    join(
      body: { meetingId: string; joinDirectly: false; email: string; displayName: string; expirationMinutes: number },
      opts?: CallOpts,
    ): Promise<{ joinLink: string; startLink?: string | undefined }>;
    list(query: { integrationTag: string; from?: string; to?: string; meetingType?: 'meetingSeries' }, opts?: CallOpts): AsyncIterable<WebexMeetingLike>;
  };
  guests: {
    createToken(body: { subject: string; displayName: string }, opts?: CallOpts): Promise<{ id: string; email: string; accessToken: string; expiresIn: number }>;
  };
  rooms: {
    create(body: { title: string }, opts?: CallOpts): Promise<{ id: string }>;
    delete(id: string, opts?: CallOpts): Promise<unknown>;
  };
  memberships: {
    create(body: { roomId: string; personId?: string; personEmail?: string }, opts?: CallOpts): Promise<unknown>;
  };
}

/** What visits need from the orgs part: is the org usable, and where does it schedule. */
export interface OrgGate {
  requireReady(orgId: string): Promise<{ id: string; siteUrl?: string | null | undefined }>;
}

/** The caller, as the API key resolved it. */
export interface VisitTenant {
  id: string;
  orgIds: string[];
}

export interface VisitDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  orgs: OrgGate;
  webexForOrg(orgId: string): VisitWebex;
  /** g2g's public base URL, no trailing slash: joinUrl = `${publicUrl}/j/${code}`. */
  publicUrl: string;
  /** The first issues new codes; all derive old ones (rotation keeps links alive). */
  joinCodeKeys: JoinCodeKey[];
  joinBeforeHostMinutes: number;
  linkTtlMinutes: number;
  events: VisitEventHub;
}

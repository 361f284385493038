import { z } from 'zod';
import { SEAT_ROLES, VISIT_STATUSES } from '../core/visits/visit-request.js';

/** Response schemas: they document the API at /docs and stop any field that is not listed from leaking out. */
export const participantViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(SEAT_ROLES),
  externalId: z.string().nullable(),
  joinUrl: z.string().nullable().describe("g2g's join link: opening it mints a fresh Webex link. Null once revoked."),
  joinedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  guestId: z.string().nullable(),
  guestToken: z
    .object({ accessToken: z.string(), expiresIn: z.number() })
    .optional()
    .describe('Persistent guests only, and only in the answer that created it: g2g does not keep it'),
});

export const visitViewSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.enum(VISIT_STATUSES),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  durationMinutes: z.number(),
  hostless: z.boolean(),
  space: z.boolean(),
  adhoc: z.boolean(),
  persistentGuests: z.boolean(),
  externalId: z.string().nullable(),
  meeting: z.object({
    id: z.string().nullable(),
    meetingNumber: z.string().nullable(),
    webLink: z.string().nullable(),
    siteUrl: z.string().nullable(),
    state: z.string().nullable(),
  }),
  roomId: z.string().nullable(),
  capacityWarning: z.string().nullable().describe('Set when overlapping visits exceed the known concurrent-meeting license'),
  capacity: z.object({ licensed: z.number().optional(), inProgress: z.number() }).optional(),
  participants: z.array(participantViewSchema),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const visitPageSchema = z.object({ items: z.array(visitViewSchema), nextCursor: z.string().nullable() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    trackingId: z.string().optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

export const capacitySchema = z.object({
  orgId: z.string(),
  licensed: z.number().nullable().describe("The org's concurrent-meeting license as recorded; null when unknown (nobody is held back then)"),
  inProgress: z.number().describe('Meetings of the org in progress, counted by meeting from Webex events'),
  starting: z.number().describe('Joins let through in the last minute to start a meeting whose start is not seen yet; each will take a license'),
  available: z.number().nullable().describe('Licenses free for a new meeting start (licensed - inProgress - starting); null when the license is unknown'),
});

export const recordingListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string().describe('The Webex recording id'),
        createdAt: z.string().describe('ISO 8601, when Webex made the recording'),
        durationSeconds: z.number(),
        format: z.string().describe('MP4, ARF or UPLOADED'),
        playbackUrl: z.string().describe('Current Webex playback link (read from Webex now; g2g never stores it)'),
        downloadUrl: z.string().describe('Current Webex download link (read from Webex now; g2g never stores it)'),
      }),
    ),
  })
  .describe("A visit's recordings, fresh from Webex");

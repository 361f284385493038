import { z } from 'zod';
import { participantRequestSchema, SEAT_ROLES, visitPatchSchema, visitRequestSchema, VISIT_STATUSES } from '../core/visits/visit-request.js';

/**
 * Request bodies as named components (`...Input` in the document), each with an example the sandbox (the emulator
 * behind `g2g start`) accepts as is; openapi-client.test.ts sends every one of them.
 */
export const newVisitSchema = visitRequestSchema.meta({
  id: 'NewVisit',
  example: {
    title: 'Video consultation',
    durationMinutes: 30,
    participants: [{ displayName: 'Dr. Ada Lovelace', externalId: 'expert-17' }, { displayName: 'Sam Carter', email: 'sam@example.com' }],
    externalId: 'booking-4711',
  },
});

export const visitChangesSchema = visitPatchSchema.meta({ id: 'VisitChanges', description: 'What to change (at least one field)', example: { title: 'Follow-up consultation', durationMinutes: 45 } });

export const newParticipantSchema = participantRequestSchema.meta({ id: 'NewParticipant', example: { displayName: 'Alex Carter', email: 'alex@example.com', role: 'guest' } });

export const licensedCapacitySchema = z
  .strictObject({ licensed: z.number().int('must be a whole number').min(1, 'at least 1').max(100_000).describe('Meetings the org may run at once') })
  .meta({ id: 'LicensedCapacity', example: { licensed: 10 } });

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
}).meta({ id: 'Participant', description: 'A seat of a visit and its join link' });

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
}).meta({ id: 'Visit', description: 'A Webex meeting with its seats and join links' });

export const visitPageSchema = z
  .object({ items: z.array(visitViewSchema), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') })
  .meta({ id: 'VisitPage' });

export const capacitySchema = z.object({
  orgId: z.string(),
  licensed: z.number().nullable().describe("The org's concurrent-meeting license as recorded; null when unknown (nobody is held back then)"),
  inProgress: z.number().describe('Meetings of the org in progress, counted by meeting from Webex events'),
  starting: z.number().describe('Joins let through in the last minute to start a meeting whose start is not seen yet; each will take a license'),
  available: z.number().nullable().describe('Licenses free for a new meeting start (licensed - inProgress - starting); null when the license is unknown'),
}).meta({ id: 'Capacity' });

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
  .meta({ id: 'RecordingList', description: "A visit's recordings, fresh from Webex" });

import { z } from 'zod';

/** Seat roles: `host` gets a start link at click time, `cohost` is a Webex invitee with coHost, `guest` joins. */
export const SEAT_ROLES = ['host', 'cohost', 'guest'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

/** Webex caps a guest-to-guest meeting at 400 participants (docs/guest-to-guest.md). */
export const MAX_PARTICIPANTS = 400;

export const participantRequestSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, 'must not be empty').max(128, 'at most 128 characters (Webex limit)'),
    email: z.email('must be an e-mail address').max(254).optional(),
    role: z.enum(SEAT_ROLES, `must be one of ${SEAT_ROLES.join(', ')}`).optional(),
    /** A stable id of the person in the caller's system; used as the persistent guest subject. */
    externalId: z.string().min(1).max(128).optional(),
  })
  .describe('A seat: who joins and how');
export type ParticipantRequest = z.infer<typeof participantRequestSchema>;

export const visitRequestSchema = z
  .strictObject({
    orgId: z.string().min(1).max(256).optional().describe('Optional when the API key has exactly one org'),
    title: z.string().trim().min(1, 'must not be empty').max(128, 'at most 128 characters (Webex limit)'),
    start: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional().describe('Default: now'),
    durationMinutes: z
      .number()
      .int('must be a whole number of minutes')
      .min(10, 'at least 10 minutes (Webex limit)')
      .max(1439, 'at most 1439 minutes (Webex limit: 23 h 59 min)')
      .optional()
      .describe('Default 30'),
    hostless: z.boolean().optional().describe('Default: true when no participant has role host'),
    participants: z
      .array(participantRequestSchema)
      .min(1, 'at least one participant')
      .max(MAX_PARTICIPANTS, `at most ${MAX_PARTICIPANTS} participants per meeting (Webex limit)`),
    space: z.boolean().optional(),
    persistentGuests: z.boolean().optional(),
    adhoc: z.boolean().optional().describe('Start an ad-hoc meeting in a space (implies space)'),
    externalId: z.string().min(1).max(128).optional(),
    record: z
      .boolean()
      .optional()
      .describe('Default false. Webex records the meeting (and transcribes it); list with GET /api/v1/visits/{id}/recordings and /transcript'),
  })
  .describe('A visit to schedule');
export type VisitRequest = z.infer<typeof visitRequestSchema>;

export const visitPatchSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(128, 'at most 128 characters (Webex limit)').optional(),
    start: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
    durationMinutes: z.number().int().min(10, 'at least 10 minutes (Webex limit)').max(1439, 'at most 1439 minutes').optional(),
  })
  .refine((b) => b.title !== undefined || b.start !== undefined || b.durationMinutes !== undefined, {
    message: 'give at least one of title, start, durationMinutes',
  });
export type VisitPatch = z.infer<typeof visitPatchSchema>;

export const VISIT_STATUSES = ['scheduled', 'in_progress', 'ended', 'cancelled', 'missed'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** `creating` is a reservation, never shown to callers. */
export type StoredVisitStatus = VisitStatus | 'creating';

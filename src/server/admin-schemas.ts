import { z } from 'zod';
import { OUTBOX_STATUSES } from '../core/events-out/outbox-store.js';
import { USAGE_GRANULARITIES } from '../core/usage/compute-usage.js';
import { preflightSchema } from './org-routes.js';
import { visitViewSchema } from './visit-schemas.js';

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const operatorVisitSchema = visitViewSchema.extend({ tenantId: z.string().describe('The tenant whose visit it is') }).meta({ id: 'OperatorVisit' });
export const operatorVisitPageSchema = z
  .object({ items: z.array(operatorVisitSchema), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') })
  .meta({ id: 'OperatorVisitPage' });

export const orgFixSchema = z
  .object({ applied: z.array(z.string()).describe('What g2g changed through the Webex API'), preflight: preflightSchema })
  .meta({ id: 'OrgFix' });

export const outboundEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('Why the last delivery failed (HTTP status or network error)'),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable().describe('When the next attempt is due (pending and failed only)'),
    deliveredAt: z.string().nullable(),
    body: z.unknown().describe('The JSON body g2g POSTs to G2G_EVENTS_URL'),
  })
  .meta({ id: 'OutboundEvent' });
export const outboundEventListSchema = z.object({ items: z.array(outboundEventSchema) }).meta({ id: 'OutboundEventList' });

export const eventListQuerySchema = z.strictObject({
  status: z
    .string()
    .regex(new RegExp(`^(${OUTBOX_STATUSES.join('|')})(,(${OUTBOX_STATUSES.join('|')}))*$`), `must be a comma list of ${OUTBOX_STATUSES.join(', ')}`)
    .optional()
    .describe('Comma list, e.g. failed,dead'),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const replayRangeSchema = z
  .strictObject({
    from: isoDateTime,
    to: isoDateTime,
    statuses: z.array(z.enum(['failed', 'dead', 'delivered'])).min(1).optional().describe('Default: failed and dead'),
  })
  .meta({ id: 'ReplayRange', example: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' } });
export const replayResultSchema = z.object({ replayed: z.array(z.string()).describe('Ids of the events put back in the queue') }).meta({ id: 'ReplayResult' });

export const tenantListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgIds: z.array(z.string()), createdAt: z.string() })) })
  .meta({ id: 'TenantList' });

export const apiKeySchema = z
  .object({
    id: z.string().describe('The key id (the part after g2g_); the secret is never shown again'),
    tenantId: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    status: z.enum(['active', 'revoked', 'expired']),
  })
  .meta({ id: 'ApiKey' });
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) }).meta({ id: 'ApiKeyList' });

export const newApiKeySchema = z
  .strictObject({
    tenantName: z.string().min(1).max(100).describe('Created when new; an existing tenant gets another key'),
    orgIds: z.array(z.string().min(1).max(512)).max(100).default([]).describe('Orgs the tenant may use: each must have authorized the Service App'),
    expiresAt: isoDateTime.optional().describe('When the key stops working; default never'),
  })
  .meta({ id: 'NewApiKey', example: { tenantName: 'clinic', orgIds: ['Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9hY21l'] } });
export const createdApiKeySchema = z
  .object({ tenantId: z.string(), keyId: z.string(), apiKey: z.string().describe('Shown once: send it as Authorization: Bearer <key>') })
  .meta({ id: 'CreatedApiKey' });

export const usageQuerySchema = z.strictObject({
  from: isoDateTime.optional().describe('Default: 7 days before `to`'),
  to: isoDateTime.optional().describe('Default: now'),
  granularity: z.enum(USAGE_GRANULARITIES, `must be one of ${USAGE_GRANULARITIES.join(', ')}`).optional().describe('Default: day'),
  format: z.enum(['json', 'csv'], 'must be one of json, csv').optional().describe('csv: the same as Accept: text/csv'),
});

const usageFigures = {
  meetings: z.number().int().describe('Meetings that started in the period'),
  meetingMinutes: z.number().describe('Minutes meetings ran inside the period'),
  participants: z.number().int().describe('Joins in the period'),
  uniqueGuests: z.number().int().describe('Different people among those joins'),
  peakConcurrent: z.number().int().describe('Most meetings in progress at once'),
  deferredClicks: z.number().int().describe('Join clicks held back because every license was in use'),
  totalWaitSeconds: z.number().describe('Seconds held-back guests waited, summed'),
  p95WaitSeconds: z.number().describe('95th percentile of those waits'),
};

export const usageReportSchema = z
  .object({
    orgId: z.string(),
    from: z.string(),
    to: z.string(),
    granularity: z.enum(USAGE_GRANULARITIES),
    licensed: z.number().int().nullable().describe("The org's concurrent-meeting license as recorded; null when unknown"),
    totals: z.object(usageFigures),
    buckets: z.array(z.object({ start: z.string(), end: z.string(), ...usageFigures })),
    licenceNeeded: z
      .object({ licensed: z.number().int(), busiestHour: z.string().nullable() })
      .describe('The license that would have served the busiest hour with nobody held back'),
  })
  .meta({ id: 'UsageReport' });

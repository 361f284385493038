import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Visits } from '../core/visits/create-visits.js';
import { VISIT_STATUSES } from '../core/visits/visit-request.js';
import { API_KEY_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';
import { requestTenant } from './request-tenant.js';
import { WEBEX_RATE_LIMIT_DOCS } from './response-headers.js';
import {
  capacitySchema,
  licensedCapacitySchema,
  newParticipantSchema,
  newVisitSchema,
  participantViewSchema,
  recordingListSchema,
  visitChangesSchema,
  visitPageSchema,
  visitViewSchema,
} from './visit-schemas.js';

export interface VisitRoutesOptions {
  visits: Visits;
}

const visitParams = z.object({ id: z.string().min(1).max(64) });
const seatParams = z.object({ id: z.string().min(1).max(64), participantId: z.string().min(1).max(64) });
const security = API_KEY_SECURITY;
const orgParams = z.object({ id: z.string().min(1).max(256) });

// What each kind of route answers besides its success (read from the handlers, core and error-handler.ts):
// every route 401 (api-key-auth) and 500; 400 when a param, query or body can be invalid; 413/415 wherever a body
// may be sent (1 MiB limit, JSON only); Webex-calling routes 409 (org not usable), 429 (Webex rate limit),
// 502 (Webex failed) and 503 (no token right now).
const READ = [400, 401, 404, 500] as const;
const WRITE = [400, 401, 404, 413, 415, 500] as const;
const WEBEX_READ = [400, 401, 404, 409, 429, 500, 502, 503] as const;
const WEBEX_WRITE = [400, 401, 404, 409, 413, 415, 429, 500, 502, 503] as const;

/**
 * `/api/v1/visits`: schedule, read, list, reschedule, cancel, add seats, revoke and re-issue links.
 * Mount it where the API key auth hook runs (it reads `request.tenant`).
 */
export const visitRoutes: FastifyPluginAsync<VisitRoutesOptions> = async (plain, { visits }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/visits',
    {
      schema: {
        operationId: 'createVisit',
        tags: ['visits'],
        summary: 'Schedule a visit (a Webex meeting with seats and join links)',
        description:
          'Makes exactly one Webex call in the plain case. The same Idempotency-Key or externalId never makes a second meeting: ' +
          'the same body answers 200 with the same visit, another body 409 idempotency_conflict.',
        security,
        headers: z.looseObject({ 'idempotency-key': z.string().min(1).max(255).optional().describe('Any unique string: a retry with it never makes a second meeting') }),
        body: newVisitSchema,
        response: { 201: visitViewSchema, 200: visitViewSchema, ...problemResponses(WEBEX_WRITE) },
        responseDocs: {
          ...WEBEX_RATE_LIMIT_DOCS,
          201: { description: 'Scheduled', headers: { location: { type: 'string', description: 'The visit: /api/v1/visits/{id}' } } },
          200: {
            description: 'Already scheduled with this Idempotency-Key or externalId and the same body: the same visit',
            headers: { location: { type: 'string', description: 'The visit: /api/v1/visits/{id}' } },
          },
          404: { description: 'orgId names no org of this API key' },
        },
      },
    },
    async (request, reply) => {
      const tenant = requestTenant(request);
      const { visit, created } = await visits.schedule(tenant, request.body, { idempotencyKey: request.headers['idempotency-key'] });
      return reply.code(created ? 201 : 200).header('location', `/api/v1/visits/${visit.id}`).header('cache-control', 'no-store').send(visit);
    },
  );

  app.get(
    '/api/v1/visits',
    {
      schema: {
        operationId: 'listVisits',
        tags: ['visits'],
        summary: 'List visits by start time (filters, keyset pagination with nextCursor)',
        security,
        querystring: z.strictObject({
          status: z.enum(VISIT_STATUSES).optional(),
          externalId: z.string().min(1).max(128).optional(),
          orgId: z.string().min(1).max(256).optional(),
          from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
          to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
          cursor: z.string().min(1).max(512).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: visitPageSchema, ...problemResponses([400, 401, 500]) },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.list(requestTenant(request), request.query)),
  );

  app.get(
    '/api/v1/visits/:id',
    { schema: { operationId: 'getVisit', tags: ['visits'], summary: 'Read a visit', security, params: visitParams, response: { 200: visitViewSchema, ...problemResponses(READ) } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.get(requestTenant(request), request.params.id)),
  );

  app.get(
    '/api/v1/visits/:id/recordings',
    {
      schema: {
        operationId: 'listVisitRecordings',
        tags: ['visits'],
        summary: "A visit's recordings (visits scheduled with record: true), with playback and download links read from Webex now",
        description: 'Links and passwords are never stored by g2g: each call asks Webex, so the links are current. Empty until Webex made a recording.',
        security,
        params: visitParams,
        response: { 200: recordingListSchema, ...problemResponses(WEBEX_READ) },
        responseDocs: WEBEX_RATE_LIMIT_DOCS,
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send({ items: await visits.recordings(requestTenant(request), request.params.id) }),
  );

  app.get(
    '/api/v1/visits/:id/transcript',
    {
      schema: {
        operationId: 'getVisitTranscript',
        tags: ['visits'],
        summary: "A visit's transcript text from Webex: WebVTT (text/vtt, default) or plain text (format=txt); 404 until Webex made one",
        security,
        params: visitParams,
        querystring: z.strictObject({ format: z.enum(['vtt', 'txt'], 'must be one of vtt, txt').optional() }),
        response: {
          200: { description: 'The transcript', content: { 'text/vtt': { schema: z.string() }, 'text/plain': { schema: z.string() } } },
          ...problemResponses(WEBEX_READ),
        },
        responseDocs: { ...WEBEX_RATE_LIMIT_DOCS, 404: { description: 'No such visit, or Webex has made no transcript of it (yet)' } },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'vtt';
      const text = await visits.transcript(requestTenant(request), request.params.id, format);
      return reply
        .header('cache-control', 'no-store')
        .type(format === 'vtt' ? 'text/vtt; charset=utf-8' : 'text/plain; charset=utf-8')
        .serializer((payload) => payload as string)
        .send(text);
    },
  );

  app.patch(
    '/api/v1/visits/:id',
    {
      schema: {
        operationId: 'rescheduleVisit',
        tags: ['visits'],
        summary: 'Reschedule a visit (title, start, duration); refused with 409 once it started',
        security,
        params: visitParams,
        body: visitChangesSchema,
        response: { 200: visitViewSchema, ...problemResponses(WEBEX_WRITE) },
        responseDocs: WEBEX_RATE_LIMIT_DOCS,
      },
    },
    async (request) => visits.reschedule(requestTenant(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/visits/:id',
    {
      schema: {
        operationId: 'cancelVisit',
        tags: ['visits'],
        summary: 'Cancel a visit: deletes the Webex meeting; its join links then show a "cancelled" page',
        security,
        params: visitParams,
        response: { 200: visitViewSchema, ...problemResponses(WEBEX_WRITE) },
        responseDocs: WEBEX_RATE_LIMIT_DOCS,
      },
    },
    async (request) => visits.cancel(requestTenant(request), request.params.id),
  );

  app.post(
    '/api/v1/visits/:id/participants',
    {
      schema: {
        operationId: 'addParticipant',
        tags: ['visits'],
        summary: 'Add a seat (host or guest) to a visit',
        security,
        params: visitParams,
        body: newParticipantSchema,
        response: { 201: participantViewSchema, ...problemResponses(WEBEX_WRITE) },
        responseDocs: WEBEX_RATE_LIMIT_DOCS,
      },
    },
    async (request, reply) => reply.code(201).send(await visits.addParticipant(requestTenant(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/visits/:id/participants/:participantId/link',
    {
      schema: {
        operationId: 'reissueParticipantLink',
        tags: ['visits'],
        summary: "Re-issue a seat's join link: a new joinUrl, the old one stops working",
        security,
        params: seatParams,
        response: { 200: participantViewSchema, ...problemResponses(WRITE) },
      },
    },
    async (request) => visits.reissueLink(requestTenant(request), request.params.id, request.params.participantId),
  );

  app.delete(
    '/api/v1/visits/:id/participants/:participantId/link',
    {
      schema: {
        operationId: 'revokeParticipantLink',
        tags: ['visits'],
        summary: "Revoke a seat's join link (re-issue to give a new one)",
        security,
        params: seatParams,
        response: { 200: participantViewSchema, ...problemResponses(WRITE) },
      },
    },
    async (request) => visits.revokeLink(requestTenant(request), request.params.id, request.params.participantId),
  );

  app.get(
    '/api/v1/orgs/:id/capacity',
    {
      schema: {
        operationId: 'getOrgCapacity',
        tags: ['orgs'],
        summary: "An org's license, meetings in progress (from Webex events) and licenses available for a new start",
        security,
        params: orgParams,
        response: { 200: capacitySchema, ...problemResponses(READ) },
      },
    },
    async (request) => visits.capacity(requestTenant(request), request.params.id),
  );

  app.put(
    '/api/v1/orgs/:id/capacity',
    {
      schema: {
        operationId: 'setOrgCapacity',
        tags: ['orgs'],
        summary: "Record the org's concurrent-meeting license (Webex has no API for it); used for capacityWarning and the join-time governor",
        security,
        params: orgParams,
        body: licensedCapacitySchema,
        response: { 200: capacitySchema, ...problemResponses(WRITE) },
      },
    },
    async (request) => {
      const tenant = requestTenant(request);
      await visits.setLicensedCapacity(tenant, request.params.id, request.body.licensed);
      return visits.capacity(tenant, request.params.id);
    },
  );
};

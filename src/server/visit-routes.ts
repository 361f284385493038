import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Visits } from '../core/visits/create-visits.js';
import { participantRequestSchema, visitPatchSchema, visitRequestSchema, VISIT_STATUSES } from '../core/visits/visit-request.js';
import { requestTenant } from './request-tenant.js';
import { capacitySchema, participantViewSchema, problemSchema, recordingListSchema, visitPageSchema, visitViewSchema } from './visit-schemas.js';

export interface VisitRoutesOptions {
  visits: Visits;
}

const visitParams = z.object({ id: z.string().min(1).max(64) });
const seatParams = z.object({ id: z.string().min(1).max(64), participantId: z.string().min(1).max(64) });
const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema, 502: problemSchema };
const security = [{ apiKey: [] }];

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
        tags: ['visits'],
        summary: 'Schedule a visit (a Webex meeting with seats and join links)',
        description:
          'Makes exactly one Webex call in the plain case. The same Idempotency-Key or externalId never makes a second meeting: ' +
          'the same body answers 200 with the same visit, another body 409 idempotency_conflict.',
        security,
        headers: z.looseObject({ 'idempotency-key': z.string().min(1).max(255).optional() }),
        body: visitRequestSchema,
        response: { 201: visitViewSchema, 200: visitViewSchema, ...errors },
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
        response: { 200: visitPageSchema, ...errors },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.list(requestTenant(request), request.query)),
  );

  app.get(
    '/api/v1/visits/:id',
    { schema: { tags: ['visits'], summary: 'Read a visit', security, params: visitParams, response: { 200: visitViewSchema, ...errors } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.get(requestTenant(request), request.params.id)),
  );

  app.get(
    '/api/v1/visits/:id/recordings',
    {
      schema: {
        tags: ['visits'],
        summary: "A visit's recordings (visits scheduled with record: true), with playback and download links read from Webex now",
        description: 'Links and passwords are never stored by g2g: each call asks Webex, so the links are current. Empty until Webex made a recording.',
        security,
        params: visitParams,
        response: { 200: recordingListSchema, ...errors },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send({ items: await visits.recordings(requestTenant(request), request.params.id) }),
  );

  app.get(
    '/api/v1/visits/:id/transcript',
    {
      schema: {
        tags: ['visits'],
        summary: "A visit's transcript text from Webex: WebVTT (text/vtt, default) or plain text (format=txt); 404 until Webex made one",
        security,
        params: visitParams,
        querystring: z.strictObject({ format: z.enum(['vtt', 'txt'], 'must be one of vtt, txt').optional() }),
        produces: ['text/vtt', 'text/plain', 'application/problem+json'],
        response: { 200: z.string().describe('The transcript (text/vtt or text/plain)'), ...errors },
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
        tags: ['visits'],
        summary: 'Reschedule a visit (title, start, duration); refused with 409 once it started',
        security,
        params: visitParams,
        body: visitPatchSchema,
        response: { 200: visitViewSchema, ...errors },
      },
    },
    async (request) => visits.reschedule(requestTenant(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/visits/:id',
    {
      schema: {
        tags: ['visits'],
        summary: 'Cancel a visit: deletes the Webex meeting; its join links then show a "cancelled" page',
        security,
        params: visitParams,
        response: { 200: visitViewSchema, ...errors },
      },
    },
    async (request) => visits.cancel(requestTenant(request), request.params.id),
  );

  app.post(
    '/api/v1/visits/:id/participants',
    {
      schema: {
        tags: ['visits'],
        summary: 'Add a seat (host or guest) to a visit',
        security,
        params: visitParams,
        body: participantRequestSchema,
        response: { 201: participantViewSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await visits.addParticipant(requestTenant(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/visits/:id/participants/:participantId/link',
    {
      schema: {
        tags: ['visits'],
        summary: "Re-issue a seat's join link: a new joinUrl, the old one stops working",
        security,
        params: seatParams,
        response: { 200: participantViewSchema, ...errors },
      },
    },
    async (request) => visits.reissueLink(requestTenant(request), request.params.id, request.params.participantId),
  );

  app.delete(
    '/api/v1/visits/:id/participants/:participantId/link',
    {
      schema: {
        tags: ['visits'],
        summary: "Revoke a seat's join link (re-issue to give a new one)",
        security,
        params: seatParams,
        response: { 200: participantViewSchema, ...errors },
      },
    },
    async (request) => visits.revokeLink(requestTenant(request), request.params.id, request.params.participantId),
  );

  app.get(
    '/api/v1/orgs/:id/capacity',
    {
      schema: {
        tags: ['visits'],
        summary: "An org's license, meetings in progress (from Webex events) and licenses available for a new start",
        security,
        params: visitParams.extend({ id: z.string().min(1).max(256) }),
        response: { 200: capacitySchema, ...errors },
      },
    },
    async (request) => visits.capacity(requestTenant(request), request.params.id),
  );

  app.put(
    '/api/v1/orgs/:id/capacity',
    {
      schema: {
        tags: ['visits'],
        summary: "Record the org's concurrent-meeting license (Webex has no API for it); used for capacityWarning and the join-time governor",
        security,
        params: z.object({ id: z.string().min(1).max(256) }),
        body: z.strictObject({ licensed: z.number().int('must be a whole number').min(1, 'at least 1').max(100_000) }),
        response: { 200: capacitySchema, ...errors },
      },
    },
    async (request) => {
      const tenant = requestTenant(request);
      await visits.setLicensedCapacity(tenant, request.params.id, request.body.licensed);
      return visits.capacity(tenant, request.params.id);
    },
  );
};

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Operator } from '../core/admin/operator.js';
import { VISIT_STATUSES } from '../core/visits/visit-request.js';
import { operatorVisitPageSchema, operatorVisitSchema } from './admin-schemas.js';
import { OPERATOR_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';
import { participantViewSchema, visitChangesSchema } from './visit-schemas.js';

const security = OPERATOR_SECURITY;
const tags = ['admin'];
const visitParams = z.object({ id: z.string().min(1).max(64) });
const seatParams = z.object({ id: z.string().min(1).max(64), participantId: z.string().min(1).max(64) });
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const WEBEX_WRITE = [400, 401, 404, 409, 413, 415, 429, 500, 502, 503] as const;
const WRITE = [400, 401, 404, 500] as const;

/** `/api/v1/admin/visits...`: every tenant's visits, through the same visit service as the tenant API. Mount behind adminAuth. */
export const adminVisitRoutes: FastifyPluginAsync<{ operator: Operator }> = async (plain, { operator }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { visits } = operator;

  app.get(
    '/api/v1/admin/visits',
    {
      schema: {
        operationId: 'adminListVisits',
        tags,
        summary: "Every tenant's visits by start time (filters, keyset pagination with nextCursor)",
        security,
        querystring: z.strictObject({
          tenantId: z.string().min(1).max(64).optional(),
          orgId: z.string().min(1).max(512).optional(),
          status: z.enum(VISIT_STATUSES).optional(),
          externalId: z.string().min(1).max(128).optional(),
          from: isoDateTime.optional(),
          to: isoDateTime.optional(),
          cursor: z.string().min(1).max(512).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: operatorVisitPageSchema, ...problemResponses([400, 401, 500]) },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.list(request.query)),
  );

  app.get(
    '/api/v1/admin/visits/:id',
    { schema: { operationId: 'adminGetVisit', tags, summary: 'Any tenant’s visit', security, params: visitParams, response: { 200: operatorVisitSchema, ...problemResponses([400, 401, 404, 500]) } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await visits.get(request.params.id)),
  );

  app.patch(
    '/api/v1/admin/visits/:id',
    {
      schema: { operationId: 'adminRescheduleVisit', tags, summary: 'Reschedule or retitle a scheduled visit (Webex meeting updated first)', security, params: visitParams, body: visitChangesSchema, response: { 200: operatorVisitSchema, ...problemResponses(WEBEX_WRITE) } },
    },
    async (request) => visits.reschedule(request.params.id, request.body),
  );

  app.delete(
    '/api/v1/admin/visits/:id',
    { schema: { operationId: 'adminCancelVisit', tags, summary: 'Cancel a scheduled visit (its Webex meeting is deleted; links stop working)', security, params: visitParams, response: { 200: operatorVisitSchema, ...problemResponses(WEBEX_WRITE) } } },
    async (request) => visits.cancel(request.params.id),
  );

  app.post(
    '/api/v1/admin/visits/:id/participants/:participantId/link',
    { schema: { operationId: 'adminReissueParticipantLink', tags, summary: "Re-issue a seat's join link: a new joinUrl, the old one stops working", security, params: seatParams, response: { 200: participantViewSchema, ...problemResponses(WRITE) } } },
    async (request) => visits.reissueLink(request.params.id, request.params.participantId),
  );

  app.delete(
    '/api/v1/admin/visits/:id/participants/:participantId/link',
    { schema: { operationId: 'adminRevokeParticipantLink', tags, summary: "Revoke a seat's join link", security, params: seatParams, response: { 200: participantViewSchema, ...problemResponses(WRITE) } } },
    async (request) => visits.revokeLink(request.params.id, request.params.participantId),
  );
};

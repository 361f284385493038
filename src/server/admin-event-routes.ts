import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Operator } from '../core/admin/operator.js';
import type { OutboxStatus } from '../core/events-out/outbox-store.js';
import { eventListQuerySchema, outboundEventListSchema, replayRangeSchema, replayResultSchema } from './admin-schemas.js';
import { OPERATOR_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';

const security = OPERATOR_SECURITY;
const tags = ['admin'];

/** `/api/v1/admin/events...`: outbound event deliveries and their replay. Mount behind adminAuth. */
export const adminEventRoutes: FastifyPluginAsync<{ operator: Operator }> = async (plain, { operator }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { events } = operator;

  app.get(
    '/api/v1/admin/events',
    {
      schema: {
        operationId: 'adminListEvents',
        tags,
        summary: 'Outbound events (to G2G_EVENTS_URL), newest first: status, attempts, last error',
        security,
        querystring: eventListQuerySchema,
        response: { 200: outboundEventListSchema, ...problemResponses([400, 401, 500]) },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        items: await events.list({
          statuses: q.status === undefined ? undefined : (q.status.split(',') as OutboxStatus[]),
          from: q.from === undefined ? undefined : Date.parse(q.from),
          to: q.to === undefined ? undefined : Date.parse(q.to),
          limit: q.limit,
        }),
      };
    },
  );

  app.post(
    '/api/v1/admin/events/:id/replay',
    {
      schema: {
        operationId: 'adminReplayEvent',
        tags,
        summary: 'Deliver one event again (any state but delivering): back in the queue, attempts reset',
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: replayResultSchema, ...problemResponses([400, 401, 404, 409, 500]) },
      },
    },
    async (request) => events.replay({ id: request.params.id }),
  );

  app.post(
    '/api/v1/admin/events/replay',
    {
      schema: {
        operationId: 'adminReplayEvents',
        tags,
        summary: 'Deliver again every failed and dead event created in [from, to)',
        security,
        body: replayRangeSchema,
        response: { 200: replayResultSchema, ...problemResponses([400, 401, 413, 415, 500]) },
      },
    },
    async (request) => events.replay({ from: Date.parse(request.body.from), to: Date.parse(request.body.to), statuses: request.body.statuses }),
  );
};

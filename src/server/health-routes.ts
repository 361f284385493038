import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../store/schema.js';
import { describeError } from '../core/describe-error.js';
import { problemResponses } from './problem-schema.js';

const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) })
  .meta({ id: 'Health', example: { status: 'ok', database: 'ok' } });

/** `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and `g2g start`). */
export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Liveness and database reachability',
        description: 'No API key. 503 (same body, `degraded`) while the database does not answer: the status is what load balancers read.',
        security: [],
        response: { 200: healthSchema, 503: healthSchema, ...problemResponses([500]) },
        responseDocs: { 200: { description: 'g2g and its database answer' }, 503: { description: 'The database does not answer' } },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(db);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (error) {
        request.log.error({ err: describeError(error) }, 'health check: database unreachable');
        return reply.code(503).send({ status: 'degraded' as const, database: 'unreachable' as const });
      }
    },
  );
};

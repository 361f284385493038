import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../store/schema.js';
import { describeError } from '../core/describe-error.js';
import type { LoopHealth } from '../core/interval-tasks.js';
import { problemResponses } from './problem-schema.js';

const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) })
  .meta({ id: 'Health', example: { status: 'ok', database: 'ok' } });

const readySchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['ok', 'pending', 'unknown']).describe('pending: this code knows migrations the database has not run'),
    loops: z.enum(['ok', 'stale', 'not_started']).describe("The background loops (sweeps, retries, refresh-ahead); stale: one stopped finishing its ticks"),
    stale: z.array(z.string()).describe('Names of the stale loops'),
  })
  .meta({ id: 'Readiness', example: { status: 'ready', database: 'ok', migrations: 'ok', loops: 'ok', stale: [] } });

export interface HealthRoutesOptions {
  db: Kysely<Database>;
  /** Readiness beyond the database; without it `/readyz` answers like `/healthz` with the rest `unknown`/`not_started`. */
  readiness?: {
    pendingMigrations(): Promise<string[]>;
    loops(): LoopHealth;
  };
}

/**
 * `GET /healthz`: 200 when the database answers, 503 otherwise (liveness, for load balancers and `g2g start`).
 * `GET /readyz`: 200 only when the database answers, every migration ran and every background loop turns
 * (readiness: take this instance out of rotation, or do not send it traffic yet, otherwise).
 */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { db, readiness }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Readiness: database, migrations and background loops',
        description: 'No API key. 503 (same body, `not_ready`) until the database answers, every migration ran and the background loops run.',
        security: [],
        response: { 200: readySchema, 503: readySchema, ...problemResponses([500]) },
        responseDocs: { 200: { description: 'Ready for traffic' }, 503: { description: 'Not ready: the body says which part' } },
      },
    },
    async (request, reply) => {
      let database: 'ok' | 'unreachable' = 'ok';
      let migrations: 'ok' | 'pending' | 'unknown' = 'unknown';
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        database = 'unreachable';
        request.log.error({ err: describeError(error) }, 'readiness: database unreachable');
      }
      if (database === 'ok' && readiness !== undefined) {
        try {
          const pending = await readiness.pendingMigrations();
          migrations = pending.length === 0 ? 'ok' : 'pending';
          if (pending.length > 0) request.log.warn({ pending }, 'readiness: migrations not run');
        } catch (error) {
          request.log.error({ err: describeError(error) }, 'readiness: migrations could not be read');
        }
      }
      const loops = readiness?.loops() ?? { status: 'not_started' as const, stale: [] };
      if (loops.status === 'stale') request.log.warn({ stale: loops.stale }, 'readiness: background loops stale');
      const ready = database === 'ok' && migrations === 'ok' && loops.status === 'ok';
      const body = { status: ready ? ('ready' as const) : ('not_ready' as const), database, migrations, loops: loops.status, stale: loops.stale };
      return reply.code(ready ? 200 : 503).send(body);
    },
  );

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

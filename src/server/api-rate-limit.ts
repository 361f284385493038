import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { G2GError } from '../core/errors.js';
import { problemResponses } from './problem-schema.js';

/**
 * A budget of API requests per API key per minute, in this instance's memory (several instances: each has its own
 * budget). Runs after the API key check, so only known keys are counted and a stranger cannot use up a tenant's
 * budget; keyed by the key's sha256, so no key sits in memory as a map key. Over it: 429 problem+json with Retry-After.
 */
const plugin: FastifyPluginAsync<{ perMinute: number }> = async (app, { perMinute }) => {
  // Every route behind the limit may answer 429: say so in the OpenAPI document too.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { response?: Record<number, unknown> } | undefined;
    if (schema?.response !== undefined && schema.response[429] === undefined) schema.response[429] = problemResponses([429])[429];
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => createHash('sha256').update(String(request.headers.authorization ?? '')).digest('base64url'),
    errorResponseBuilder: (_request, context) =>
      new G2GError({
        code: 'rate_limited',
        status: 429,
        message: `this API key made more than ${context.max} requests in a minute: retry after ${Math.ceil(context.ttl / 1000)} s (Retry-After)`,
        retryAfterMs: context.ttl,
      }),
  });
};
// Like apiKeyAuth: no encapsulation, so the limit covers the routes registered after it in the `/api/v1` scope.
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'g2g-api-rate-limit';

export const apiRateLimit = plugin;

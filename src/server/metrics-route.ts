import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../core/clock.js';
import { G2GError } from '../core/errors.js';
import type { G2GMetrics } from '../core/metrics/g2g-metrics.js';
import type { Secret } from '../secret.js';

export interface MetricsRouteOptions {
  metrics: G2GMetrics;
  clock: Clock;
  /** The bearer a scraper must send (G2G_METRICS_TOKEN). */
  token: Secret;
}

/**
 * `GET /metrics`: Prometheus text exposition (0.0.4). Registered only when G2G_METRICS_TOKEN is set, and then
 * it asks for that token as a bearer: the numbers (org ids, volumes) are not for the internet, and the
 * token is separate from tenant API keys, so a scraper holds no key that could schedule visits.
 */
export const metricsRoute: FastifyPluginAsync<MetricsRouteOptions> = async (app, opts) => {
  // Compare digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte.
  const expected = digest(opts.token.reveal());
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null || !timingSafeEqual(digest(match[1] ?? ''), expected)) {
      reply.header('www-authenticate', 'Bearer realm="g2g metrics"');
      throw new G2GError({ code: 'unauthenticated', status: 401, message: 'GET /metrics needs Authorization: Bearer <G2G_METRICS_TOKEN>' });
    }
    const text = await opts.metrics.render(opts.clock.now());
    return reply.header('cache-control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

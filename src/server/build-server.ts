import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { JoinOutcome } from '../core/broker/open-join-link.js';
import type { Clock } from '../core/clock.js';
import type { G2GMetrics } from '../core/metrics/g2g-metrics.js';
import type { Orgs } from '../core/orgs/orgs.js';
import type { Tenants } from '../core/tenants/tenants.js';
import type { Visits } from '../core/visits/create-visits.js';
import type { WebhookInbox } from '../core/webhooks/webhook-inbox.js';
import { requestContext, type Logger } from '../logger.js';
import type { Secret } from '../secret.js';
import type { Database } from '../store/schema.js';
import type { Operator } from '../core/admin/operator.js';
import type { UsageReports } from '../core/usage/usage-reports.js';
import { adminAuth } from './admin-auth.js';
import { adminBrandRoutes } from './admin-brand-routes.js';
import { adminEventRoutes } from './admin-event-routes.js';
import { adminOrgRoutes } from './admin-org-routes.js';
import { adminTenantRoutes } from './admin-tenant-routes.js';
import { adminVisitRoutes } from './admin-visit-routes.js';
import { apiKeyAuth } from './api-key-auth.js';
import { apiRateLimit } from './api-rate-limit.js';
import { acceptRequestId, REQUEST_ID_HEADER } from './request-id.js';
import { consoleRoutes } from './console/console-routes.js';
import { installErrorHandler } from './error-handler.js';
import { healthRoutes, type HealthRoutesOptions } from './health-routes.js';
import { joinRoute } from './join-route.js';
import { metricsRoute } from './metrics-route.js';
import { openApiOptions } from './openapi-options.js';
import { orgRoutes } from './org-routes.js';
import { answerClientError, answerFrameworkError, MAX_PATH_PARAM_LENGTH } from './transport-refusals.js';
import { usageRoute } from './usage-route.js';
import { visitRoutes } from './visit-routes.js';
import { webexWebhookRoutes } from './webex-webhook-routes.js';

export interface ServerDeps {
  db: Kysely<Database>;
  log: Logger;
  orgs: Orgs;
  tenants: Pick<Tenants, 'authenticate'>;
  inbox: Pick<WebhookInbox, 'accept'>;
  /** Secrets accepted on `X-Spark-Signature`. */
  webhookSecrets: readonly Secret[];
  visits: Visits;
  openJoinLink(code: string): Promise<JoinOutcome>;
  /** For the OpenAPI `servers` entry. */
  publicUrl: string;
  /** What `/readyz` checks beyond the database. */
  readiness?: HealthRoutesOptions['readiness'];
  /** G2G_TRUST_PROXY: whose X-Forwarded-* headers to believe (default: nobody's). */
  trustProxy?: boolean | number | string[];
  /** API requests per API key per minute on this instance; 0 or unset: no limit. */
  rateLimitPerMinute?: number;
  /** Counts join clicks; `GET /metrics` is served only when `token` is set (G2G_METRICS_TOKEN). */
  metrics?: { registry: G2GMetrics; token: Secret | undefined; clock: Clock };
  /** Usage reports, for `GET /api/v1/orgs/:id/usage` and its admin twin. */
  usage: UsageReports;
  /** What `/api/v1/admin/...` does, behind the operator token (G2G_ADMIN_TOKEN; unset: every admin call is 401). */
  operator: Operator;
  adminToken: Secret | undefined;
  /** The console's clock (sessions, today's figures). */
  clock: Clock;
}

/**
 * The whole HTTP surface, without listening (tests use `inject`, `g2g start` listens): zod type provider,
 * OpenAPI at /docs, one problem+json error handler, and every route group as its own plugin. The API key hook
 * is registered only around `/api/v1` routes: webhooks, join links and health need no key.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Fastify's request log would print `/j/<code>` (a secret): we log requests ourselves, code masked.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: 1024 * 1024,
    // A hop count is valid at runtime (proxy-addr) though Fastify's types list only the other forms.
    trustProxy: (deps.trustProxy ?? false) as boolean | string[],
    // Our own id rule instead of Fastify's header pass-through: a caller's id is kept only when it is tame.
    requestIdHeader: false,
    genReqId: (raw) => acceptRequestId(raw.headers[REQUEST_ID_HEADER]) ?? randomUUID(),
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // First hook: echo the id, and run the rest of the request inside its context, so every module's log line has it.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    requestContext.run({ requestId: request.id }, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics?.registry.httpResponse({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
    request.log.info({ method: request.method, url: maskJoinCode(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime), ip: request.ip }, 'request done');
  });

  await app.register(fastifySwagger, openApiOptions(deps.publicUrl));
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { db: deps.db, ...(deps.readiness !== undefined ? { readiness: deps.readiness } : {}) });
  await app.register(webexWebhookRoutes, { inbox: deps.inbox, webhookSecrets: deps.webhookSecrets });
  const metrics = deps.metrics;
  const openJoinLink =
    metrics === undefined
      ? deps.openJoinLink
      : async (code: string) => {
          const outcome = await deps.openJoinLink(code);
          metrics.registry.joinClick(outcome);
          return outcome;
        };
  await app.register(joinRoute, { openJoinLink });
  if (metrics?.token !== undefined) await app.register(metricsRoute, { metrics: metrics.registry, clock: metrics.clock, token: metrics.token });
  await app.register(async (api) => {
    // The API speaks JSON only: anything else is a 415, not a string for the schema to puzzle over.
    api.removeContentTypeParser('text/plain');
    await api.register(apiKeyAuth, { tenants: deps.tenants });
    if ((deps.rateLimitPerMinute ?? 0) > 0) await api.register(apiRateLimit, { perMinute: deps.rateLimitPerMinute ?? 0 });
    // Each org in the orgs answers carries its license use, read by the visits part (which owns capacity).
    await api.register(orgRoutes, { orgs: deps.orgs, capacity: (tenant, orgId) => deps.visits.capacity(tenant, orgId) });
    await api.register(visitRoutes, { visits: deps.visits });
    await api.register(usageRoute, { usage: deps.usage });
  });
  // A sibling scope: the operator token guards it, and the API key hook above does not reach it.
  await app.register(async (admin) => {
    admin.removeContentTypeParser('text/plain');
    await admin.register(adminAuth, { token: deps.adminToken });
    await admin.register(adminOrgRoutes, { operator: deps.operator });
    await admin.register(adminVisitRoutes, { operator: deps.operator });
    await admin.register(adminEventRoutes, { operator: deps.operator });
    await admin.register(adminTenantRoutes, { operator: deps.operator });
    await admin.register(adminBrandRoutes, { operator: deps.operator });
  });
  // The operator console: the same Operator services, behind a session signed with the operator token.
  await app.register(consoleRoutes, { operator: deps.operator, token: deps.adminToken, clock: deps.clock, publicUrl: deps.publicUrl });
  return app;
}

/** `/j/<code>` -> `/j/…`: join codes are secrets and never reach a log line. */
export function maskJoinCode(url: string): string {
  return url.replace(/^\/j\/[^?#]*/, '/j/…');
}

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Operator } from '../core/admin/operator.js';
import { G2GError } from '../core/errors.js';
import { capacitySchema, licensedCapacitySchema } from './visit-schemas.js';
import { orgFixSchema, usageQuerySchema } from './admin-schemas.js';
import { OPERATOR_SECURITY } from './openapi-options.js';
import { orgViewSchema, preflightSchema } from './org-routes.js';
import { problemResponses } from './problem-schema.js';
import { orgIdParams, sendUsage, usageQuery, usageResponse } from './usage-route.js';

const security = OPERATOR_SECURITY;
const tags = ['admin'];

/** `/api/v1/admin/orgs...`: every org, preflight and its fixes, capacity, usage. Mount behind adminAuth. */
export const adminOrgRoutes: FastifyPluginAsync<{ operator: Operator }> = async (plain, { operator }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  const withCapacity = async (org: z.infer<typeof orgViewSchema>) => {
    const { licensed, inProgress } = await operator.capacity.show(org.id);
    return { ...org, capacity: { licensed, inProgress } };
  };

  app.get(
    '/api/v1/admin/orgs',
    {
      schema: {
        operationId: 'adminListOrgs',
        tags,
        summary: 'Every org that authorized the Service App: status, scopes, site, token expiry, warnings, capacity',
        security,
        querystring: z.strictObject({ status: z.enum(['pending', 'ready', 'refused', 'deauthorized', 'needs_reauth']).optional() }),
        response: { 200: z.object({ items: z.array(orgViewSchema) }).meta({ id: 'AdminOrgList' }), ...problemResponses([400, 401, 500]) },
      },
    },
    async (request) => {
      const orgs = (await operator.orgs.list()).filter((o) => request.query.status === undefined || o.status === request.query.status);
      return { items: await Promise.all(orgs.map(withCapacity)) };
    },
  );

  app.get(
    '/api/v1/admin/orgs/:id',
    { schema: { operationId: 'adminGetOrg', tags, summary: 'One org (never its tokens)', security, params: orgIdParams, response: { 200: orgViewSchema, ...problemResponses([400, 401, 404, 500]) } } },
    async (request) => {
      const org = await operator.orgs.get(request.params.id);
      if (org === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `org ${request.params.id} has not authorized the Service App` });
      return withCapacity(org);
    },
  );

  app.get(
    '/api/v1/admin/orgs/:id/preflight',
    {
      schema: {
        operationId: 'adminPreflightOrg',
        tags,
        summary: 'Checks what guest-to-guest needs, live against Webex, and says what to fix',
        security,
        params: orgIdParams,
        response: { 200: preflightSchema, ...problemResponses([400, 401, 404, 409, 500]) },
      },
    },
    async (request) => operator.orgs.preflight(request.params.id, { signal: AbortSignal.timeout(20_000) }),
  );

  app.post(
    '/api/v1/admin/orgs/:id/preflight/fix',
    {
      schema: {
        operationId: 'adminFixOrg',
        tags,
        summary: 'Applies the preflight fixes the Webex API allows (join before host), then runs preflight again',
        description: 'Fixes that need a person (scopes, authorizing again in Control Hub) stay in the checks’ `fix` texts.',
        security,
        params: orgIdParams,
        response: { 200: orgFixSchema, ...problemResponses([400, 401, 404, 409, 429, 500, 502, 503]) },
      },
    },
    async (request) => operator.fixOrg(request.params.id, { signal: AbortSignal.timeout(20_000) }),
  );

  app.get(
    '/api/v1/admin/orgs/:id/guests/count',
    {
      schema: {
        operationId: 'adminCountOrgGuests',
        tags,
        summary: "How many guests the org's Service App has created, as Webex counts them now (GET /guests/count)",
        security,
        params: orgIdParams,
        response: { 200: z.object({ orgId: z.string(), count: z.number().int() }).meta({ id: 'GuestCount' }), ...problemResponses([400, 401, 404, 409, 429, 500, 502, 503]) },
      },
    },
    async (request) => {
      if ((await operator.orgs.get(request.params.id)) === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `org ${request.params.id} has not authorized the Service App` });
      return { orgId: request.params.id, count: await operator.guestCount(request.params.id, { signal: AbortSignal.timeout(20_000) }) };
    },
  );

  app.get(
    '/api/v1/admin/orgs/:id/capacity',
    { schema: { operationId: 'adminGetOrgCapacity', tags, summary: "An org's license, meetings in progress and licenses available", security, params: orgIdParams, response: { 200: capacitySchema, ...problemResponses([400, 401, 404, 500]) } } },
    async (request) => operator.capacity.show(request.params.id),
  );

  app.put(
    '/api/v1/admin/orgs/:id/capacity',
    {
      schema: {
        operationId: 'adminSetOrgCapacity',
        tags,
        summary: "Record the org's concurrent-meeting license (Webex has no API for it)",
        security,
        params: orgIdParams,
        body: licensedCapacitySchema,
        response: { 200: capacitySchema, ...problemResponses([400, 401, 404, 413, 415, 500]) },
      },
    },
    async (request) => operator.capacity.set(request.params.id, request.body.licensed),
  );

  app.get(
    '/api/v1/admin/orgs/:id/usage',
    {
      schema: {
        operationId: 'adminGetOrgUsage',
        tags,
        summary: "An org's usage report (the same as GET /api/v1/orgs/{id}/usage), JSON or CSV",
        security,
        params: orgIdParams,
        querystring: usageQuerySchema,
        response: { 200: usageResponse, ...problemResponses([400, 401, 404, 500]) },
      },
    },
    async (request, reply) => {
      if ((await operator.orgs.get(request.params.id)) === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `org ${request.params.id} has not authorized the Service App` });
      return sendUsage(request, reply, await operator.usage.report(request.params.id, usageQuery(request.query)), request.query.format);
    },
  );
};

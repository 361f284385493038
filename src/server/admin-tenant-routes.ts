import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Operator } from '../core/admin/operator.js';
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema, newApiKeySchema, tenantListSchema } from './admin-schemas.js';
import { OPERATOR_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';

const security = OPERATOR_SECURITY;
const tags = ['admin'];

/** `/api/v1/admin/tenants` and `/api/v1/admin/keys...`: tenants and their API keys. Mount behind adminAuth. */
export const adminTenantRoutes: FastifyPluginAsync<{ operator: Operator }> = async (plain, { operator }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/admin/tenants',
    { schema: { operationId: 'adminListTenants', tags, summary: 'Tenants and the orgs each may use', security, response: { 200: tenantListSchema, ...problemResponses([401, 500]) } } },
    async () => ({ items: await operator.tenants.list() }),
  );

  app.get(
    '/api/v1/admin/keys',
    {
      schema: {
        operationId: 'adminListKeys',
        tags,
        summary: 'API keys (ids and states, never secrets), newest first',
        security,
        querystring: z.strictObject({ tenantId: z.string().min(1).max(64).optional() }),
        response: { 200: apiKeyListSchema, ...problemResponses([400, 401, 500]) },
      },
    },
    async (request) => ({ items: await operator.tenants.listKeys(request.query.tenantId) }),
  );

  app.post(
    '/api/v1/admin/keys',
    {
      schema: {
        operationId: 'adminCreateKey',
        tags,
        summary: 'Create an API key for a tenant (made when new); the key is in this answer only',
        description: 'Each org in orgIds must have authorized the Service App (400 otherwise, naming it).',
        security,
        body: newApiKeySchema,
        response: { 201: createdApiKeySchema, ...problemResponses([400, 401, 413, 415, 500]) },
      },
    },
    async (request, reply) => {
      const { tenantName, orgIds, expiresAt } = request.body;
      const created = await operator.createKey({ tenantName, orgIds, expiresAt: expiresAt === undefined ? undefined : Date.parse(expiresAt) });
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/admin/keys/:id',
    {
      schema: {
        operationId: 'adminRevokeKey',
        tags,
        summary: 'Revoke an API key: it gets 401 at once, on every instance',
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: apiKeySchema, ...problemResponses([400, 401, 404, 500]) },
      },
    },
    async (request) => operator.tenants.revokeKey(request.params.id),
  );
};

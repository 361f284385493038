import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Operator } from '../core/admin/operator.js';
import { brandInputSchema, GUEST_LANGUAGES } from '../core/tenants/brand.js';
import { OPERATOR_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';

const security = OPERATOR_SECURITY;
const tags = ['admin'];

const brandSchema = z
  .object({
    displayName: z.string().nullable(),
    logoUrl: z.string().nullable(),
    accentColor: z.string().nullable(),
    language: z.enum(GUEST_LANGUAGES),
  })
  .meta({ id: 'TenantBrand', description: "How a tenant's guests see g2g's own pages (waiting, revoked, cancelled, ended)" });

const params = z.object({ id: z.string().min(1).max(64).describe('The tenant id') });

/** `/api/v1/admin/tenants/{id}/brand`: the brand of a tenant's guest pages. Mount behind adminAuth. */
export const adminBrandRoutes: FastifyPluginAsync<{ operator: Pick<Operator, 'tenants'> }> = async (plain, { operator }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/admin/tenants/:id/brand',
    { schema: { operationId: 'adminGetTenantBrand', tags, summary: "A tenant's guest-page brand (g2g's own until one is set)", security, params, response: { 200: brandSchema, ...problemResponses([400, 401, 500]) } } },
    async (request) => operator.tenants.brand(request.params.id),
  );

  app.put(
    '/api/v1/admin/tenants/:id/brand',
    {
      schema: {
        operationId: 'adminSetTenantBrand',
        tags,
        summary: "Set a tenant's guest-page brand: name, https logo URL, accent colour, language",
        description: 'Every field is optional (the others stay as they are); null clears one.',
        security,
        params,
        body: brandInputSchema,
        response: { 200: brandSchema, ...problemResponses([400, 401, 404, 413, 415, 500]) },
      },
    },
    async (request) => operator.tenants.setBrand(request.params.id, request.body),
  );
};

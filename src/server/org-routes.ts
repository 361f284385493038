import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { G2GError } from '../core/errors.js';
import type { Org } from '../core/orgs/org.js';
import type { Orgs } from '../core/orgs/orgs.js';
import type { Tenant } from '../core/tenants/tenants.js';
import { ORG_STATUSES } from '../core/orgs/org.js';
import { requestTenant } from './request-tenant.js';
import { API_KEY_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';

/** An org's license use: the concurrent-meeting license as recorded (null when unknown) and meetings in progress. */
export interface OrgCapacityView {
  licensed: number | null;
  inProgress: number;
}

export interface OrgRoutesOptions {
  orgs: Pick<Orgs, 'get' | 'list' | 'preflight'>;
  /**
   * Reads an org's capacity (the visits part owns it); when given, each org in the answers carries `capacity`.
   * Called only for orgs the tenant holds.
   */
  capacity?: (tenant: Tenant, orgId: string) => Promise<OrgCapacityView>;
}

/** The org as the API shows it: status, scopes, site, token expiry times; never a token (the schema strips anything else). */
export const orgViewSchema = z.object({
  id: z.string(),
  status: z.enum(ORG_STATUSES),
  siteUrl: z.string().nullable(),
  scopes: z.array(z.string()),
  authorizedAt: z.string().nullable(),
  statusReason: z.string().nullable(),
  webhooksRegisteredAt: z.string().nullable(),
  /** What is degraded, e.g. "participant joins/leaves won't be tracked: grant meeting:participants_read". */
  warnings: z.array(z.string()),
  accessTokenExpiresAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  capacity: z
    .object({
      licensed: z.number().int().nullable().describe("The org's concurrent-meeting license as recorded (PUT /api/v1/orgs/{id}/capacity); null when unknown"),
      inProgress: z.number().int().describe('Meetings of the org in progress, per Webex events'),
    })
    .optional()
    .describe('License use, when the server tracks capacity'),
}).meta({ id: 'Org' });

const orgListSchema = z.object({ items: z.array(orgViewSchema) }).meta({ id: 'OrgList' });

export const preflightSchema = z.object({
  orgId: z.string(),
  ok: z.boolean(),
  checks: z.array(
    z.object({
      name: z.enum(['authorization', 'scopes', 'site', 'token', 'join_before_host', 'webhooks']),
      ok: z.boolean(),
      detail: z.string(),
      fix: z.string().nullable(),
    }),
  ),
}).meta({ id: 'Preflight' });

const params = z.object({ id: z.string().min(1).max(512) });
const security = API_KEY_SECURITY;

/** A tenant sees only its own orgs: any other id is "not found", so ids cannot be probed. */
function requireOwnOrg(request: FastifyRequest, orgId: string): void {
  if (!requestTenant(request).orgIds.includes(orgId)) throw new G2GError({ code: 'not_found', status: 404, message: `no org ${orgId} for this API key` });
}

/**
 * `GET /api/v1/orgs`, `/api/v1/orgs/:id`, `/api/v1/orgs/:id/preflight`.
 * Mount it in the scope where apiKeyAuth runs (it reads `request.tenant`).
 */
export const orgRoutes: FastifyPluginAsync<OrgRoutesOptions> = async (plain, { orgs, capacity }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  const withCapacity = async (tenant: Tenant, org: Org): Promise<Org & { capacity?: OrgCapacityView }> => {
    if (capacity === undefined) return org;
    const { licensed, inProgress } = await capacity(tenant, org.id);
    return { ...org, capacity: { licensed, inProgress } };
  };

  app.get(
    '/api/v1/orgs',
    {
      schema: {
        operationId: 'listOrgs',
        tags: ['orgs'],
        summary: "The API key's orgs: status, scopes, site, token expiry, warnings, capacity",
        security,
        response: { 200: orgListSchema, ...problemResponses([401, 500]) },
      },
    },
    async (request) => {
      const tenant = requestTenant(request);
      const listed = await orgs.list(tenant.orgIds);
      return { items: await Promise.all(listed.map((org) => withCapacity(tenant, org))) };
    },
  );

  app.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        operationId: 'getOrg',
        tags: ['orgs'],
        summary: 'One org (never its tokens)',
        description: 'An org the API key does not hold answers 404, as does one that has not authorized the Service App yet.',
        security,
        params,
        response: { 200: orgViewSchema, ...problemResponses([400, 401, 404, 500]) },
      },
    },
    async (request) => {
      requireOwnOrg(request, request.params.id);
      const org = await orgs.get(request.params.id);
      if (org === undefined) throw new G2GError({ code: 'not_found', status: 404, message: `org ${request.params.id} has not authorized the Service App yet` });
      return withCapacity(requestTenant(request), org);
    },
  );

  app.get(
    '/api/v1/orgs/:id/preflight',
    {
      schema: {
        operationId: 'preflightOrg',
        tags: ['orgs'],
        summary: 'Checks what guest-to-guest needs (scopes, site, join before host, token health) and says what to fix',
        description: 'Asks Webex now; a check that fails says so in its entry (with `fix`) rather than failing the request.',
        security,
        params,
        response: { 200: preflightSchema, ...problemResponses([400, 401, 404, 500]) },
      },
    },
    async (request) => {
      requireOwnOrg(request, request.params.id);
      return orgs.preflight(request.params.id, { signal: AbortSignal.timeout(20_000) });
    },
  );
};

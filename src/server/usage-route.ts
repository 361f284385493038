import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { G2GError } from '../core/errors.js';
import { usageCsv, type UsageReport } from '../core/usage/compute-usage.js';
import type { UsageQuery, UsageReports } from '../core/usage/usage-reports.js';
import { usageQuerySchema, usageReportSchema } from './admin-schemas.js';
import { API_KEY_SECURITY } from './openapi-options.js';
import { problemResponses } from './problem-schema.js';
import { requestTenant } from './request-tenant.js';

export const orgIdParams = z.object({ id: z.string().min(1).max(512) });

/** The 200 answer of both usage routes, JSON or CSV, for the OpenAPI document. */
export const usageResponse = {
  description: 'The report: JSON (UsageReport), or CSV with Accept: text/csv or format=csv (one line per bucket, then a total line)',
  content: { 'application/json': { schema: usageReportSchema }, 'text/csv': { schema: z.string() } },
};

export function usageQuery(query: z.infer<typeof usageQuerySchema>): UsageQuery {
  return {
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
    granularity: query.granularity,
  };
}

/** CSV when asked by `format=csv` or an Accept preferring text/csv; JSON otherwise. */
export function sendUsage(request: FastifyRequest, reply: FastifyReply, report: UsageReport, format: 'json' | 'csv' | undefined): FastifyReply {
  const accept = request.headers.accept ?? '';
  const csv = format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept));
  reply.header('cache-control', 'no-store');
  if (!csv) return reply.type('application/json; charset=utf-8').serializer((payload) => JSON.stringify(usageReportSchema.parse(payload))).send(report);
  const name = `usage-${report.orgId.slice(0, 40).replace(/[^\w-]/g, '_')}-${report.from.slice(0, 10)}.csv`;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .serializer((payload) => payload as string)
    .send(usageCsv(report));
}

/** `GET /api/v1/orgs/:id/usage` for an API key holding the org (the admin API has the same report for any org). */
export const usageRoute: FastifyPluginAsync<{ usage: UsageReports }> = async (plain, { usage }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/orgs/:id/usage',
    {
      schema: {
        operationId: 'getOrgUsage',
        tags: ['usage'],
        summary: "An org's usage by day or hour: meetings, minutes, participants, unique guests, peak vs licence, deferrals, waits (JSON or CSV)",
        security: API_KEY_SECURITY,
        params: orgIdParams,
        querystring: usageQuerySchema,
        response: { 200: usageResponse, ...problemResponses([400, 401, 404, 500]) },
      },
    },
    async (request, reply) => {
      if (!requestTenant(request).orgIds.includes(request.params.id)) throw new G2GError({ code: 'not_found', status: 404, message: `no org ${request.params.id} for this API key` });
      return sendUsage(request, reply, await usage.report(request.params.id, usageQuery(request.query)), request.query.format);
    },
  );
};

import type { FastifyRequest } from 'fastify';
import { G2GError } from '../core/errors.js';
import type { VisitTenant } from '../core/visits/visit-deps.js';

/** The tenant the API key auth hook put on the request; 401 when the route was reached without one. */
export function requestTenant(request: FastifyRequest): VisitTenant {
  const tenant = (request as FastifyRequest & { tenant?: VisitTenant | null }).tenant;
  if (tenant === undefined || tenant === null) {
    throw new G2GError({ code: 'unauthenticated', status: 401, message: 'send an API key as Authorization: Bearer <key>' });
  }
  return tenant;
}

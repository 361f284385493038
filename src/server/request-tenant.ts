import type { FastifyRequest } from 'fastify';
import { G2GError } from '../core/errors.js';
import type { Tenant } from '../core/tenants/tenants.js';

/** The tenant the API key auth hook put on the request; 401 when the route was reached without one. */
export function requestTenant(request: FastifyRequest): Tenant {
  const tenant = (request as FastifyRequest & { tenant?: Tenant | null }).tenant;
  if (tenant === undefined || tenant === null) {
    throw new G2GError({ code: 'unauthenticated', status: 401, message: 'send an API key as Authorization: Bearer <key>' });
  }
  return tenant;
}

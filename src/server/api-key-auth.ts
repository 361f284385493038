import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { G2GError } from '../core/errors.js';
import type { Tenant, Tenants } from '../core/tenants/tenants.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant whose API key authenticated this request (set by apiKeyAuth; null before it runs). */
    tenant: Tenant | null;
  }
}

export interface ApiKeyAuthOptions {
  tenants: Pick<Tenants, 'authenticate'>;
}

/**
 * `Authorization: Bearer <api key>` on every route of the scope it is registered in; sets
 * `request.tenant`, or answers 401 problem+json. Registered without encapsulation (like
 * fastify-plugin), so the hook covers its siblings: mount it in the `/api/v1` scope only.
 */
const plugin: FastifyPluginAsync<ApiKeyAuthOptions> = async (app, { tenants }) => {
  if (!app.hasRequestDecorator('tenant')) app.decorateRequest('tenant', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match === null) {
      throw new G2GError({ code: 'unauthenticated', status: 401, message: 'send an API key as Authorization: Bearer <key> (g2g keys create makes one)' });
    }
    const tenant = await tenants.authenticate(match[1] as string);
    if (tenant === undefined) throw new G2GError({ code: 'unauthenticated', status: 401, message: 'the API key is unknown or revoked' });
    request.tenant = tenant;
  });
};
// What fastify-plugin does: skip encapsulation so the decorator and hook apply to the parent scope.
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'g2g-api-key-auth';

export const apiKeyAuth = plugin;

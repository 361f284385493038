import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { G2GError } from '../core/errors.js';
import type { Secret } from '../secret.js';
import { matchesOperatorToken, operatorTokenDigest } from './operator-token.js';

export interface AdminAuthOptions {
  /** The operator token (G2G_ADMIN_TOKEN). Only its sha256 is kept past registration. Unset: every request is refused. */
  token: Secret | undefined;
}

/**
 * `Authorization: Bearer <operator token>` on every route of the scope it is registered in, or 401 problem+json.
 * Compares sha256 digests in constant time (equal lengths whatever was sent), and holds only the digest.
 */
export const adminAuth: FastifyPluginAsync<AdminAuthOptions> = async (app, { token }) => {
  const expected = token === undefined ? undefined : operatorTokenDigest(token);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (expected === undefined) throw new G2GError({ code: 'unauthenticated', status: 401, message: 'the admin API is off: set G2G_ADMIN_TOKEN on the server' });
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match === null) throw new G2GError({ code: 'unauthenticated', status: 401, message: 'send the operator token as Authorization: Bearer <G2G_ADMIN_TOKEN>' });
    if (!matchesOperatorToken(match[1] as string, expected)) throw new G2GError({ code: 'unauthenticated', status: 401, message: 'the operator token is wrong' });
  });
};
// Like fastify-plugin: the hook covers the sibling routes of the admin scope.
(adminAuth as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(adminAuth as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'g2g-admin-auth';

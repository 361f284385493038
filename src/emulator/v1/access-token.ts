import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { WebexError } from '../errors.js';
import { sendJson } from '../reply.js';
import { refreshAccessToken } from '../token-issuer.js';

/**
 * POST /v1/access_token (OAuth, docs/webex-contract.md §4.3): `grant_type=refresh_token` with the client credentials in the
 * form body or as HTTP Basic. Errors carry the OAuth `error` code next to the Webex error body.
 */
export function registerAccessTokenRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/v1/access_token', async (request, reply) => {
    const form = formOf(request);
    const basic = basicCredentials(request);
    const clientId = form.client_id ?? basic?.clientId;
    const clientSecret = form.client_secret ?? basic?.clientSecret;
    if (form.grant_type === undefined) throw oauthError(400, 'invalid_request', "'grant_type' is required");
    if (form.grant_type !== 'refresh_token') {
      throw oauthError(400, 'unsupported_grant_type', `'grant_type' '${form.grant_type}' is not supported here; use refresh_token`);
    }
    if (!clientId || !clientSecret) throw oauthError(400, 'invalid_request', "'client_id' and 'client_secret' are required (form body or HTTP Basic)");
    const secret = ctx.state.integrations.get(clientId)?.clientSecret ?? [...ctx.state.serviceApps.values()].find((a) => a.clientId === clientId)?.clientSecret;
    if (secret === undefined) throw oauthError(400, 'invalid_client', 'Client Id is invalid');
    if (secret !== clientSecret) throw oauthError(401, 'invalid_client', 'Client secret is invalid');
    if (!form.refresh_token) throw oauthError(400, 'invalid_request', "'refresh_token' is required");
    const refresh = ctx.state.tokens.get(form.refresh_token);
    const now = ctx.clock.now();
    if (!refresh || refresh.kind !== 'refresh' || refresh.clientId !== clientId) throw oauthError(400, 'invalid_grant', 'The refresh token is invalid');
    if (refresh.revoked) throw oauthError(400, 'invalid_grant', 'The refresh token has been revoked');
    if (refresh.expiresAt <= now) throw oauthError(400, 'invalid_grant', 'The refresh token has expired');
    const tokens = refreshAccessToken(ctx.state, refresh, now, ctx.tokenLifetimes);
    ctx.onChange();
    return sendJson(reply, tokens);
  });
}

function oauthError(status: number, error: string, description: string): WebexError {
  return new WebexError({
    status,
    message: status === 401 ? 'Invalid client credentials' : "The request could not be understood by the server due to malformed syntax.",
    descriptions: [description],
    extra: { error, error_description: description },
  });
}

function formOf(request: FastifyRequest): Record<string, string | undefined> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') out[key] = value;
  return out;
}

function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    // RFC 6749 §2.3.1: client id and secret are form-encoded before the Basic encoding.
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  }
}

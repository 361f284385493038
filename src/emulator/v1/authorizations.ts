import type { FastifyInstance } from 'fastify';
import { authenticate, hasScope } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { forbidden, invalidItems, notFound } from '../errors.js';
import { isoMillis } from '../emulator-clock.js';
import { createWebexId } from '../ids.js';
import { queryOf, sendJson, sendNoContent } from '../reply.js';
import { revokeTokens } from '../token-issuer.js';

/** /v1/authorizations (docs/webex-contract.md §4.4): a token's expiry, a user's grants, and revoking an app's grants. */
export function registerAuthorizationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/v1/authorizations/tokenExpiry', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    return sendJson(reply, { exp: who.token.expiresAt });
  });

  app.get('/v1/authorizations', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const query = queryOf(request);
    let personId = who.person.id;
    if (query.personId !== undefined || query.personEmail !== undefined) {
      const person = query.personId !== undefined ? ctx.state.people.get(query.personId) : ctx.state.findPersonByEmail(query.personEmail ?? '');
      if (!person) throw notFound('Person not found');
      if (person.id !== who.person.id && !(who.person.admin && person.orgId === who.person.orgId)) throw forbidden('Only an admin may list the authorizations of another user');
      personId = person.id;
    }
    const items = [...ctx.state.tokens.values()]
      .filter((t) => t.personId === personId && !t.revoked && t.expiresAt > ctx.clock.now())
      .map((t) => {
        const serviceApp = [...ctx.state.serviceApps.values()].find((a) => a.clientId === t.clientId);
        const name = serviceApp?.name ?? ctx.state.integrations.get(t.clientId)?.name ?? 'Unknown application';
        return {
          id: createWebexId('AUTHORIZATION', `${t.clientId.slice(1, 37)}`),
          applicationId: serviceApp?.applicationId ?? createWebexId('APPLICATION', t.clientId),
          applicationName: name,
          personId: t.personId,
          clientId: t.clientId,
          created: isoMillis(t.expiresAt - (t.kind === 'access' ? ctx.tokenLifetimes.accessSeconds : ctx.tokenLifetimes.refreshSeconds) * 1000),
          type: t.kind,
        };
      });
    return sendJson(reply, { items });
  });

  app.delete('/v1/authorizations', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const query = queryOf(request);
    if (query.clientId === undefined || query.clientId === '') throw invalidItems("'clientId' is required");
    const orgId = query.orgId ?? who.person.orgId;
    const isAdmin = who.person.admin && hasScope(who, ['spark:all', 'spark-admin:people_read']);
    if (orgId !== who.person.orgId || (!isAdmin && query.orgId !== undefined)) throw forbidden('Only an admin of the org may delete its authorizations');
    const count = revokeTokens(ctx.state, (t) => t.clientId === query.clientId && t.orgId === orgId && (isAdmin || t.personId === who.person.id));
    if (count === 0) throw notFound('No authorization for that client');
    ctx.onChange();
    return sendNoContent(reply);
  });
}

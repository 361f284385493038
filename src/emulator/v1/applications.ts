import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { WebexError, invalidItems, notFound } from '../errors.js';
import { isPlainObject } from '../meeting-rules.js';
import { paramOf, sendJson } from '../reply.js';
import { issueTokenPair } from '../token-issuer.js';

/**
 * POST /v1/applications/{applicationId}/token (docs/webex-contract.md §4.2): a token-manager bearer holding
 * `spark:applications_token` gets a new token pair for the Service App's machine account in `targetOrgId`;
 * 403 when the app is not authorized there.
 */
export function registerApplicationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/v1/applications/:applicationId/token', async (request, reply) => {
    authenticate(ctx, request, SCOPES.applicationsToken);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object with clientId, clientSecret and targetOrgId');
    const problems = (['clientId', 'clientSecret', 'targetOrgId'] as const)
      .filter((k) => typeof body[k] !== 'string' || body[k] === '')
      .map((k) => `'${k}' is required and must be a non-empty string`);
    if (problems.length > 0) throw invalidItems(...problems);
    const serviceApp = ctx.state.serviceApps.get(paramOf(request, 'applicationId'));
    if (!serviceApp) throw notFound('Service App not found');
    if (body.clientId !== serviceApp.clientId || body.clientSecret !== serviceApp.clientSecret) {
      throw new WebexError({ status: 401, message: 'Invalid client credentials', descriptions: ['The provided clientId or clientSecret is invalid'] });
    }
    const authorization = serviceApp.authorizations[body.targetOrgId as string];
    if (!authorization) {
      throw new WebexError({
        status: 403,
        message: 'The Service App is not authorized for the target organization',
        descriptions: ['A Full Admin of the target organization must authorize the Service App in Control Hub'],
      });
    }
    const tokens = issueTokenPair(
      ctx.state,
      { personId: authorization.machinePersonId, orgId: authorization.orgId, clientId: serviceApp.clientId, scopes: authorization.scopes },
      ctx.clock.now(),
      ctx.tokenLifetimes,
    );
    ctx.onChange();
    const { scope: _scope, ...response } = tokens;
    return sendJson(reply, response);
  });
}

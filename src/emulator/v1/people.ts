import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { isoMillis } from '../emulator-clock.js';
import { sendJson } from '../reply.js';
import type { Person } from '../state.js';

/** GET /v1/people/me (api-notes §7): any valid token. */
export function registerPeopleRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/v1/people/me', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    return sendJson(reply, personView(who.person));
  });
}

export function personView(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    emails: person.emails,
    phoneNumbers: [],
    displayName: person.displayName,
    nickName: person.firstName,
    firstName: person.firstName,
    lastName: person.lastName,
    orgId: person.orgId,
    roles: [],
    licenses: [],
    created: isoMillis(person.created),
    lastModified: isoMillis(person.created),
    timezone: 'UTC',
    siteUrls: person.siteUrls.map((s) => `${s}#${person.admin ? 'admin' : 'host'}`),
    status: 'unknown',
    invitePending: 'false',
    loginEnabled: 'true',
    type: person.type,
  };
}

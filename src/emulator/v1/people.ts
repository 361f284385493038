import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { isoMillis } from '../emulator-clock.js';
import { invalidItems, notFound } from '../errors.js';
import { parseMax } from '../pagination.js';
import { paramOf, queryOf, sendJson } from '../reply.js';
import type { Person } from '../state.js';

/**
 * GET /v1/people/me (docs/webex-contract.md §7): any valid token. Also `GET /people/{id}` and `GET /people?email=|id=`, which
 * Webex clients commonly call; people are visible within their org (guests: to their Service App's org).
 */
export function registerPeopleRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/v1/people/me', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    return sendJson(reply, personView(who.person));
  });

  app.get('/v1/people/:personId', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const id = paramOf(request, 'personId');
    const person = ctx.state.people.get(id);
    if (!person || person.orgId !== who.person.orgId) throw notFound(`Person '${id}' not found`);
    return sendJson(reply, personView(person));
  });

  app.get('/v1/people', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const query = queryOf(request);
    const max = parseMax(query.max, 100, 1000);
    let found: Person[];
    if (query.email !== undefined) {
      const person = ctx.state.findPersonByEmail(query.email);
      found = person ? [person] : [];
    } else if (query.id !== undefined) {
      found = query.id.split(',').map((id) => ctx.state.people.get(id)).filter((p): p is Person => p !== undefined);
    } else if (query.displayName !== undefined) {
      const prefix = query.displayName.toLowerCase();
      found = [...ctx.state.people.values()].filter((p) => p.displayName.toLowerCase().startsWith(prefix));
    } else {
      throw invalidItems("Give one of 'email', 'id' or 'displayName'");
    }
    const items = found.filter((p) => p.orgId === who.person.orgId).slice(0, max).map(personView);
    return sendJson(reply, { items });
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

import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { invalidItems } from '../errors.js';
import { createWebexId } from '../ids.js';
import { isPlainObject } from '../meeting-rules.js';
import { sendJson } from '../reply.js';
import type { Person, Token } from '../state.js';
import { defaultSchedulingOptions } from '../directory.js';

/** Lifetime of a guest token in the only documented example (docs/webex-contract.md §6). */
const GUEST_TOKEN_SECONDS = 64_799;

/** /v1/guests (docs/webex-contract.md §6): a Service App makes persistent guests; the same subject is the same guest. */
export function registerGuestRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/v1/guests/token', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.guestsWrite);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.subject !== 'string' || body.subject.trim() === '' || body.subject.length > 256) problems.push("'subject' is required: a non-empty string of at most 256 characters");
    if (typeof body.displayName !== 'string' || body.displayName.trim() === '' || body.displayName.length > 128) problems.push("'displayName' is required: a non-empty string of at most 128 characters");
    if (problems.length > 0) throw invalidItems(...problems);
    const subject = body.subject as string;
    const displayName = body.displayName as string;
    const now = ctx.clock.now();
    const key = `${who.person.id}\n${subject}`;
    const existingId = ctx.state.guestsByKey.get(key);
    let guest = existingId === undefined ? undefined : ctx.state.people.get(existingId);
    if (guest) {
      // The same subject with a new display name renames the guest (docs/webex-contract.md §6).
      guest.displayName = displayName;
      guest.firstName = displayName;
    } else {
      const uuid = randomUUID();
      const created: Person = {
        id: createWebexId('PEOPLE', uuid),
        uuid,
        orgId: who.person.orgId,
        emails: [`${randomUUID()}@appid.ciscospark.com`],
        displayName,
        firstName: displayName,
        lastName: '',
        type: 'appuser',
        created: now,
        siteUrls: [],
        schedulingOptions: defaultSchedulingOptions(),
        admin: false,
        guestOf: who.person.id,
        subject,
      };
      ctx.state.addPerson(created);
      guest = created;
    }
    const token: Token = {
      value: guestJwt(guest, now),
      kind: 'access',
      personId: guest.id,
      orgId: guest.orgId,
      clientId: who.token.clientId,
      scopes: ['webex-squared:locus_participant', 'spark:all'],
      expiresAt: now + GUEST_TOKEN_SECONDS * 1000,
      revoked: false,
    };
    ctx.state.tokens.set(token.value, token);
    ctx.onChange();
    return sendJson(reply, {
      id: guest.id,
      subject,
      displayName: guest.displayName,
      email: guest.emails[0],
      accessToken: token.value,
      expiresIn: GUEST_TOKEN_SECONDS,
    });
  });

  app.get('/v1/guests/count', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.guestsRead);
    let count = 0;
    for (const person of ctx.state.people.values()) if (person.guestOf === who.person.id) count += 1;
    // A bare number as text/plain (docs/webex-contract.md §6).
    return reply.code(200).header('content-type', 'text/plain;charset=UTF-8').send(String(count));
  });
}

/** Guest tokens are JWTs (S1); this one is shaped like one, signed by nobody. */
function guestJwt(guest: Person, now: number): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  const payload = encode({ sub: guest.id, name: guest.displayName, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + GUEST_TOKEN_SECONDS, jti: randomUUID() });
  return `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
}

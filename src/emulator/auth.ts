import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.js';
import { MESSAGES, WebexError } from './errors.js';
import type { Person, Token } from './state.js';

/**
 * Scopes per operation (docs/webex-contract.md §1, §3, §5, §6, §7, §8, §9): a token needs any one of the listed scopes.
 * `guest-meeting:rw` (the G2G Service App scope, S5) schedules and reads meetings on the guest site.
 */
export const SCOPES = {
  meetingsRead: ['meeting:schedules_read', 'meeting:admin_schedule_read', 'guest-meeting:rw', 'spark-compliance:meetings_read'],
  meetingsWrite: ['meeting:schedules_write', 'meeting:admin_schedule_write', 'guest-meeting:rw'],
  // S4's scope table: user tokens need meeting:schedules_read; guest tokens (Guest Issuer column) locus_participant.
  meetingsJoin: ['meeting:schedules_read', 'meeting:admin_schedule_read', 'guest-meeting:rw', 'webex-squared:locus_participant'],
  preferencesRead: ['meeting:preferences_read', 'meeting:admin_preferences_read'],
  preferencesWrite: ['meeting:preferences_write', 'meeting:admin_preferences_write'],
  participantsRead: ['meeting:participants_read', 'meeting:admin_participants_read'],
  participantsWrite: ['meeting:participants_write', 'meeting:admin_participants_write'],
  recordingsRead: ['meeting:recordings_read', 'meeting:admin_recordings_read'],
  transcriptsRead: ['meeting:transcripts_read', 'meeting:admin_transcripts_read'],
  roomsRead: ['spark:rooms_read', 'spark:rooms_write', 'spark:all'],
  roomsWrite: ['spark:rooms_write', 'spark:all'],
  membershipsRead: ['spark:memberships_read', 'spark:memberships_write', 'spark:all'],
  membershipsWrite: ['spark:memberships_write', 'spark:all'],
  messagesRead: ['spark:messages_read', 'spark:messages_write', 'spark:all'],
  messagesWrite: ['spark:messages_write', 'spark:all'],
  guestsRead: ['guest-issuer:read', 'guest-issuer:write'],
  guestsWrite: ['guest-issuer:write'],
  applicationsToken: ['spark:applications_token'],
  anyToken: [] as string[],
} as const satisfies Record<string, readonly string[]>;

/** Read scope a token needs to register a webhook for a resource (S2); serviceApp needs the application scope. */
export const WEBHOOK_RESOURCE_SCOPES: Record<string, readonly string[]> = {
  meetings: [...SCOPES.meetingsRead],
  meetingParticipants: [...SCOPES.participantsRead],
  recordings: [...SCOPES.recordingsRead],
  meetingTranscripts: [...SCOPES.transcriptsRead],
  serviceApp: ['application:webhooks_write'],
  rooms: [...SCOPES.roomsRead],
  memberships: [...SCOPES.membershipsRead],
  messages: ['spark:messages_read', 'spark:all'],
};

export interface Principal {
  token: Token;
  person: Person;
}

function unauthorized(description: string): WebexError {
  return new WebexError({ status: 401, message: MESSAGES.unauthorized, descriptions: [description] });
}

/** The bearer token of a request, checked for existence, expiry, revocation, rate limit and scope. */
export function authenticate(ctx: EmulatorContext, request: FastifyRequest, scopes: readonly string[]): Principal {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || header === '') throw unauthorized('Authorization header is missing');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("Authorization header must be 'Bearer <access token>'");
  const value = match[1];
  const token = ctx.state.tokens.get(value);
  const now = ctx.clock.now();
  if (!token || token.kind !== 'access') throw unauthorized('The access token is not valid');
  if (token.revoked) throw unauthorized('The access token has been revoked');
  if (token.expiresAt <= now) throw unauthorized('The access token has expired');
  const person = ctx.state.people.get(token.personId);
  if (!person) throw unauthorized('The access token belongs to nobody');
  const wait = ctx.rateLimiter.check(value, now);
  if (wait !== undefined) {
    throw new WebexError({ status: 429, message: MESSAGES.tooManyRequests, headers: { 'retry-after': String(wait) } });
  }
  if (scopes.length > 0 && !scopes.some((scope) => token.scopes.includes(scope))) {
    throw new WebexError({
      status: 403,
      message: MESSAGES.forbiddenScopes,
      descriptions: [`The access token needs one of these scopes: ${scopes.join(', ')}`],
    });
  }
  return { token, person };
}

export function hasScope(principal: Principal, scopes: readonly string[]): boolean {
  return scopes.some((scope) => principal.token.scopes.includes(scope));
}

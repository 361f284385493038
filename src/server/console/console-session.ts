import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../secret.js';
import { matchesOperatorToken, operatorTokenDigest } from '../operator-token.js';

export const SESSION_COOKIE = 'g2g_console';
/** A console sign-in lasts a working day. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface ConsoleSessions {
  /** Whether `candidate` is the operator token (constant time). */
  tokenMatches(candidate: string): boolean;
  /** A new session cookie value. */
  issue(now: number): string;
  /** Whether a cookie value is a session this token signed, not older than the TTL. */
  verify(value: string | undefined, now: number): boolean;
  /** The CSRF token that goes with a session (a hidden field in every form). */
  csrfFor(session: string): string;
  checkCsrf(session: string, token: unknown): boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function safeEqual(a: string, b: string): boolean {
  // Compared as digests: equal lengths whatever was sent.
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * Stateless console sessions, signed with a key derived from the operator token: every instance accepts them without
 * shared state, and changing G2G_ADMIN_TOKEN signs everybody out. The cookie holds when it was issued, a nonce and the
 * signature; never the token.
 */
export function createConsoleSessions(token: Secret): ConsoleSessions {
  const expected = operatorTokenDigest(token);
  const key = createHmac('sha256', expected).update('g2g console sessions v1').digest();
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  return {
    tokenMatches: (candidate) => matchesOperatorToken(candidate, expected),
    issue(now) {
      const body = `${now}.${randomBytes(16).toString('base64url')}`;
      return `${body}.${sign(body)}`;
    },
    verify(value, now) {
      if (value === undefined) return false;
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value);
      if (match === null) return false;
      const issuedAt = Number(match[1]);
      if (!(issuedAt <= now && now - issuedAt < SESSION_TTL_MS)) return false;
      return safeEqual(sign(`${match[1]}.${match[2]}`), match[3] as string);
    },
    csrfFor: (session) => sign(`csrf:${session}`),
    checkCsrf: (session, candidate) => typeof candidate === 'string' && safeEqual(sign(`csrf:${session}`), candidate),
  };
}

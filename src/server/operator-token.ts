import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../secret.js';

/** sha256 of the operator token: what the admin API and the console keep instead of the token itself. */
export function operatorTokenDigest(token: Secret): Buffer {
  return createHash('sha256').update(token.reveal(), 'utf8').digest();
}

/** Whether `candidate` is the token behind `digest`, in constant time (digests have equal lengths whatever was sent). */
export function matchesOperatorToken(candidate: string, digest: Buffer): boolean {
  return timingSafeEqual(createHash('sha256').update(candidate, 'utf8').digest(), digest);
}

import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Secret } from '../../secret.js';

/** A key join codes are derived with; the id is stored with each link so rotation keeps old links working. */
export interface JoinCodeKey {
  id: string;
  key: Secret;
}

/** 43 base64url characters = 32 bytes. */
const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedJoinCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** A fresh random nonce (16 bytes); the code is derived from it, so the row holds no usable secret on its own. */
export function createJoinNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The join code: 32 bytes of HMAC-SHA256 over a random nonce with a key derived from g2g's encryption key.
 * As unguessable as 32 random bytes, yet g2g can show the same joinUrl again (idempotent replay, GET) while the
 * database keeps only the nonce and a sha256 of the code.
 */
export function deriveJoinCode(key: JoinCodeKey, nonce: string): string {
  return createHmac('sha256', joinCodeKeyBytes(key)).update(nonce).digest('base64url');
}

/** What the database stores and looks codes up by. */
export function hashJoinCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

const derived = new WeakMap<JoinCodeKey, Buffer>();

function joinCodeKeyBytes(key: JoinCodeKey): Buffer {
  let bytes = derived.get(key);
  if (bytes === undefined) {
    // Domain separation: the encryption key is never used directly for anything but encryption.
    bytes = Buffer.from(hkdfSync('sha256', key.key.reveal(), 'g2g', 'g2g join codes v1', 32));
    derived.set(key, bytes);
  }
  return bytes;
}

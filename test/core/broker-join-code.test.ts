import { createHash, createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJoinNonce, deriveJoinCode, hashJoinCode, isWellFormedJoinCode } from '../../src/core/broker/join-code.js';
import { Secret } from '../../src/secret.js';

const key = { id: 'k1', key: new Secret(Buffer.alloc(32, 7).toString('base64')) };

describe('join codes', () => {
  it('are 32 bytes of base64url, derived from the nonce by HMAC under an HKDF key, and stored only as sha256', () => {
    const nonce = createJoinNonce();
    const code = deriveJoinCode(key, nonce);
    expect(isWellFormedJoinCode(code)).toBe(true);
    expect(Buffer.from(code, 'base64url')).toHaveLength(32);
    const expectedKey = Buffer.from(hkdfSync('sha256', key.key.reveal(), 'g2g', 'g2g join codes v1', 32));
    expect(code).toBe(createHmac('sha256', expectedKey).update(nonce).digest('base64url'));
    expect(hashJoinCode(code)).toBe(createHash('sha256').update(code).digest('hex'));
    expect(hashJoinCode(code)).not.toContain(code);
  });

  it('differ for every nonce and for every key', () => {
    const other = { id: 'k2', key: new Secret(Buffer.alloc(32, 8).toString('base64')) };
    const nonces = Array.from({ length: 200 }, createJoinNonce);
    expect(new Set(nonces.map((n) => deriveJoinCode(key, n))).size).toBe(200);
    expect(deriveJoinCode(key, nonces[0] ?? '')).not.toBe(deriveJoinCode(other, nonces[0] ?? ''));
  });

  it('refuses anything that is not 43 base64url characters', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(isWellFormedJoinCode(s)).toBe(/^[A-Za-z0-9_-]{43}$/.test(s));
      }),
    );
  });
});

import { createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../../src/core/crypto/keyring.js';
import { G2GError } from '../../../src/core/errors.js';
import { Secret } from '../../../src/secret.js';

const key = (id: string) => ({ id, key: new Secret(randomBytes(32).toString('base64')) });

describe('createKeyring', () => {
  const k1 = key('k1');
  const ring = createKeyring([k1]);

  it('round-trips any text and names its key in the ciphertext', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (plaintext, context) => {
        const ct = ring.encrypt(plaintext, context);
        expect(ct.startsWith('v1.k1.')).toBe(true);
        expect(ring.decrypt(ct, context)).toBe(plaintext);
      }),
      { numRuns: 200 },
    );
  });

  it('is standard AES-256-GCM with a 12-byte IV and the context as AAD (checked with node:crypto directly)', () => {
    const ct = ring.encrypt('token-abc', 'vault_tokens:org1:access');
    const [, kid, iv, tag, body] = ct.split('.') as [string, string, string, string, string];
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    const d = createDecipheriv('aes-256-gcm', Buffer.from(k1.key.reveal(), 'base64'), Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(`g2g:v1:${kid}:vault_tokens:org1:access`));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    expect(Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString()).toBe('token-abc');
  });

  it('uses a fresh IV each time, so equal tokens never look equal at rest', () => {
    expect(ring.encrypt('same', 'c')).not.toBe(ring.encrypt('same', 'c'));
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const ct = ring.encrypt('token-abc', 'vault_tokens:org1:access');
    expect(() => ring.decrypt(ct, 'vault_tokens:org2:access')).toThrow(G2GError);
    expect(() => ring.decrypt(ct, 'vault_tokens:org1:refresh')).toThrow(/moved to another row/);
  });

  it('refuses a tampered ciphertext without echoing it', () => {
    const ct = ring.encrypt('token-abc', 'c');
    const parts = ct.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    const tampered = parts.join('.');
    expect(() => ring.decrypt(tampered, 'c')).toThrow(/authentication failed/);
    try {
      ring.decrypt(tampered, 'c');
    } catch (error) {
      expect((error as Error).message).not.toContain(parts[4]);
    }
  });

  it('names an unknown key id, and rejects garbage', () => {
    const other = createKeyring([key('k9')]);
    expect(() => ring.decrypt(other.encrypt('x', 'c'), 'c')).toThrow(/key id k9 is not configured/);
    expect(() => ring.decrypt('plain-token', 'c')).toThrow(/not a g2g ciphertext/);
  });

  it('rotates: a new first key encrypts, the old one still decrypts, reencrypt moves values to the new key', () => {
    const old = ring.encrypt('token-abc', 'c');
    const rotated = createKeyring([key('k2'), k1]);
    expect(rotated.decrypt(old, 'c')).toBe('token-abc');
    const moved = rotated.reencrypt(old, 'c');
    expect(moved && rotated.keyIdOf(moved)).toBe('k2');
    expect(rotated.decrypt(moved ?? '', 'c')).toBe('token-abc');
    expect(rotated.reencrypt(moved ?? '', 'c')).toBeUndefined();
    // Once k1 is dropped, values still under it fail clearly.
    expect(() => createKeyring([key('k2')]).decrypt(old, 'c')).toThrow(/k1 is not configured/);
  });
});

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSparkSignatureValid } from '../../../src/core/webhooks/spark-signature.js';
import { Secret } from '../../../src/secret.js';

const hmac = (body: Uint8Array, secret: string) => createHmac('sha1', secret).update(body).digest('hex');

describe('isSparkSignatureValid', () => {
  it('accepts the HMAC-SHA1 hex of the raw bytes under any configured secret, in either case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean(), (body, secrets, pick, upper) => {
        const secret = secrets[pick % secrets.length] as string;
        const sig = hmac(body, secret);
        expect(isSparkSignatureValid(Buffer.from(body), upper ? sig.toUpperCase() : sig, secrets.map((s) => new Secret(s)))).toBe(true);
      }),
    );
  });

  it('refuses another secret, other bytes, a missing header and anything not 40 hex digits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.string({ minLength: 1 }), (body, secret) => {
        const secrets = [new Secret(`${secret}x`)];
        expect(isSparkSignatureValid(Buffer.from(body), hmac(body, secret), secrets)).toBe(false);
        const other = Buffer.from(body);
        other[0] = (other[0] ?? 0) ^ 0xff;
        expect(isSparkSignatureValid(other, hmac(body, `${secret}x`), secrets)).toBe(false);
      }),
    );
    const secrets = [new Secret('s')];
    expect(isSparkSignatureValid(Buffer.from('{}'), undefined, secrets)).toBe(false);
    expect(isSparkSignatureValid(Buffer.from('{}'), '', secrets)).toBe(false);
    expect(isSparkSignatureValid(Buffer.from('{}'), `${hmac(Buffer.from('{}'), 's')}00`, secrets)).toBe(false);
    expect(isSparkSignatureValid(Buffer.from('{}'), 'z'.repeat(40), secrets)).toBe(false);
    expect(isSparkSignatureValid(Buffer.from('{}'), hmac(Buffer.from('{}'), 's'), [])).toBe(false);
  });
});

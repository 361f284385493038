import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signG2GEvent, verifyG2GSignature } from '../../../src/index.js';

const secretArb = fc.string({ minLength: 16, maxLength: 40 });
const NOW = 1_790_000_000_000;
const T = Math.floor(NOW / 1000);

describe('G2G-Signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> (computed independently)', () => {
    const body = '{"id":"e1","type":"visit.started"}';
    const expected = createHmac('sha256', 'secret-0123456789').update(`${T}.${body}`).digest('hex');
    expect(signG2GEvent(body, 'secret-0123456789', T)).toBe(`t=${T},v1=${expected}`);
  });

  it('verifies what g2g signed, for any body and secret, also with the secret anywhere in a rotation list', () => {
    fc.assert(
      fc.property(fc.string(), secretArb, fc.array(secretArb, { maxLength: 3 }), fc.integer({ min: -300, max: 300 }), (body, secret, others, skew) => {
        const header = signG2GEvent(body, secret, T + skew);
        const check = verifyG2GSignature(Buffer.from(body, 'utf8'), header, [...others, secret], { now: NOW, toleranceSeconds: 300 });
        expect(check).toEqual({ ok: true, timestamp: T + skew });
      }),
    );
  });

  it('refuses a changed body, a wrong secret, or a changed timestamp', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), secretArb, secretArb, (body, extra, secret, other) => {
        fc.pre(secret !== other);
        const header = signG2GEvent(body, secret, T);
        expect(verifyG2GSignature(body + extra, header, [secret], { now: NOW })).toEqual({ ok: false, reason: 'signature_mismatch' });
        expect(verifyG2GSignature(body, header, [other], { now: NOW })).toEqual({ ok: false, reason: 'signature_mismatch' });
        const shifted = header.replace(`t=${T}`, `t=${T - 1}`);
        expect(verifyG2GSignature(body, shifted, [secret], { now: NOW })).toEqual({ ok: false, reason: 'signature_mismatch' });
      }),
    );
  });

  it('refuses replays outside the tolerance (the timestamp is signed, so it cannot be moved)', () => {
    fc.assert(
      fc.property(fc.string(), secretArb, fc.integer({ min: 61, max: 10_000_000 }), fc.boolean(), (body, secret, off, late) => {
        const header = signG2GEvent(body, secret, late ? T - off : T + off);
        expect(verifyG2GSignature(body, header, [secret], { now: NOW, toleranceSeconds: 60 })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
      }),
    );
  });

  it('never throws on arbitrary headers, and refuses them', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (body, header) => {
        const check = verifyG2GSignature(body, header, ['secret-0123456789'], { now: NOW });
        expect(check.ok).toBe(false);
      }),
    );
    expect(verifyG2GSignature('x', undefined, ['secret-0123456789'])).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifyG2GSignature('x', `t=${T},v1=zz`, ['secret-0123456789'], { now: NOW })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifyG2GSignature('x', signG2GEvent('x', 'secret-0123456789', T), [], { now: NOW })).toEqual({ ok: false, reason: 'no_secrets' });
  });
});

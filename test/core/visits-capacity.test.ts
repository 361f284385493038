import { describe, expect, it } from 'vitest';
import { capacityWarning } from '../../src/core/capacity.js';
import { requestHash } from '../../src/core/visits/request-hash.js';
import { guestSubject } from '../../src/core/visits/guest-subject.js';

describe('capacityWarning', () => {
  it('warns only when the overlapping visits plus this one exceed a known license', () => {
    expect(capacityWarning(undefined, 50)).toBeNull();
    expect(capacityWarning(10, 9)).toBeNull();
    expect(capacityWarning(10, 10)).toMatch(/11 visits overlap.*allows 10/);
  });
});

describe('requestHash', () => {
  it('ignores key order and undefined fields but not values', () => {
    expect(requestHash({ a: 1, b: [1, { c: 2, d: undefined }] })).toBe(requestHash({ b: [1, { c: 2 }], a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});

describe('guestSubject', () => {
  it('is stable per tenant and person, differs across tenants, and does not reveal the e-mail', () => {
    const a = guestSubject('t1', { email: 'Pat@Example.com' });
    expect(a).toBe(guestSubject('t1', { email: 'pat@example.com' }));
    expect(a).not.toBe(guestSubject('t2', { email: 'pat@example.com' }));
    expect(a).not.toContain('example');
    expect(guestSubject('t1', {})).toBeUndefined();
    expect(guestSubject('t1', { externalId: 'x', email: 'a@b.c' })).toBe(guestSubject('t1', { externalId: 'x' }));
  });
});

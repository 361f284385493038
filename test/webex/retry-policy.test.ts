import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateLimitDelay } from '../../src/webex/rate-limit-delay.js';
import { gatewayMayHaveActed, gatewayRetryDelay, isSafeToRepeat, lostAnswerRetryDelay, type RetryPolicy } from '../../src/webex/retry-policy.js';

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 3,
  retryBaseDelayMs: 250,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: () => 0.5,
  ...over,
});

describe('retry decisions', () => {
  it('treats GET, HEAD, PUT and DELETE as safe to repeat, POST and PATCH only when the resource says so', () => {
    expect(['GET', 'HEAD', 'PUT', 'DELETE'].map((m) => isSafeToRepeat(m as 'GET', undefined))).toEqual([true, true, true, true]);
    expect(isSafeToRepeat('POST', undefined)).toBe(false);
    expect(isSafeToRepeat('PATCH', undefined)).toBe(false);
    expect(isSafeToRepeat('POST', true)).toBe(true);
    expect(isSafeToRepeat('GET', false)).toBe(false);
  });

  it('backs off after a lost answer within [0, min(cap, base * 2^n)] and gives up after maxRetries or when not repeatable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (retries, r) => {
        const p = policy({ random: () => r });
        const delay = lostAnswerRetryDelay(p, retries, true);
        if (retries >= p.maxRetries) return delay === undefined;
        const ceiling = Math.min(8_000, 250 * 2 ** retries);
        return delay !== undefined && delay >= 0 && delay <= ceiling;
      }),
    );
    expect(lostAnswerRetryDelay(policy(), 0, false)).toBeUndefined();
  });

  it('waits Retry-After on 429 and 423 for any method, fails at once when it is longer than maxRetryAfterMs', () => {
    expect(rateLimitDelay(policy(), 0, 429, 2_000)).toBe(2_000);
    expect(rateLimitDelay(policy(), 0, 423, 5_000)).toBe(5_000);
    expect(rateLimitDelay(policy(), 0, 429, 60_001)).toBeUndefined();
    expect(rateLimitDelay(policy(), 3, 429, 1_000)).toBeUndefined();
    expect(rateLimitDelay(policy(), 0, 429, undefined)).toBe(125); // base 250 * 2^0 * random 0.5
    for (const status of [400, 401, 404, 500, 502, 503, 504]) expect(rateLimitDelay(policy(), 0, status, 1_000)).toBeUndefined();
  });

  it('repeats 502, 503 and 504 only for safe requests, honouring a Retry-After it may wait for', () => {
    for (const status of [502, 503, 504]) {
      expect(gatewayRetryDelay(policy(), 0, status, true, undefined)).toBe(125);
      expect(gatewayRetryDelay(policy(), 0, status, true, 3_000)).toBe(3_000);
      expect(gatewayRetryDelay(policy(), 0, status, false, undefined)).toBeUndefined();
      expect(gatewayRetryDelay(policy(), 0, status, true, 120_000)).toBeUndefined();
      expect(gatewayRetryDelay(policy(), 3, status, true, undefined)).toBeUndefined();
    }
    for (const status of [429, 500, 501]) expect(gatewayRetryDelay(policy(), 0, status, true, undefined)).toBeUndefined();
  });

  it('counts a 502 or 504 as possibly acted on by Webex, a 503 not', () => {
    expect([502, 503, 504].map(gatewayMayHaveActed)).toEqual([true, false, true]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refreshMarginMs } from '../../../src/core/vault/refresh-margin.js';

const MIN = 60_000;

describe('refreshMarginMs', () => {
  it('refreshes when 20% of a long lifetime remains', () => {
    expect(refreshMarginMs(14 * 24 * 60 * MIN)).toBe(0.2 * 14 * 24 * 60 * MIN);
  });
  it('refreshes with 10 minutes left when 20% would be less', () => {
    expect(refreshMarginMs(60 * MIN)).toBe(12 * MIN);
    expect(refreshMarginMs(30 * MIN)).toBe(10 * MIN);
  });
  it('never asks for more than half the lifetime, so short tokens are not refreshed on every use', () => {
    expect(refreshMarginMs(10 * MIN)).toBe(5 * MIN);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), (lifetime) => {
        const m = refreshMarginMs(lifetime);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(lifetime / 2);
        expect(m).toBeGreaterThanOrEqual(Math.min(lifetime * 0.2, lifetime / 2));
      }),
    );
  });
});

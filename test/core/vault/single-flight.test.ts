import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../../src/core/vault/single-flight.js';

describe('singleFlight', () => {
  it('runs one task per key among overlapping callers, whatever the interleaving, and forgets it once settled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.constantFrom('org-a', 'org-b'), { minLength: 1, maxLength: 8 }), fc.boolean(), async (s, keys, fail) => {
        const flight = singleFlight<string>();
        const runs: Record<string, number> = {};
        const task = (key: string) => () => {
          runs[key] = (runs[key] ?? 0) + 1;
          return s.schedule(fail ? Promise.reject(new Error(`refresh of ${key} failed`)) : Promise.resolve(`token-${key}-${runs[key]}`));
        };
        const results = keys.map((key) => flight(key, task(key)).then((v) => ({ ok: true as const, v }), (e: Error) => ({ ok: false as const, v: e.message })));
        await s.waitAll();
        const settled = await Promise.all(results);
        for (const key of new Set(keys)) expect(runs[key]).toBe(1);
        keys.forEach((key, i) => expect(settled[i]).toEqual(fail ? { ok: false, v: `refresh of ${key} failed` } : { ok: true, v: `token-${key}-1` }));
        // After settling, the next call runs again (a failed refresh is not cached).
        const again = flight(keys[0] as string, () => Promise.resolve('fresh'));
        expect(await again).toBe('fresh');
      }),
      { numRuns: 100 },
    );
  });
});

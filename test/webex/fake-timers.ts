import type { WebexTimers } from '../../src/webex/index.js';

export interface FakeTimers extends WebexTimers {
  /** Every delay the client slept, in order. */
  sleeps: number[];
  /** Makes every per-attempt timeout still pending fire now (as if its time had passed). */
  fireTimeouts(): void;
}

/**
 * Timers for deterministic tests: `sleep` returns at once, moves the fake clock and records the delay; per-attempt
 * timeouts fire only when the test calls `fireTimeouts()` (e.g. once the server has the request and holds it).
 */
export function createFakeTimers(start = Date.UTC(2026, 10, 25, 9, 0, 0)): FakeTimers {
  let now = start;
  const sleeps: number[] = [];
  const pending = new Set<AbortController>();
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    timeout: () => {
      const controller = new AbortController();
      pending.add(controller);
      return { signal: controller.signal, clear: () => pending.delete(controller) };
    },
    fireTimeouts: () => {
      for (const controller of pending) controller.abort(new DOMException('timed out', 'TimeoutError'));
      pending.clear();
    },
  };
}

import { systemTimers, type WebexTimers } from '../../src/webex/index.js';

/** Timers whose sleep returns at once, moves the fake clock and records the delay; timeouts stay real (short). */
export function createFakeTimers(start = Date.UTC(2026, 10, 25, 9, 0, 0)): WebexTimers & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    timeout: (ms) => systemTimers.timeout(ms),
  };
}

/**
 * A per-token limit in requests per minute of the emulator's clock (Webex: about 300/min per user, docs/webex-contract.md §10),
 * answering 429 with Retry-After. Fixed windows keep it O(1); moving the clock opens the next window.
 */
export interface RateLimiter {
  /** undefined when allowed, else the seconds to wait. */
  check(key: string, now: number): number | undefined;
  setLimit(requestsPerMinute: number | null): void;
  readonly limit: number | null;
}

export function createRateLimiter(): RateLimiter {
  let limit: number | null = null;
  const windows = new Map<string, { window: number; count: number }>();
  return {
    check(key, now) {
      if (limit === null) return undefined;
      const window = Math.floor(now / 60_000);
      const entry = windows.get(key);
      if (!entry || entry.window !== window) {
        windows.set(key, { window, count: 1 });
        return undefined;
      }
      entry.count += 1;
      if (entry.count <= limit) return undefined;
      return Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    },
    setLimit(value) {
      limit = value;
      windows.clear();
    },
    get limit() {
      return limit;
    },
  };
}

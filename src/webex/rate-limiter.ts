import { createHash } from 'node:crypto';
import type { WebexTimers } from './webex-timers.js';

/**
 * A client-side token bucket per bearer token (Webex limits per user, about 300 requests/minute). Keys are hashes
 * of the token, so the long-lived map never holds a raw token; the map is bounded (oldest bucket dropped first).
 */
export interface RateLimiter {
  /** Waits (cancellably) until the token may send one more request. */
  acquire(token: string, signal?: AbortSignal): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 10_000;

export function createRateLimiter(options: { requestsPerSecond: number; burst?: number; timers: WebexTimers }): RateLimiter {
  const rate = options.requestsPerSecond;
  if (!(rate > 0)) throw new RangeError('rateLimit.requestsPerSecond must be a positive number');
  const capacity = Math.max(1, options.burst ?? Math.ceil(rate));
  const buckets = new Map<string, Bucket>();

  const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url').slice(0, 22);

  return {
    async acquire(token, signal) {
      const key = keyOf(token);
      for (;;) {
        const now = options.timers.now();
        let bucket = buckets.get(key);
        if (!bucket) {
          if (buckets.size >= MAX_BUCKETS) {
            const oldest = buckets.keys().next().value;
            if (oldest !== undefined) buckets.delete(oldest);
          }
          bucket = { tokens: capacity, updatedAt: now };
          buckets.set(key, bucket);
        }
        bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
        bucket.updatedAt = now;
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        const waitMs = Math.ceil(((1 - bucket.tokens) / rate) * 1000);
        await options.timers.sleep(waitMs, signal);
      }
    },
  };
}

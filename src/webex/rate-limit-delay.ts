import { backoffDelay } from './backoff.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * After a 429 or 423: how long to wait before repeating, or undefined to fail now (retries used up, or Webex asks
 * for a longer wait than `maxRetryAfterMs`; the error then carries `retryAfterMs`). Webex did nothing and says when
 * to come back, so any method may wait and repeat.
 */
export function rateLimitDelay(policy: RetryPolicy, retries: number, status: number, retryAfterMs: number | undefined): number | undefined {
  if ((status !== 429 && status !== 423) || retries >= policy.maxRetries) return undefined;
  const delayMs = retryAfterMs ?? backoffDelay(retries, policy.retryBaseDelayMs, policy.maxRetryDelayMs, policy.random);
  return delayMs <= policy.maxRetryAfterMs ? delayMs : undefined;
}

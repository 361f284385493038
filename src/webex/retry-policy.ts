import { backoffDelay } from './backoff.js';
import type { HttpMethod } from './transport.js';

/** How many times and how long the transport may wait and try again (client options, defaults in client.ts). */
export interface RetryPolicy {
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

/**
 * Whether repeating a request after a lost answer is harmless. GET, HEAD, PUT and DELETE are idempotent by HTTP;
 * POST and PATCH are not, unless the resource marks them (POSTs that create nothing, such as join links).
 */
export function isSafeToRepeat(method: HttpMethod, declared: boolean | undefined): boolean {
  return declared ?? (method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE');
}

/** After no answer (timeout, dropped or refused connection): the backoff delay, or undefined to give up. */
export function lostAnswerRetryDelay(policy: RetryPolicy, retries: number, repeatable: boolean): number | undefined {
  if (!repeatable || retries >= policy.maxRetries) return undefined;
  return backoffDelay(retries, policy.retryBaseDelayMs, policy.maxRetryDelayMs, policy.random);
}

/**
 * After a 502, 503 or 504: repeat only what is harmless to repeat. A Retry-After longer than we may wait fails at
 * once, as for 429, so the caller can schedule the retry.
 */
export function gatewayRetryDelay(policy: RetryPolicy, retries: number, status: number, safe: boolean, retryAfterMs: number | undefined): number | undefined {
  if (status !== 502 && status !== 503 && status !== 504) return undefined;
  if (!safe || retries >= policy.maxRetries) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return undefined;
  return retryAfterMs ?? backoffDelay(retries, policy.retryBaseDelayMs, policy.maxRetryDelayMs, policy.random);
}

/** A 502 or 504 may have come after Webex acted (a proxy lost the answer); a 503 means it did nothing. */
export function gatewayMayHaveActed(status: number): boolean {
  return status === 502 || status === 504;
}

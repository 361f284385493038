import { createAttemptLogger } from './attempt-log.js';
import { parseRetryAfter } from './backoff.js';
import { BearerAuth } from './bearer-auth.js';
import { abortedError, invalidJsonError, noAnswerError, noTokenSourceError, statusError, type CallContext } from './call-errors.js';
import { connectionErrorCode, wasNeverSent } from './connection-error.js';
import { encodeRequest } from './encode-request.js';
import { codeForStatus, parseErrorBody, type WebexErrorCode } from './errors.js';
import { rateLimitDelay } from './rate-limit-delay.js';
import type { RateLimiter } from './rate-limiter.js';
import { createRequestUrls } from './request-url.js';
import { gatewayMayHaveActed, gatewayRetryDelay, isSafeToRepeat, lostAnswerRetryDelay, type RetryPolicy } from './retry-policy.js';
import type { TokenSource } from './token-source.js';
import type { WebexTimers } from './webex-timers.js';

/** The last argument of every client method. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** What list methods' `listPage` take besides the query: a previous page's `nextPageUrl`. */
export interface PageOptions extends CallOptions {
  pageUrl?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;
export type QueryParams = { readonly [name: string]: QueryValue };

/** What the log hooks see of a request; tokens, secrets and join links are already redacted. */
export interface WebexRequestLog {
  method: HttpMethod;
  /** Full URL with credential-bearing query values redacted. */
  url: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** What the log hooks see of an answer (or of its absence: `status` 0 and `error`). Already redacted. */
export interface WebexResponseLog {
  method: HttpMethod;
  url: string;
  attempt: number;
  status: number;
  durationMs: number;
  trackingId?: string;
  headers?: Record<string, string>;
  body?: unknown;
  error?: { code: WebexErrorCode; message: string };
  /** What the transport does next: `return`, `retry` (after `delayMs`), `refresh-token` or `throw`. */
  next: 'return' | 'retry' | 'refresh-token' | 'throw';
  delayMs?: number;
}

export interface TransportOptions {
  baseUrl: string;
  token: TokenSource | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  rateLimiter: RateLimiter | undefined;
  onRequest: ((e: WebexRequestLog) => void) | undefined;
  onResponse: ((e: WebexResponseLog) => void) | undefined;
  fetch: typeof fetch;
  timers: WebexTimers;
  random: () => number;
  userAgent: string;
}

export interface TransportRequest {
  method: HttpMethod;
  /** `/meetings/abc` (segments already encoded), or an absolute URL on the same origin (a `Link` next page). */
  path: string;
  query?: QueryParams | undefined;
  json?: unknown;
  form?: Record<string, string>;
  /** Overrides the JSON content type (PATCH /meetings declares `application/json-patch+json`). */
  contentType?: string;
  responseType?: 'json' | 'text' | 'none';
  /** false: send no bearer (the OAuth token endpoint authenticates with the body). Default true. */
  auth?: boolean;
  /**
   * Whether repeating the request after a lost answer is harmless. Default: GET, HEAD, PUT and DELETE yes
   * (idempotent by HTTP), POST and PATCH no. Resources mark the POSTs that create nothing (join links) as safe.
   */
  safeToRepeat?: boolean;
  signal?: AbortSignal | undefined;
}

export interface TransportResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface Transport {
  request<T>(req: TransportRequest): Promise<TransportResponse<T>>;
  readonly baseUrl: string;
}

/**
 * One Webex call, attempt after attempt: bearer (one refresh after a 401), client-side rate limit, per-attempt
 * timeout, and what to do with each outcome (retry-policy, rate-limit-delay), errors (call-errors) and redacted log
 * hooks (attempt-log). Each concern lives in its own module; this loop only puts them in order.
 */
export function createTransport(options: TransportOptions): Transport {
  const urls = createRequestUrls(options.baseUrl);
  const logger = createAttemptLogger(options);
  const policy: RetryPolicy = options;
  const { timers } = options;

  async function request<T>(req: TransportRequest): Promise<TransportResponse<T>> {
    const { method, signal: callerSignal } = req;
    const { href, path } = urls.build(method, req.path, req.query);
    const safe = isSafeToRepeat(method, req.safeToRepeat);
    const responseType = req.responseType ?? 'json';
    const { headers, body, secrets } = encodeRequest(req, options.userAgent);
    const ctx: CallContext = { method, path, safe, secrets };

    let bearer: BearerAuth | undefined;
    if (req.auth ?? true) {
      if (!options.token) throw noTokenSourceError(ctx);
      try {
        const tokenOpts = callerSignal ? { signal: callerSignal } : undefined;
        bearer = new BearerAuth(options.token, await options.token.getToken(tokenOpts), tokenOpts);
      } catch (cause) {
        throw tokenSourceFailure(ctx, callerSignal, cause);
      }
    }
    // Set when an earlier attempt may have reached Webex and acted (no answer, or a gateway error).
    let earlierAttemptMayHaveActed = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw abortedError(ctx, callerSignal.reason, false);
      const token = bearer?.token;
      if (token !== undefined) {
        if (options.rateLimiter) await whileWaiting(ctx, options.rateLimiter.acquire(token, callerSignal));
        headers.authorization = `Bearer ${token}`;
      }
      const log = logger?.start({ method, href, attempt, headers, req, secrets, token });

      const attemptTimeout = timers.timeout(options.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, attemptTimeout.signal]) : attemptTimeout.signal;
      let response: Response;
      let text: string;
      try {
        const init: RequestInit = { method, headers, signal };
        if (body !== undefined) init.body = body;
        response = await options.fetch(href, init);
        text = responseType === 'none' && response.ok ? (await response.arrayBuffer(), '') : await response.text();
        attemptTimeout.clear();
      } catch (cause) {
        attemptTimeout.clear();
        if (callerSignal?.aborted) {
          const err = abortedError(ctx, cause, true);
          log?.noAnswer(err, 'throw');
          throw err;
        }
        const timedOut = attemptTimeout.signal.aborted;
        const notSent = !timedOut && wasNeverSent(cause);
        const delayMs = lostAnswerRetryDelay(policy, retries, safe || notSent);
        if (delayMs !== undefined) {
          if (!notSent) earlierAttemptMayHaveActed = true;
          log?.noAnswer({ code: timedOut ? 'webex_timeout' : 'webex_unavailable', message: String(connectionErrorCode(cause) ?? cause) }, 'retry', delayMs);
          retries++;
          await wait(ctx, timers, delayMs, callerSignal);
          continue;
        }
        const err = noAnswerError(ctx, { cause, timedOut, repeatable: safe || notSent, attempts: retries + 1, timeoutMs: options.timeoutMs });
        log?.noAnswer(err, 'throw');
        throw err;
      }

      const status = response.status;
      if (response.ok) {
        let data: unknown;
        if (responseType === 'json' && text !== '') {
          try {
            data = JSON.parse(text);
          } catch (cause) {
            const err = invalidJsonError(ctx, status, response.headers.get('trackingid') ?? undefined, cause);
            log?.unreadable(status, err);
            throw err;
          }
        } else if (responseType === 'text') {
          data = text;
        }
        log?.answered(status, response.headers, data);
        return { status, headers: response.headers, data: data as T };
      }

      const parsed = parseErrorBody(text);
      const trackingId = parsed.trackingId ?? response.headers.get('trackingid') ?? undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), timers.now());
      const answer = { status, headers: response.headers, text, parsed, trackingId };

      if (status === 401 && bearer?.canRefresh) {
        log?.refused(answer, 'webex_unauthorized', 'refresh-token');
        try {
          await bearer.refresh();
        } catch (cause) {
          throw tokenSourceFailure(ctx, callerSignal, cause);
        }
        continue;
      }

      const delayMs = rateLimitDelay(policy, retries, status, retryAfterMs) ?? gatewayRetryDelay(policy, retries, status, safe, retryAfterMs);
      if (delayMs !== undefined) {
        log?.refused(answer, codeForStatus(status), 'retry', delayMs);
        if (gatewayMayHaveActed(status)) earlierAttemptMayHaveActed = true;
        retries++;
        await wait(ctx, timers, delayMs, callerSignal);
        continue;
      }

      // A DELETE repeated after a lost answer finds nothing: the earlier attempt did the work. Deleting is
      // idempotent in effect, so report success instead of a 404 the caller would misread.
      if (status === 404 && method === 'DELETE' && earlierAttemptMayHaveActed) {
        log?.refused(answer, 'webex_not_found', 'return');
        return { status, headers: response.headers, data: undefined as T };
      }

      const err = statusError(ctx, { status, parsed, trackingId, retryAfterMs, secrets: token !== undefined ? [...secrets, token] : secrets });
      log?.refused(answer, err.code, 'throw');
      throw err;
    }
  }

  return { request, baseUrl: urls.baseUrl };
}

// The helpers below serve only the slow paths (limiter, backoff, token failures); they live out here so a call
// builds no closures for them.

/** The limiter and sleeps reject only when the caller aborts: nothing was sent for this attempt. */
async function whileWaiting(ctx: CallContext, pending: Promise<void>): Promise<void> {
  try {
    await pending;
  } catch (cause) {
    throw abortedError(ctx, cause, false);
  }
}

function wait(ctx: CallContext, timers: WebexTimers, ms: number, callerSignal: AbortSignal | undefined): Promise<void> {
  return ms > 0 ? whileWaiting(ctx, timers.sleep(ms, callerSignal)) : Promise.resolve();
}

/** The token source also fails for its own reasons (a refused refresh): those pass through as they are. */
function tokenSourceFailure(ctx: CallContext, callerSignal: AbortSignal | undefined, cause: unknown): unknown {
  return callerSignal?.aborted ? abortedError(ctx, cause, false) : cause;
}

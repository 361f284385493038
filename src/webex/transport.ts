import { backoffDelay, parseRetryAfter } from './backoff.js';
import { codeForStatus, isRetryableStatus, parseErrorBody, WebexApiError, type WebexErrorCode } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { redactForm, redactHeaders, redactText, redactValue } from './redact.js';
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

/** Connection errors raised before any byte of the request left: repeating is safe whatever the method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  let params: URLSearchParams | undefined;
  for (const name in query) {
    const value = query[name];
    if (value === undefined) continue;
    params ??= new URLSearchParams();
    if (Array.isArray(value)) for (const v of value as readonly (string | number | boolean)[]) params.append(name, String(v));
    else params.append(name, String(value));
  }
  return params ? `?${params.toString()}` : '';
}

function appendQuery(url: URL, query: QueryParams | undefined): void {
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly (string | number | boolean)[]) url.searchParams.append(name, String(v));
    else url.searchParams.append(name, String(value));
  }
}

export function createTransport(options: TransportOptions): Transport {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const logging = options.onRequest !== undefined || options.onResponse !== undefined;
  // A failing log hook must not fail (or retry) the Webex call it describes.
  const onRequest = options.onRequest
    ? (e: WebexRequestLog) => {
        try {
          options.onRequest?.(e);
        } catch {
          // ignored on purpose: logging is best effort
        }
      }
    : undefined;
  const onResponse = options.onResponse
    ? (e: WebexResponseLog) => {
        try {
          options.onResponse?.(e);
        } catch {
          // ignored on purpose: logging is best effort
        }
      }
    : undefined;

  const baseHref = base.href.replace(/\/$/, '');

  /** The request URL as a string, and its path relative to the base (for errors). Strings keep the hot path cheap. */
  function buildUrl(req: TransportRequest, method: HttpMethod): { href: string; path: string } {
    if (req.path.startsWith('/')) {
      const search = queryString(req.query);
      return { href: `${baseHref}${req.path}${search}`, path: req.path };
    }
    const url = new URL(req.path);
    // A Link header pointing elsewhere must never receive our bearer token.
    if (url.origin !== base.origin) {
      throw new WebexApiError({
        code: 'webex_invalid_response',
        status: 0,
        method,
        path: url.pathname,
        message: `Refusing to follow a link to ${url.origin}: the client only talks to ${base.origin}`,
      });
    }
    appendQuery(url, req.query);
    const path = url.pathname.startsWith(base.pathname) ? `/${url.pathname.slice(base.pathname.length)}` : url.pathname;
    return { href: url.href, path };
  }

  async function request<T>(req: TransportRequest): Promise<TransportResponse<T>> {
    const method = req.method;
    const { href, path } = buildUrl(req, method);
    const safe = req.safeToRepeat ?? (method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE');
    const auth = req.auth ?? true;
    const responseType = req.responseType ?? 'json';
    const callerSignal = req.signal;

    const headers: Record<string, string> = { 'user-agent': options.userAgent };
    headers.accept = responseType === 'text' ? 'text/plain, text/vtt, */*' : 'application/json';
    let body: string | undefined;
    // Known secrets of this call, scrubbed from error messages and log text in case Webex echoes them back.
    const secrets: string[] = [];
    if (req.form !== undefined) {
      const form = new URLSearchParams(req.form);
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      for (const [k, v] of form) if (/secret|token/i.test(k)) secrets.push(v);
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = req.contentType ?? 'application/json';
    }

    const fail = (init: Omit<ConstructorParameters<typeof WebexApiError>[0], 'method' | 'path'>): WebexApiError =>
      new WebexApiError({ ...init, message: redactText(init.message, secrets), method, path });

    const aborted = (cause: unknown, sent: boolean): WebexApiError =>
      fail({
        code: 'webex_aborted',
        status: 0,
        message: `${method} ${path} was aborted by the caller${sent && !safe ? '; it may or may not have taken effect' : ''}`,
        outcomeUnknown: sent && !safe,
        cause,
      });

    const wait = async (ms: number): Promise<void> => {
      if (ms <= 0) return;
      try {
        await options.timers.sleep(ms, callerSignal);
      } catch (cause) {
        throw aborted(cause, false);
      }
    };

    if (auth && !options.token) {
      throw fail({ code: 'webex_unauthorized', status: 0, message: `No token source configured for ${method} ${path}: pass \`token\` to createWebexClient` });
    }

    let token: string | undefined;
    if (auth && options.token) {
      try {
        token = await options.token.getToken(callerSignal ? { signal: callerSignal } : undefined);
      } catch (cause) {
        if (callerSignal?.aborted) throw aborted(cause, false);
        throw cause;
      }
    }
    let refreshed = false;
    // Set when an earlier attempt may have reached Webex and acted (no answer, or a gateway error).
    let earlierAttemptMayHaveActed = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw aborted(callerSignal.reason, false);
      if (token !== undefined && options.rateLimiter) {
        try {
          await options.rateLimiter.acquire(token, callerSignal);
        } catch (cause) {
          throw aborted(cause, false);
        }
      }
      if (token !== undefined) headers.authorization = `Bearer ${token}`;

      const logSecrets = token !== undefined && logging ? [...secrets, token] : secrets;
      const logUrl = logging ? redactText(href, logSecrets) : '';
      if (onRequest) {
        const logBody =
          req.form !== undefined ? redactForm(new URLSearchParams(req.form)) : req.json !== undefined ? redactValue(req.json, logSecrets) : undefined;
        onRequest({ method, url: logUrl, attempt, headers: redactHeaders(headers), ...(logBody !== undefined ? { body: logBody } : {}) });
      }

      const attemptTimeout = options.timers.timeout(options.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, attemptTimeout.signal]) : attemptTimeout.signal;
      const startedAt = logging ? options.timers.now() : 0;
      const report = (e: Omit<WebexResponseLog, 'method' | 'url' | 'attempt' | 'durationMs'>) =>
        onResponse?.({ method, url: logUrl, attempt, durationMs: options.timers.now() - startedAt, ...e });

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
          const err = aborted(cause, true);
          report({ status: 0, error: { code: err.code, message: err.message }, next: 'throw' });
          throw err;
        }
        const timedOut = attemptTimeout.signal.aborted;
        const notSent = !timedOut && NOT_SENT_CODES.has(errorCodeOf(cause) ?? '');
        const repeatable = safe || notSent;
        if (repeatable && retries < options.maxRetries) {
          const delayMs = backoffDelay(retries, options.retryBaseDelayMs, options.maxRetryDelayMs, options.random);
          if (!notSent) earlierAttemptMayHaveActed = true;
          report({ status: 0, error: { code: timedOut ? 'webex_timeout' : 'webex_unavailable', message: String(errorCodeOf(cause) ?? cause) }, next: 'retry', delayMs });
          retries++;
          await wait(delayMs);
          continue;
        }
        const err = repeatable
          ? fail({
              code: timedOut ? 'webex_timeout' : 'webex_unavailable',
              status: 0,
              message: timedOut
                ? `Webex did not answer ${method} ${path} within ${options.timeoutMs} ms (${retries + 1} attempts)`
                : `Could not reach Webex for ${method} ${path} (${errorCodeOf(cause) ?? 'connection failed'}, ${retries + 1} attempts)`,
              retryable: true,
              cause,
            })
          : fail({
              code: 'webex_outcome_unknown',
              status: 0,
              message: `${method} ${path} was sent but ${timedOut ? `got no answer within ${options.timeoutMs} ms` : `the connection failed (${errorCodeOf(cause) ?? 'no answer'})`}; it may or may not have taken effect: look it up before trying again`,
              retryable: true,
              outcomeUnknown: true,
              cause,
            });
        report({ status: 0, error: { code: err.code, message: err.message }, next: 'throw' });
        throw err;
      }

      const status = response.status;
      if (response.ok) {
        let data: unknown;
        if (responseType === 'json') {
          if (text !== '') {
            try {
              data = JSON.parse(text);
            } catch (cause) {
              const err = fail({
                code: 'webex_invalid_response',
                status,
                message: `Webex answered ${status} to ${method} ${path} with a body that is not JSON`,
                trackingId: response.headers.get('trackingid') ?? undefined,
                cause,
              });
              report({ status, error: { code: err.code, message: err.message }, next: 'throw' });
              throw err;
            }
          }
        } else if (responseType === 'text') {
          data = text;
        }
        if (onResponse) {
          const trackingId = response.headers.get('trackingid');
          report({
            status,
            headers: redactHeaders(response.headers),
            ...(trackingId ? { trackingId } : {}),
            ...(data !== undefined ? { body: redactValue(data, logSecrets) } : {}),
            next: 'return',
          });
        }
        return { status, headers: response.headers, data: data as T };
      }

      // Webex may echo a token or secret back in its message: scrub every secret of this call.
      const allSecrets = token !== undefined ? [...secrets, token] : secrets;
      const parsed = parseErrorBody(text);
      const trackingId = parsed.trackingId ?? response.headers.get('trackingid') ?? undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.timers.now());
      const logError = (code: WebexErrorCode, next: WebexResponseLog['next'], delayMs?: number) =>
        report({
          status,
          headers: redactHeaders(response.headers),
          ...(trackingId ? { trackingId } : {}),
          ...(logging && text !== '' ? { body: redactValue(parsed.webexMessage !== undefined ? safeJson(text) : text, allSecrets) } : {}),
          error: { code, message: redactText(parsed.webexMessage ?? `HTTP ${status}`, allSecrets) },
          next,
          ...(delayMs !== undefined ? { delayMs } : {}),
        });

      // 401: the token may have expired or been revoked; ask the source once for a fresh one (nothing was done).
      if (status === 401 && auth && options.token && token !== undefined && !refreshed) {
        logError('webex_unauthorized', 'refresh-token');
        refreshed = true;
        const rejected = token;
        try {
          token = await options.token.refreshToken(rejected, callerSignal ? { signal: callerSignal } : undefined);
        } catch (cause) {
          if (callerSignal?.aborted) throw aborted(cause, false);
          throw cause;
        }
        continue;
      }

      // 429 and 423: Webex did nothing and says when to come back; any method may wait and repeat.
      if ((status === 429 || status === 423) && retries < options.maxRetries) {
        const delayMs = retryAfterMs ?? backoffDelay(retries, options.retryBaseDelayMs, options.maxRetryDelayMs, options.random);
        if (delayMs <= options.maxRetryAfterMs) {
          logError(codeForStatus(status), 'retry', delayMs);
          retries++;
          await wait(delayMs);
          continue;
        }
      }

      // Gateway errors: repeat only what is harmless to repeat.
      // A Retry-After longer than we may wait fails at once, as for 429, so the caller can schedule the retry.
      if (
        (status === 502 || status === 503 || status === 504) &&
        safe &&
        retries < options.maxRetries &&
        (retryAfterMs === undefined || retryAfterMs <= options.maxRetryAfterMs)
      ) {
        const delayMs = retryAfterMs ?? backoffDelay(retries, options.retryBaseDelayMs, options.maxRetryDelayMs, options.random);
        logError(codeForStatus(status), 'retry', delayMs);
        if (status !== 503) earlierAttemptMayHaveActed = true;
        retries++;
        await wait(delayMs);
        continue;
      }

      // A DELETE repeated after a lost answer finds nothing: the earlier attempt did the work. Deleting is
      // idempotent in effect, so report success instead of a 404 the caller would misread.
      if (status === 404 && method === 'DELETE' && earlierAttemptMayHaveActed) {
        logError('webex_not_found', 'return');
        return { status, headers: response.headers, data: undefined as T };
      }

      const code = codeForStatus(status);
      const detail = parsed.webexMessage ?? `HTTP ${status}`;
      const descriptions = parsed.descriptions.map((d) => redactText(d, allSecrets));
      const outcomeUnknown = !safe && (status === 500 || status === 502 || status === 504);
      const err = fail({
        code,
        status,
        message:
          `Webex answered ${status} to ${method} ${path}: ${redactText(detail, allSecrets)}` +
          (descriptions.length > 0 ? ` (${descriptions.join('; ')})` : '') +
          (trackingId ? ` [trackingId ${trackingId}]` : '') +
          (outcomeUnknown ? '; it may or may not have taken effect: look it up before trying again' : ''),
        webexMessage: parsed.webexMessage !== undefined ? redactText(parsed.webexMessage, allSecrets) : undefined,
        descriptions,
        trackingId,
        retryable: isRetryableStatus(status),
        retryAfterMs,
        outcomeUnknown,
        oauthError: parsed.oauthError,
      });
      logError(code, 'throw');
      throw err;
    }
  }

  return { request, baseUrl: base.toString().replace(/\/$/, '') };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

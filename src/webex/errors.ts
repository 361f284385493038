/** Every way a Webex call can fail. Callers branch on `code` (or `retryable` / `outcomeUnknown`), never on text. */
export const WEBEX_ERROR_CODES = [
  'webex_bad_request', // 400
  'webex_unauthorized', // 401 (after the one token refresh), or no token source configured
  'webex_forbidden', // 403: missing scope, Service App not authorized, license/role refusal
  'webex_not_found', // 404
  'webex_method_not_allowed', // 405
  'webex_conflict', // 409: e.g. a person added to a room twice
  'webex_gone', // 410
  'webex_unsupported_media_type', // 415
  'webex_locked', // 423 (Retry-After longer than we may wait, or retries used up)
  'webex_precondition_required', // 428
  'webex_rate_limited', // 429 (Retry-After longer than we may wait, or retries used up)
  'webex_server_error', // 500 and other 5xx
  'webex_unavailable', // 502, 503, 504, or no connection (after the retries a safe request may use)
  'webex_timeout', // no answer in time for a request that is safe to repeat (after its retries)
  'webex_outcome_unknown', // a request that is not safe to repeat was sent but got no answer: reconcile
  'webex_aborted', // the caller's AbortSignal fired
  'webex_invalid_response', // a 2xx whose body is not what Webex documents (bad JSON)
  'webex_unexpected_status', // a status outside Webex's documented list
] as const;
export type WebexErrorCode = (typeof WEBEX_ERROR_CODES)[number];

export interface WebexApiErrorInit {
  code: WebexErrorCode;
  status: number;
  message: string;
  method: string;
  path: string;
  webexMessage?: string | undefined;
  descriptions?: string[] | undefined;
  trackingId?: string | undefined;
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  outcomeUnknown?: boolean | undefined;
  oauthError?: string | undefined;
  cause?: unknown;
}

/** The one error class of webex/: what Webex said, where, and what the caller can do next. Holds no secrets. */
export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';
  readonly code: WebexErrorCode;
  /** What Webex answered; 0 if it did not answer. */
  readonly status: number;
  /** Webex's `message` field, secrets removed. */
  readonly webexMessage: string | undefined;
  /** Webex's `errors[].description` values, secrets removed. */
  readonly descriptions: string[];
  /** From the body or the `Trackingid` header: quote it to Cisco support. */
  readonly trackingId: string | undefined;
  readonly method: string;
  /** The path without its query string (queries may hold e-mail addresses). */
  readonly path: string;
  /** Whether repeating the same call later could succeed (rate limits, 5xx, no connection). */
  readonly retryable: boolean;
  /** From `Retry-After` on 429, 423 and 503. */
  readonly retryAfterMs: number | undefined;
  /** True when a request that is not safe to repeat may or may not have taken effect: look before trying again. */
  readonly outcomeUnknown: boolean;
  /** The OAuth `error` field of `/access_token` answers, e.g. `invalid_grant` (refresh token revoked or expired). */
  readonly oauthError: string | undefined;

  constructor(init: WebexApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.webexMessage = init.webexMessage;
    this.descriptions = init.descriptions ?? [];
    this.trackingId = init.trackingId;
    this.method = init.method;
    this.path = init.path;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.oauthError = init.oauthError;
  }
}

export function isWebexApiError(value: unknown): value is WebexApiError {
  return value instanceof WebexApiError;
}

/** Maps an HTTP status to our code; 5xx gateway statuses mean "Webex is not reachable right now". */
export function codeForStatus(status: number): WebexErrorCode {
  switch (status) {
    case 400:
      return 'webex_bad_request';
    case 401:
      return 'webex_unauthorized';
    case 403:
      return 'webex_forbidden';
    case 404:
      return 'webex_not_found';
    case 405:
      return 'webex_method_not_allowed';
    case 409:
      return 'webex_conflict';
    case 410:
      return 'webex_gone';
    case 415:
      return 'webex_unsupported_media_type';
    case 423:
      return 'webex_locked';
    case 428:
      return 'webex_precondition_required';
    case 429:
      return 'webex_rate_limited';
    case 502:
    case 503:
    case 504:
      return 'webex_unavailable';
    default:
      return status >= 500 ? 'webex_server_error' : 'webex_unexpected_status';
  }
}

/** Whether the same call could succeed later. License, scope and validation refusals (other 4xx) are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 423 || status === 429 || status >= 500;
}

export interface ParsedErrorBody {
  webexMessage: string | undefined;
  descriptions: string[];
  trackingId: string | undefined;
  oauthError: string | undefined;
}

/**
 * Reads a Webex error body (`{message, errors:[{description}], trackingId}`) or an OAuth one
 * (`{error, error_description}`); anything else (a proxy's HTML 429 page) yields no fields.
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  const empty: ParsedErrorBody = { webexMessage: undefined, descriptions: [], trackingId: undefined, oauthError: undefined };
  if (text.trim() === '') return empty;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return empty;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return empty;
  const b = body as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const descriptions: string[] = [];
  if (Array.isArray(b.errors)) {
    for (const e of b.errors as unknown[]) {
      const d = e && typeof e === 'object' ? str((e as Record<string, unknown>).description) : undefined;
      if (d) descriptions.push(d);
    }
  }
  const oauthDescription = str(b.error_description);
  if (oauthDescription && descriptions.length === 0) descriptions.push(oauthDescription);
  return {
    webexMessage: str(b.message) ?? oauthDescription ?? str(b.error),
    descriptions,
    trackingId: str(b.trackingId),
    oauthError: str(b.error),
  };
}

import { connectionErrorCode } from './connection-error.js';
import { codeForStatus, isRetryableStatus, WebexApiError, type ParsedErrorBody, type WebexApiErrorInit } from './errors.js';
import { redactText } from './redact.js';
import type { HttpMethod } from './transport.js';

/** What every error of one call names, and the secrets its messages must never show. */
export interface CallContext {
  method: HttpMethod;
  path: string;
  safe: boolean;
  secrets: readonly string[];
}

const MAY_HAVE_ACTED = '; it may or may not have taken effect: look it up before trying again';

function callError(ctx: CallContext, init: Omit<WebexApiErrorInit, 'method' | 'path'>): WebexApiError {
  return new WebexApiError({ ...init, message: redactText(init.message, ctx.secrets), method: ctx.method, path: ctx.path });
}

export function noTokenSourceError(ctx: CallContext): WebexApiError {
  return callError(ctx, {
    code: 'webex_unauthorized',
    status: 0,
    message: `No token source configured for ${ctx.method} ${ctx.path}: pass \`token\` to createWebexClient`,
  });
}

/** The caller's signal fired; `sent`: the request may already have reached Webex. */
export function abortedError(ctx: CallContext, cause: unknown, sent: boolean): WebexApiError {
  const outcomeUnknown = sent && !ctx.safe;
  return callError(ctx, {
    code: 'webex_aborted',
    status: 0,
    message: `${ctx.method} ${ctx.path} was aborted by the caller${outcomeUnknown ? '; it may or may not have taken effect' : ''}`,
    outcomeUnknown,
    cause,
  });
}

/**
 * No answer and no retry left. A request that may be repeated says Webex is slow or unreachable; one that may not
 * (a create) is `webex_outcome_unknown`, since Webex may have acted before the answer was lost.
 */
export function noAnswerError(ctx: CallContext, init: { cause: unknown; timedOut: boolean; repeatable: boolean; attempts: number; timeoutMs: number }): WebexApiError {
  const { cause, timedOut, attempts, timeoutMs } = init;
  const { method, path } = ctx;
  const systemCode = connectionErrorCode(cause);
  if (init.repeatable) {
    return callError(ctx, {
      code: timedOut ? 'webex_timeout' : 'webex_unavailable',
      status: 0,
      message: timedOut
        ? `Webex did not answer ${method} ${path} within ${timeoutMs} ms (${attempts} attempts)`
        : `Could not reach Webex for ${method} ${path} (${systemCode ?? 'connection failed'}, ${attempts} attempts)`,
      retryable: true,
      cause,
    });
  }
  return callError(ctx, {
    code: 'webex_outcome_unknown',
    status: 0,
    message: `${method} ${path} was sent but ${timedOut ? `got no answer within ${timeoutMs} ms` : `the connection failed (${systemCode ?? 'no answer'})`}${MAY_HAVE_ACTED}`,
    retryable: true,
    outcomeUnknown: true,
    cause,
  });
}

export function invalidJsonError(ctx: CallContext, status: number, trackingId: string | undefined, cause: unknown): WebexApiError {
  return callError(ctx, {
    code: 'webex_invalid_response',
    status,
    message: `Webex answered ${status} to ${ctx.method} ${ctx.path} with a body that is not JSON`,
    trackingId,
    cause,
  });
}

/**
 * A refusal Webex answered and we will not retry. `secrets` adds the bearer token to the call's own secrets:
 * Webex may echo either back in its message.
 */
export function statusError(
  ctx: CallContext,
  init: { status: number; parsed: ParsedErrorBody; trackingId: string | undefined; retryAfterMs: number | undefined; secrets: readonly string[] },
): WebexApiError {
  const { status, parsed, trackingId, secrets } = init;
  const descriptions = parsed.descriptions.map((d) => redactText(d, secrets));
  const outcomeUnknown = !ctx.safe && (status === 500 || status === 502 || status === 504);
  return callError(ctx, {
    code: codeForStatus(status),
    status,
    message:
      `Webex answered ${status} to ${ctx.method} ${ctx.path}: ${redactText(parsed.webexMessage ?? `HTTP ${status}`, secrets)}` +
      (descriptions.length > 0 ? ` (${descriptions.join('; ')})` : '') +
      (trackingId ? ` [trackingId ${trackingId}]` : '') +
      (outcomeUnknown ? MAY_HAVE_ACTED : ''),
    webexMessage: parsed.webexMessage !== undefined ? redactText(parsed.webexMessage, secrets) : undefined,
    descriptions,
    trackingId,
    retryable: isRetryableStatus(status),
    retryAfterMs: init.retryAfterMs,
    outcomeUnknown,
    oauthError: parsed.oauthError,
  });
}

import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { G2GError, type FieldProblem, type G2GErrorCode } from '../core/errors.js';
import { WebexApiError } from '../webex/index.js';
import { sendJoinPage } from './join-route.js';
import { describeError } from '../core/describe-error.js';

/** RFC 9457 problem details, as every g2g error answers. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: G2GErrorCode;
  /** One entry per invalid field. */
  errors?: FieldProblem[];
  /** Webex's trackingId: quote it to Cisco support. */
  trackingId?: string;
}

// RFC 9457: "about:blank" says the problem is what the HTTP status says; `code` carries the detail callers branch on.
const PROBLEM_TYPE = 'about:blank';

/**
 * The one error handler (docs/contributing.md §4): G2GError as is, zod validation errors with one entry per field,
 * WebexApiError as 502 (409 for a Webex conflict, 429 with Retry-After when Webex rate-limits) with Webex's message and trackingId, anything else a
 * logged 500 "internal error". Never a stack trace, never a secret (messages are built to hold none).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: describeError(error, { stack: true }), code: problem.code }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    if (error instanceof G2GError && error.retryAfterMs !== undefined) reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
    if (error instanceof WebexApiError && error.retryAfterMs !== undefined) reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    // A join link too long for the router (or with extra path segments) is still a link a person clicked.
    if (request.url.startsWith('/j/')) return sendJoinPage(reply, 404, 'unknown');
    return sendProblem(reply, problem(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

function problem(status: number, code: G2GErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: PROBLEM_TYPE, title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...extra };
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof G2GError) {
    // An unknown Webex outcome is no internal error: its message says what the caller should do (retry later, same key).
    if (error.status >= 500 && error.code !== 'webex_outcome_unknown') return problem(error.status, error.code, 'internal error');
    return problem(error.status, error.code, error.message, {
      ...(error.fields.length > 0 ? { errors: error.fields } : {}),
      ...(error.trackingId !== undefined ? { trackingId: error.trackingId } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const fields: FieldProblem[] = error.validation.flatMap((v) => {
      const base = v.instancePath.replace(/^\//, '').split('/').filter((s) => s !== '').join('.');
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        return keys.map((k) => ({ field: base === '' ? String(k) : `${base}.${String(k)}`, message: 'is not a known field' }));
      }
      return [{ field: base === '' ? where : base, message: v.message ?? 'is invalid' }];
    });
    return problem(400, 'validation_failed', `the request ${where} is invalid`, { errors: fields });
  }
  if (error instanceof WebexApiError) {
    const said = [error.webexMessage, ...error.descriptions].filter((s) => s !== undefined && s !== '').join(' ');
    const detail = error.status === 0 ? `Webex did not answer (${error.code})` : `Webex answered ${error.status}${said ? `: ${said}` : ''}`;
    const extra = error.trackingId !== undefined ? { trackingId: error.trackingId } : {};
    // Webex rate-limits per org token: the caller can do what we could not, wait Retry-After and try again.
    if (error.code === 'webex_rate_limited') return problem(429, 'webex_unavailable', `${detail}: try again after Retry-After`, extra);
    const code: G2GErrorCode = error.code === 'webex_outcome_unknown' ? 'webex_outcome_unknown' : error.status === 0 || error.code === 'webex_unavailable' ? 'webex_unavailable' : 'webex_error';
    return problem(error.code === 'webex_conflict' ? 409 : 502, code, detail, extra);
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own refusals (bad JSON, wrong content type, body too large): their messages hold no secrets.
    const code: G2GErrorCode = status === 415 ? 'unsupported_media_type' : status === 401 ? 'unauthenticated' : status === 404 ? 'not_found' : 'validation_failed';
    return problem(status, code, fastifyError.message ?? 'bad request', code === 'validation_failed' ? { errors: [{ field: 'body', message: fastifyError.message ?? 'is invalid' }] } : {});
  }
  void request;
  return problem(500, 'internal', 'internal error');
}

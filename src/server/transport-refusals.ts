import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from './error-handler.js';
import { sendProblem, toProblem } from './error-handler.js';
import { sendJoinPage } from './join-route.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Fastify's router limit on one path segment; longer ones are refused before any route runs. */
export const MAX_PATH_PARAM_LENGTH = 100;

function refusal(status: number, field: string, message: string, detail: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, code: 'validation_failed', errors: [{ field, message }] };
}

/**
 * Fastify's `frameworkErrors`: refusals the router makes before a route (and so before the error handler) runs.
 * Fastify's own bodies echo the path, which may hold a `/j/` code: ours never do.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const isJoinLink = request.url.startsWith('/j/');
  reply.header(REQUEST_ID_HEADER, request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    if (isJoinLink) return sendJoinPage(reply, 414, 'unknown');
    return sendProblem(reply, refusal(414, 'path', `each path segment must be at most ${MAX_PATH_PARAM_LENGTH} characters`, 'a path parameter is too long'));
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    if (isJoinLink) return sendJoinPage(reply, 404, 'unknown');
    return sendProblem(reply, refusal(400, 'path', 'must be a valid URL (percent-encoding)', 'the request path is not a valid URL'));
  }
  return sendProblem(reply, toProblem(error, request));
}

/**
 * Node's `clientError`: requests the HTTP parser refuses (headers over 16 KB, not HTTP at all, too slow), answered
 * on the raw socket since no request exists yet. Same problem+json as everything else.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? refusal(431, 'headers', 'must total at most 16 KB', 'the request headers are too large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? refusal(408, 'request', 'must arrive within the request timeout', 'the request took too long to arrive')
        : refusal(400, 'request', 'must be an HTTP/1.1 request', 'the request could not be parsed');
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

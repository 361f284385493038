import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.js';
import { WebexError, errorBody, messageForStatus } from './errors.js';
import type { Fault } from './faults.js';
import { createTrackingId } from './ids.js';
import { JSON_CONTENT_TYPE } from './reply.js';
import { registerControlRoutes } from './control/control-plane.js';
import { registerAccessTokenRoutes } from './v1/access-token.js';
import { registerApplicationRoutes } from './v1/applications.js';
import { registerMeetingRoutes } from './v1/meetings.js';
import { registerMeetingJoinRoutes } from './v1/meeting-join.js';
import { registerPeopleRoutes } from './v1/people.js';
import { registerWebhookRoutes } from './v1/webhooks.js';
import { registerAuthorizationRoutes } from './v1/authorizations.js';
import { registerGuestRoutes } from './v1/guests.js';
import { registerInviteeRoutes } from './v1/invitees.js';
import { registerParticipantRoutes } from './v1/participants.js';
import { registerPreferenceRoutes } from './v1/preferences.js';
import { registerRecordingRoutes } from './v1/recordings.js';
import { registerRoomRoutes } from './v1/rooms.js';
import { registerMessageRoutes } from './v1/messages.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

declare module 'fastify' {
  interface FastifyRequest {
    trackingId: string;
    /** An `after` fault: the change is made, this answer is lost. */
    lostAnswer?: Fault;
  }
}

/**
 * The emulator's HTTP server: the Webex API under /v1 and the control plane under /_emulator. Every response
 * carries a `Trackingid` header; every error is the Webex error body with the same trackingId; a bad body or an
 * unknown path never becomes a stack trace.
 */
export function buildEmulatorServer(ctx: EmulatorContext): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.log,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;
  app.decorateRequest('trackingId', '');

  // Many real clients send `Content-Type: application/json` with no body on GET and DELETE; Webex accepts that, so an
  // empty JSON body is no body at all (the handler then asks for what it needs). Other bodies keep Fastify's parser.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
  // PATCH /meetings declares application/json-patch+json with a merge-style body (docs/webex-contract.md §1.4).
  app.addContentTypeParser(['application/json-patch+json', 'application/merge-patch+json'], { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(new WebexError({ status: 400, message: messageForStatus(400), descriptions: ['The request body is not valid JSON'] }), undefined);
    }
  });
  // OAuth /access_token is form-encoded (docs/webex-contract.md §4.3).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Callback-style hooks: the common path (no faults) stays synchronous, which keeps the API close to bare Fastify.
  app.addHook('onRequest', (request, reply, done) => {
    const trackingId = createTrackingId(ctx.clock.now());
    request.trackingId = trackingId;
    reply.header('trackingid', trackingId);
    if (ctx.faults.size === 0 || !request.url.startsWith('/v1')) {
      done();
      return;
    }
    const fault = ctx.faults.take(request.method, pathOf(request));
    if (!fault) {
      done();
      return;
    }
    if (fault.when === 'after') {
      // The handler runs and changes the state; onSend then loses its answer.
      request.lostAnswer = fault;
      done();
      return;
    }
    const apply = () => {
      if (fault.status === undefined) {
        done();
        return;
      }
      done(
        new WebexError({
          status: fault.status,
          message: fault.message ?? messageForStatus(fault.status),
          descriptions: ['Injected by the emulator fault book'],
          ...(fault.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } } : {}),
        }),
      );
    };
    if (fault.latencyMs) setTimeout(apply, fault.latencyMs);
    else apply();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const fault = request.lostAnswer;
    if (fault === undefined) {
      done(null, payload);
      return;
    }
    ctx.journal.record({ method: request.method, path: pathOf(request), query: queryOf(request.url), status: reply.statusCode, atMs: ctx.clock.now(), lost: fault.lose ?? fault.status ?? 0 });
    if (fault.status !== undefined) {
      const error = new WebexError({ status: fault.status, message: fault.message ?? messageForStatus(fault.status), descriptions: ['Injected by the emulator fault book after the change was made'] });
      reply.code(fault.status).header('content-type', JSON_CONTENT_TYPE);
      done(null, JSON.stringify(errorBody(error, request.trackingId)));
      return;
    }
    const socket = request.raw.socket;
    if (fault.lose === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    // Hang: never answer; drop the connection when the client gives up or after the hold.
    const timer = setTimeout(() => socket.destroy(), fault.latencyMs ?? 120_000);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (request.url.startsWith('/v1') && request.lostAnswer === undefined) {
      ctx.journal.record({ method: request.method, path: pathOf(request), query: queryOf(request.url), status: reply.statusCode, atMs: ctx.clock.now() });
    }
    done();
  });

  app.setErrorHandler((error: FastifyError | WebexError, request, reply) => {
    let webexError: WebexError;
    if (error instanceof WebexError) {
      webexError = error;
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Webex's documented codes have no 413 (docs/webex-contract.md §10): an oversized body is a 400 naming the limit.
      const status = error.statusCode === 413 ? 400 : error.statusCode;
      webexError = new WebexError({ status, message: messageForStatus(status), descriptions: [describeFrameworkError(error)] });
    } else {
      request.log.error({ err: error, trackingId: request.trackingId }, 'emulator request failed');
      webexError = new WebexError({ status: 500, message: messageForStatus(500) });
    }
    if (webexError.headers) for (const [name, value] of Object.entries(webexError.headers)) reply.header(name, value);
    return reply.code(webexError.status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(errorBody(webexError, request.trackingId)));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request);
    // A known path with another method is 405 with Allow, as Webex answers; anything else is 404.
    const allowed = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }) !== null);
    const status = allowed.length > 0 ? 405 : 404;
    const error = new WebexError({
      status,
      message: messageForStatus(status),
      descriptions: [status === 405 ? `${request.method} is not supported on ${path}; use ${allowed.join(', ')}` : `No resource at ${request.method} ${path}`],
    });
    if (status === 405) reply.header('allow', allowed.join(', '));
    return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(errorBody(error, request.trackingId)));
  });

  registerMeetingRoutes(app, ctx);
  registerMeetingJoinRoutes(app, ctx);
  registerApplicationRoutes(app, ctx);
  registerAccessTokenRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerPeopleRoutes(app, ctx);
  registerPreferenceRoutes(app, ctx);
  registerParticipantRoutes(app, ctx);
  registerInviteeRoutes(app, ctx);
  registerRecordingRoutes(app, ctx);
  registerRoomRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerGuestRoutes(app, ctx);
  registerAuthorizationRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  return app;
}

function queryOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Framework messages name the problem without internals (JSON parse position, media type). */
function describeFrameworkError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type: send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but Content-Type is application/json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than 1 MB';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body';
    default:
      return error.statusCode === 400 && error.message.includes('JSON') ? 'The request body is not valid JSON' : error.message;
  }
}

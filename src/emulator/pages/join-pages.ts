import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { createControlPlaneClient, ControlPlaneUnavailableError, type ControlPlaneClient } from './control-plane-client.js';
import { createPageCertificate } from './create-page-certificate.js';
import {
  DISPLAY_NAME_MAX,
  renderJoinForm,
  renderMeetingPage,
  renderMessage,
  meetingPagePath,
  renderRefusal,
  type View,
} from './join-views.js';

export interface JoinPagesOptions {
  /** The emulator's control plane, e.g. `http://127.0.0.1:PORT/_emulator`. */
  controlUrl: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** true (the default in the emulator): https with a self-signed certificate made at start. */
  tls: boolean;
  /** Where unexpected failures go (pino's `error(obj, msg)` fits); default: one line on stderr. */
  log?: { error(details: object, message: string): void };
}

export interface JoinPages {
  /** Base URL of the pages, e.g. `https://127.0.0.1:PORT`; links are `${url}/join/<token>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the pages a person sees when opening a Webex join or start link from the emulator:
 * `GET /join/:token` (title, role, Join), `POST /join/:token` (join through the control plane),
 * `GET /meetings/:meetingId/as/:participantId` (in the meeting), `POST /leave/:participantId`,
 * `POST /end/:meetingId`. All state lives in the emulator core; the pages only call its control plane.
 */
export async function startJoinPages(options: JoinPagesOptions): Promise<JoinPages> {
  // Webex-shaped ids (base64 of `ciscospark://...`) and link tokens outgrow Fastify's 100-character default.
  const serverOptions = { logger: false, routerOptions: { maxParamLength: 1024 } } as const;
  // The https instance differs from the http one only in its raw server type, which no route touches.
  const app: FastifyInstance = options.tls
    ? (Fastify({ ...serverOptions, https: await createPageCertificate() }) as unknown as FastifyInstance)
    : Fastify(serverOptions);
  let baseUrl = '';
  const log = options.log ?? stderrLog;
  await app.register(joinPageRoutes, { control: createControlPlaneClient(options.controlUrl), baseUrl: () => baseUrl, log });
  await app.listen({ host: options.host, port: options.port });
  baseUrl = `${options.tls ? 'https' : 'http'}://${urlHost(options.host)}:${listeningPort(app)}`;
  return {
    url: baseUrl,
    close: async () => {
      await app.close();
    },
  };
}

interface RouteOptions {
  control: ControlPlaneClient;
  /** Known only once the server listens (port 0). */
  baseUrl: () => string;
  log: NonNullable<JoinPagesOptions['log']>;
}

const stderrLog: NonNullable<JoinPagesOptions['log']> = {
  error: (details, message) => {
    process.stderr.write(`${JSON.stringify({ service: 'webex-emulator-pages', msg: message, ...details })}\n`);
  },
};

const ID_PATTERN = /^[\w.~:=+/-]{1,512}$/;
const MEETING_PAGE_PATH = /^\/meetings\/[\w.~%-]+\/as\/[\w.~%-]+$/;

const joinPageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { control, baseUrl, log }) => {
  await app.register(formbody, { bodyLimit: 16_384 });

  app.addHook('onSend', async (_request, reply) => {
    // Join links carry their token in the URL: never let it leak through Referer or a cache.
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  });

  app.setNotFoundHandler((_request, reply) =>
    send(reply, renderMessage(404, 'error', 'Page not found', 'There is no page at this address. Open the link you were given.')),
  );

  app.setErrorHandler((error, request, reply) => {
    // Paths hold link tokens: log the route pattern, never the URL.
    const where = { method: request.method, route: request.routeOptions.url ?? 'unknown' };
    if (error instanceof ControlPlaneUnavailableError) {
      log.error({ ...where, err: error.message }, 'join pages could not reach the control plane');
      return send(reply, renderMessage(502, 'error', 'Emulator not answering', 'The Webex emulator did not answer. Try again in a moment.'));
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      return send(reply, renderMessage(status, 'error', 'Bad request', 'The request could not be read: send the join form from the page.'));
    }
    log.error({ ...where, err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'join page failed');
    return send(reply, renderMessage(500, 'error', 'Internal error', 'The page failed. Try again.'));
  });

  app.get<{ Params: { token: string } }>('/join/:token', async (request, reply) => {
    const ownUrl = `${baseUrl()}${request.url}`;
    const answer = await control.inspectLink(ownUrl);
    if (!answer.ok) return send(reply, renderRefusal(answer.refusal, undefined));
    if (answer.value.expired === true) {
      return send(reply, renderRefusal({ status: 410, code: 'link_expired', message: '' }, answer.value.title));
    }
    return send(reply, renderJoinForm(answer.value, request.url));
  });

  app.post<{ Params: { token: string }; Body: unknown }>('/join/:token', async (request, reply) => {
    const displayName = readDisplayName(request.body);
    if (displayName === false) {
      return send(reply, renderMessage(400, 'error', 'Name too long', `Your name (field displayName) must be at most ${DISPLAY_NAME_MAX} characters.`));
    }
    const ownUrl = `${baseUrl()}${request.url}`;
    const opened = await control.openLink(ownUrl, displayName);
    if (!opened.ok) {
      const { code, meetingId, participantId } = opened.refusal;
      // Put in the lobby: the person is a participant now, so show the meeting page that says so.
      if (code === 'lobby' && meetingId !== undefined && participantId !== undefined) {
        return reply.redirect(meetingPagePath(meetingId, participantId), 303);
      }
      const info = await control.inspectLink(ownUrl);
      return send(reply, renderRefusal(opened.refusal, info.ok ? info.value.title : undefined));
    }
    // Post/redirect/get: reloading the meeting page must not join a second time.
    return reply.redirect(meetingPagePath(opened.value.meetingId, opened.value.participantId), 303);
  });

  app.get<{ Params: { meetingId: string; participantId: string } }>('/meetings/:meetingId/as/:participantId', async (request, reply) => {
    const { meetingId, participantId } = request.params;
    if (!ID_PATTERN.test(meetingId) || !ID_PATTERN.test(participantId)) return send(reply, renderRefusal({ status: 404, code: 'not_found', message: '' }, undefined));
    const meeting = await control.findMeeting(meetingId);
    if (meeting === undefined) return send(reply, renderRefusal({ status: 404, code: 'not_found', message: '' }, undefined));
    return send(reply, renderMeetingPage(meeting, participantId));
  });

  app.post<{ Params: { participantId: string } }>('/leave/:participantId', async (request, reply) => {
    const answer = await control.leave(request.params.participantId);
    if (!answer.ok) return send(reply, renderRefusal(answer.refusal, undefined));
    return send(reply, renderMessage(200, 'neutral', 'You left the meeting', 'You left the meeting. You can close this page.'));
  });

  app.post<{ Params: { participantId: string }; Body: unknown }>('/admit/:participantId', async (request, reply) => {
    const answer = await control.admit(request.params.participantId);
    if (!answer.ok) return send(reply, renderRefusal(answer.refusal, undefined));
    const back = readField(request.body, 'back');
    // Only back to a meeting page of these pages: never an open redirect.
    if (back !== undefined && MEETING_PAGE_PATH.test(back)) return reply.redirect(back, 303);
    return send(reply, renderMessage(200, 'ok', 'Admitted', 'The participant was let into the meeting.'));
  });

  app.post<{ Params: { meetingId: string } }>('/end/:meetingId', async (request, reply) => {
    const answer = await control.endMeeting(request.params.meetingId);
    if (!answer.ok) return send(reply, renderRefusal(answer.refusal, undefined));
    return send(reply, renderMessage(200, 'neutral', 'Meeting ended', 'You ended the meeting for everyone.'));
  });
};

function readField(body: unknown, field: string): string | undefined {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof raw === 'string' ? raw : undefined;
}

/** undefined: no name given (the link's own name is used); false: too long. */
function readDisplayName(body: unknown): string | undefined | false {
  const name = readField(body, 'displayName')?.trim();
  if (name === undefined) return undefined;
  if (name === '') return undefined;
  return name.length > DISPLAY_NAME_MAX ? false : name;
}

function send(reply: FastifyReply, view: View): FastifyReply {
  return reply.code(view.status).type('text/html; charset=utf-8').send(view.html);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listeningPort(app: FastifyInstance): number {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('join pages are not listening on a TCP port');
  return address.port;
}

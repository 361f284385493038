import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Operator } from '../../core/admin/operator.js';
import type { Clock } from '../../core/clock.js';
import { isG2GError } from '../../core/errors.js';
import type { Secret } from '../../secret.js';
import { toProblem } from '../error-handler.js';
import { sendUsage } from '../usage-route.js';
import { capacityPage } from './capacity-page.js';
import { consoleAssets } from './console-assets.js';
import { consolePage, type ConsoleSection } from './console-layout.js';
import { createConsoleSessions, SESSION_COOKIE, SESSION_TTL_MS } from './console-session.js';
import { eventsPage } from './events-page.js';
import { html, type SafeHtml } from '../html.js';
import { keysPage } from './keys-page.js';
import { orgPage, orgsPage } from './orgs-pages.js';
import { overviewPage } from './overview-page.js';
import { usagePage, usageQuery, type UsageForm } from './usage-page.js';
import { visitPage, visitsPage, type VisitSearch } from './visits-pages.js';

export interface ConsoleOptions {
  operator: Operator;
  /** G2G_ADMIN_TOKEN: the console is off (a page says how to turn it on) while it is unset. */
  token: Secret | undefined;
  clock: Clock;
  /** Sessions get the Secure flag when g2g is served over https. */
  publicUrl: string;
}

type Form = Record<string, string | string[] | undefined>;

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== '');
/** Only a console path may be a `next` target (no open redirect). */
const safeNext = (next: string | undefined) => (next !== undefined && /^\/console(\/[\w\-./%?=&]*)?$/.test(next) && !next.includes('//') ? next : '/console');

/**
 * The operator console at /console: server-rendered pages over the same core services as the admin API
 * (`Operator`), a signed HttpOnly SameSite=Strict session cookie, a CSRF token in every form plus an Origin check.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleOptions> = async (app, opts) => {
  const { operator, clock } = opts;
  const sessions = opts.token === undefined ? undefined : createConsoleSessions(opts.token);
  const secure = opts.publicUrl.startsWith('https://');
  const assets = consoleAssets();

  // HTML pages, not API operations: kept out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...(route.schema ?? {}), hide: true };
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });

  const send = (reply: FastifyReply, status: number, page: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(page);

  const sessionOf = (request: FastifyRequest): string | undefined => {
    const value = request.cookies[SESSION_COOKIE];
    return sessions !== undefined && sessions.verify(value, clock.now()) ? value : undefined;
  };

  /** Renders a signed-in page; a G2GError (unknown visit, bad input) becomes the page's notice, never a 500. */
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    section: ConsoleSection | null,
    title: string,
    body: (csrf: string) => Promise<SafeHtml | { title: string; body: SafeHtml } | undefined>,
    extra: { notice?: { text: string; kind?: 'info' | 'error' } | undefined; status?: number; scripts?: string[]; styles?: string[] } = {},
  ): Promise<FastifyReply> {
    const session = sessionOf(request) as string;
    const csrf = (sessions as NonNullable<typeof sessions>).csrfFor(session);
    try {
      const out = await body(csrf);
      if (out === undefined) return send(reply, 404, consolePage({ title: 'Not found', section, csrf, body: html`<p>Nothing here. <a href="/console">Back to the overview</a>.</p>` }));
      const { title: t, body: b } = out instanceof Object && 'body' in out ? out : { title, body: out };
      return send(reply, extra.status ?? 200, consolePage({ title: t, section, csrf, body: b, notice: extra.notice, scripts: ['/console/assets/console.js', ...(extra.scripts ?? [])], ...(extra.styles ? { styles: extra.styles } : {}) }));
    } catch (error) {
      // The API's own reading of the error (a refusal, a Webex failure with Webex's message), shown on the page.
      const problem = toProblem(error, request);
      if (problem.status === 500) throw error;
      const fields = problem.errors ?? [];
      const detail = fields.length > 0 ? `${problem.detail}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : problem.detail;
      return send(reply, problem.status, consolePage({ title, section, csrf, body: html`<p><a href="/console">Back to the overview</a></p>`, notice: { text: detail, kind: 'error' } }));
    }
  }

  /** After a change: back to a page, saying what was done (303: the browser follows with a GET). */
  const done = (reply: FastifyReply, to: string, notice: string) => reply.redirect(`${to}${to.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`, 303);
  const noticeOf = (request: FastifyRequest) => {
    const n = (request.query as Record<string, string | undefined>).notice;
    return n === undefined ? undefined : { text: n.slice(0, 300) };
  };

  app.get('/', (_request, reply) => reply.redirect('/console', 302));

  app.get<{ Params: { name: string } }>('/console/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (asset === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(asset.body);
  });

  const signInPage = (reply: FastifyReply, status: number, message: string | undefined, next: string) =>
    send(
      reply,
      status,
      consolePage({
        title: 'Sign in',
        section: null,
        notice: message === undefined ? undefined : { text: message, kind: 'error' },
        body:
          sessions === undefined
            ? html`<p>The console is off: start g2g with <code>G2G_ADMIN_TOKEN</code> set (<code>g2g start</code> on the embedded sandbox makes one and prints it).</p>`
            : html`<form class="grid" method="post" action="/console/sign-in"><input type="hidden" name="next" value="${next}">
<label>Operator token<input name="token" type="password" required autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>
<p class="muted">The operator token is G2G_ADMIN_TOKEN; <code>g2g start</code> prints it and writes it to <code>{G2G_DATA_DIR}/admin-token</code>.</p>`,
      }),
    );

  app.get<{ Querystring: { next?: string } }>('/console/sign-in', async (request, reply) => signInPage(reply, sessions === undefined ? 503 : 200, undefined, safeNext(request.query.next)));

  app.post<{ Body: Form }>('/console/sign-in', async (request, reply) => {
    const next = safeNext(one(request.body?.next));
    if (sessions === undefined) return signInPage(reply, 503, undefined, next);
    const token = one(request.body?.token) ?? '';
    if (!sessions.tokenMatches(token)) return signInPage(reply, 401, 'That is not the operator token.', next);
    reply.setCookie(SESSION_COOKIE, sessions.issue(clock.now()), { path: '/console', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_TTL_MS / 1000 });
    return reply.redirect(next, 303);
  });

  // Every other console route: a valid session, and for a change also its CSRF token and a same-origin Origin.
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/console') || path === '/console/sign-in' || path.startsWith('/console/assets/')) return;
    const session = sessionOf(request);
    if (session === undefined) {
      if (request.method === 'GET') return reply.redirect(`/console/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      return signInPage(reply, 401, 'Your session ended: sign in again.', '/console');
    }
    if (request.method === 'POST') {
      const origin = request.headers.origin;
      const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.headers.host ?? ''}`;
      if (!sameOrigin || !sessions?.checkCsrf(session, one((request.body as Form | undefined)?._csrf))) {
        return send(reply, 403, consolePage({ title: 'Refused', section: null, body: html`<p>This change did not come from a console page. <a href="/console">Back to the overview</a>.</p>` }));
      }
    }
    return undefined;
  });

  app.post('/console/sign-out', async (_request, reply) => reply.clearCookie(SESSION_COOKIE, { path: '/console' }).redirect('/console/sign-in', 303));

  app.get('/console', (request, reply) => page(request, reply, '/console', 'Overview', () => overviewPage(operator, clock.now()), { notice: noticeOf(request) }));

  app.get('/console/orgs', (request, reply) => page(request, reply, '/console/orgs', 'Orgs', () => orgsPage(operator)));
  app.get<{ Params: { id: string } }>('/console/orgs/:id', (request, reply) =>
    page(request, reply, '/console/orgs', `Org ${request.params.id}`, (csrf) => orgPage(operator, request.params.id, csrf)),
  );
  app.post<{ Params: { id: string } }>('/console/orgs/:id/fix', (request, reply) =>
    page(request, reply, '/console/orgs', `Org ${request.params.id}`, async (csrf) => orgPage(operator, request.params.id, csrf, await operator.fixOrg(request.params.id))),
  );

  app.get<{ Querystring: VisitSearch }>('/console/visits', (request, reply) => page(request, reply, '/console/visits', 'Visits', () => visitsPage(operator, request.query)));
  app.get<{ Params: { id: string } }>('/console/visits/:id', (request, reply) =>
    page(request, reply, '/console/visits', 'Visit', async (csrf) => ({ title: (await operator.visits.get(request.params.id)).title, body: await visitPage(operator, request.params.id, csrf) }), {
      notice: noticeOf(request),
    }),
  );
  app.post<{ Params: { id: string } }>('/console/visits/:id/cancel', async (request, reply) => {
    const visitUrl = `/console/visits/${encodeURIComponent(request.params.id)}`;
    try {
      await operator.visits.cancel(request.params.id);
    } catch (error) {
      if (isG2GError(error) && error.status < 500) return done(reply, visitUrl, `Not cancelled: ${error.message}`);
      throw error;
    }
    return done(reply, visitUrl, 'Visit cancelled: its links now show the cancelled page.');
  });
  app.post<{ Params: { id: string; pid: string; action: string } }>('/console/visits/:id/participants/:pid/:action', async (request, reply) => {
    const { id, pid, action } = request.params;
    const visitUrl = `/console/visits/${encodeURIComponent(id)}`;
    if (action !== 'revoke' && action !== 'reissue') return reply.callNotFound();
    try {
      if (action === 'revoke') await operator.visits.revokeLink(id, pid);
      else await operator.visits.reissueLink(id, pid);
    } catch (error) {
      if (isG2GError(error) && error.status < 500) return done(reply, visitUrl, `Not done: ${error.message}`);
      throw error;
    }
    return done(reply, visitUrl, action === 'revoke' ? 'Link revoked: it shows the "turned off" page from now on.' : 'New link issued: the old one stopped working.');
  });

  app.get('/console/capacity', (request, reply) =>
    page(request, reply, '/console/capacity', 'Capacity', (csrf) => capacityPage(operator, csrf, clock.now()), {
      notice: noticeOf(request),
      scripts: ['/console/assets/uplot.js', '/console/assets/capacity-chart.js'],
      styles: ['/console/assets/uplot.css'],
    }),
  );
  app.post<{ Params: { orgId: string }; Body: Form }>('/console/capacity/:orgId', async (request, reply) => {
    const raw = one(request.body.licensed) ?? '';
    const licensed = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(licensed) || licensed > 100_000) return done(reply, '/console/capacity', 'Licence not saved: it must be a whole number from 0 to 100000.');
    await operator.capacity.set(request.params.orgId, licensed);
    return done(reply, '/console/capacity', `Licence of ${request.params.orgId} set to ${licensed}.`);
  });

  app.get<{ Querystring: { status?: string } }>('/console/events', (request, reply) =>
    page(request, reply, '/console/events', 'Events', (csrf) => eventsPage(operator, csrf, request.query), { notice: noticeOf(request) }),
  );
  app.post<{ Params: { id: string } }>('/console/events/:id/replay', async (request, reply) => {
    const { replayed } = await operator.events.replay({ id: request.params.id });
    return done(reply, '/console/events', replayed.length === 0 ? 'Nothing to replay: the event is not failed or dead.' : 'Event put back in the queue.');
  });
  app.post<{ Body: Form }>('/console/events/replay', async (request, reply) => {
    const from = Date.parse(`${one(request.body.from) ?? ''}Z`);
    const to = Date.parse(`${one(request.body.to) ?? ''}Z`);
    if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) return done(reply, '/console/events', 'Nothing replayed: give a From before a To.');
    const { replayed } = await operator.events.replay({ from, to });
    return done(reply, '/console/events', `${replayed.length} event(s) put back in the queue.`);
  });

  app.get('/console/keys', (request, reply) => page(request, reply, '/console/keys', 'API keys', (csrf) => keysPage(operator, csrf), { notice: noticeOf(request) }));
  app.post<{ Body: Form }>('/console/keys', (request, reply) =>
    page(request, reply, '/console/keys', 'API keys', async (csrf) => {
      const expiresOn = one(request.body.expiresOn);
      const expiresAt = expiresOn === undefined || expiresOn === '' ? undefined : Date.parse(`${expiresOn}T23:59:59.999Z`);
      const tenantName = one(request.body.tenantName) ?? '';
      const created = await operator.createKey({ tenantName, orgIds: many(request.body.orgIds), expiresAt: Number.isNaN(expiresAt) ? -1 : expiresAt });
      reply.header('cache-control', 'no-store');
      return keysPage(operator, csrf, { tenantName, apiKey: created.apiKey });
    }),
  );
  app.post<{ Params: { id: string } }>('/console/keys/:id/revoke', async (request, reply) => {
    await operator.tenants.revokeKey(request.params.id);
    return done(reply, '/console/keys', `Key ${request.params.id} revoked: it gets 401 from now on.`);
  });
  app.post<{ Params: { id: string }; Body: Form }>('/console/tenants/:id/brand', async (request, reply) => {
    const text = (name: string) => {
      const v = (one(request.body[name]) ?? '').trim();
      return v === '' ? null : v;
    };
    try {
      await operator.tenants.setBrand(request.params.id, { displayName: text('displayName'), logoUrl: text('logoUrl'), accentColor: text('accentColor'), language: text('language') ?? 'en' });
    } catch (error) {
      if (isG2GError(error) && error.status < 500) return done(reply, '/console/keys', `Brand not saved: ${error.fields.map((f) => `${f.field} ${f.message}`).join('; ') || error.message}`);
      throw error;
    }
    return done(reply, '/console/keys', 'Brand saved: guest pages of this tenant use it from now on.');
  });

  app.get<{ Querystring: UsageForm }>('/console/usage', (request, reply) => page(request, reply, '/console/usage', 'Usage', () => usagePage(operator, request.query, clock.now())));
  app.get<{ Querystring: UsageForm }>('/console/usage.csv', async (request, reply) => {
    const q = usageQuery(request.query, clock.now());
    if (q.orgId === undefined) return reply.redirect('/console/usage', 303);
    const report = await operator.usage.report(q.orgId, { from: q.from, to: q.to, granularity: q.granularity });
    return sendUsage(request, reply, report, 'csv');
  });
};

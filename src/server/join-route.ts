import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JoinOutcome, JoinPageReason } from '../core/broker/open-join-link.js';
import { problemResponses } from './problem-schema.js';
import { RETRY_AFTER_HEADER } from './response-headers.js';

export interface JoinRouteOptions {
  openJoinLink(code: string): Promise<JoinOutcome>;
}

const PAGES: Record<JoinPageReason, { heading: string; text: string }> = {
  unknown: { heading: 'This link does not work', text: 'Check that you copied the whole link, or ask whoever invited you for a new one.' },
  revoked: { heading: 'This link was turned off', text: 'Ask whoever invited you for a new link.' },
  replaced: { heading: 'This link was replaced', text: 'A newer link was sent for this seat. Use the latest one, or ask for a new link.' },
  cancelled: { heading: 'This meeting was cancelled', text: 'There is nothing to join. Contact whoever invited you if you expected it.' },
  ended: { heading: 'This meeting has ended', text: 'The meeting is over. Contact whoever invited you if you need another one.' },
  unavailable: { heading: 'The meeting cannot be reached right now', text: 'Please try again in a minute.' },
  org_unavailable: {
    heading: 'This meeting cannot take place',
    text: 'The organization hosting it is not connected to its meeting service any more. Contact whoever invited you.',
  },
  capacity: {
    heading: 'Your meeting room is being prepared',
    text: 'All meeting rooms are busy right now. Keep this page open: it checks again every few seconds and takes you in as soon as a room is free.',
  },
};

/** The friendly page a person sees when the link cannot go to Webex (sent as a string: never serialized by schema). */
const joinPageSchema = { content: { 'text/html': { schema: z.string() } } };

/**
 * `GET /j/:code`: the click-time join broker. 302 to a Webex link minted now, or a small friendly page.
 * The answer is never cached and sends no Referer, so neither the code nor the Webex link travels further.
 */
export const joinRoute: FastifyPluginAsync<JoinRouteOptions> = async (plain, opts) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/j/:code',
    {
      schema: {
        operationId: 'openJoinLink',
        tags: ['join'],
        summary: 'Open a join link: redirects to a fresh Webex join (or start) link',
        description:
          'For people, in a browser: this is what every `joinUrl` points to, so no API key. A Webex link is minted at the click ' +
          '(host seats get the start link). A link that cannot go to Webex gets a small HTML page with the status saying why; ' +
          'while all licensed meetings are busy the page is a 503 with Retry-After that reloads itself. HEAD answers 200 ' +
          'without minting (link checkers). Answers are never cached and send no Referer.',
        security: [],
        // No length rule here: a mangled link must get the friendly page, not a JSON problem.
        params: z.object({ code: z.string().describe('The code of a joinUrl (`/j/{code}`)') }),
        response: {
          302: z.undefined(),
          404: joinPageSchema,
          410: joinPageSchema,
          502: joinPageSchema,
          503: joinPageSchema,
          ...problemResponses([500]),
        },
        responseDocs: {
          302: { description: 'To a Webex link minted now', headers: { location: { type: 'string', format: 'uri', description: 'The Webex join or start link' } } },
          404: { description: 'Unknown link (mistyped, cut short, or its meeting is gone): an HTML page' },
          410: { description: 'The link was revoked or replaced, or the visit was cancelled or has ended: an HTML page' },
          502: { description: 'Webex gave no link right now: an HTML page asking to try again' },
          503: {
            description: 'All licensed meetings are busy (the page reloads itself after Retry-After), or the org cannot be used now: an HTML page',
            headers: { 'retry-after': RETRY_AFTER_HEADER },
          },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
      // Link checkers and previews send HEAD: answer without minting a Webex link nobody will use.
      // (The response schema types the GET; this HEAD answer is outside it, hence the plain reply.)
      if (request.method === 'HEAD') return (reply as FastifyReply).code(200).header('content-type', 'text/html; charset=utf-8').send();
      const outcome = await opts.openJoinLink(request.params.code);
      if (outcome.kind === 'redirect') return reply.redirect(outcome.url, 302);
      if (outcome.kind === 'wait') {
        // 503 + Retry-After is what the wait is; the page asks again by itself (meta refresh: no script, CSP stays tight).
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return sendJoinPage(reply, outcome.status, outcome.reason, outcome.title, outcome.retryAfterSeconds);
      }
      return sendJoinPage(reply, outcome.status, outcome.reason, outcome.title);
    },
  );
};

/** A small, self-contained HTML page for a link that cannot go to Webex. */
export function sendJoinPage(reply: FastifyReply, status: number, reason: JoinPageReason, title?: string, refreshSeconds?: number): FastifyReply {
  const page = PAGES[reason];
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(renderPage(page.heading, page.text, title, refreshSeconds));
}

function renderPage(heading: string, text: string, title: string | undefined, refreshSeconds: number | undefined): string {
  const meeting = title === undefined ? '' : `<p class="meeting">${escapeHtml(title)}</p>`;
  const refresh = refreshSeconds === undefined ? '' : `<meta http-equiv="refresh" content="${Math.max(1, Math.round(refreshSeconds))}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${escapeHtml(heading)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}.meeting{color:#555}</style>
</head><body><h1>${escapeHtml(heading)}</h1>${meeting}<p>${escapeHtml(text)}</p></body></html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

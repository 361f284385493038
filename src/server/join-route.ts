import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JoinOutcome, JoinPageReason } from '../core/broker/open-join-link.js';
import { DEFAULT_BRAND, type TenantBrand } from '../core/tenants/brand.js';
import { renderGuestPage } from './guest-page.js';
import { problemResponses } from './problem-schema.js';
import { RETRY_AFTER_HEADER } from './response-headers.js';

export interface JoinRouteOptions {
  openJoinLink(code: string): Promise<JoinOutcome>;
}

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
        return sendJoinPage(reply, outcome.status, outcome.reason, { title: outcome.title, refreshSeconds: outcome.retryAfterSeconds, brand: outcome.brand });
      }
      return sendJoinPage(reply, outcome.status, outcome.reason, { title: outcome.title, brand: outcome.brand });
    },
  );
};

/** A small, self-contained HTML page for a link that cannot go to Webex, in the tenant's brand and language. */
export function sendJoinPage(reply: FastifyReply, status: number, reason: JoinPageReason, opts: { title?: string | undefined; refreshSeconds?: number; brand?: TenantBrand | undefined } = {}): FastifyReply {
  const brand = opts.brand ?? DEFAULT_BRAND;
  // The logo may live on the tenant's own host: images from https only, nothing else from anywhere.
  const imgSrc = brand.logoUrl === null ? '' : '; img-src https:';
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'${imgSrc}`)
    .send(renderGuestPage(reason, brand, opts.title, opts.refreshSeconds));
}

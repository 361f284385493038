import { WebexApiError } from './errors.js';
import { findNextLink } from './link-header.js';
import type { QueryParams, Transport } from './transport.js';

export interface Page<T> {
  items: T[];
  /** The `Link: rel="next"` URL, exactly as Webex gave it; absent on the last page. */
  nextPageUrl: string | undefined;
}

export interface PageRequest {
  path: string;
  query?: QueryParams | undefined;
  signal?: AbortSignal | undefined;
}

/** Fetches one page; `pageUrl` (a previous page's `nextPageUrl`) replaces path and query. */
export async function fetchPage<T>(transport: Transport, req: PageRequest, pageUrl?: string): Promise<Page<T>> {
  const res = await transport.request<{ items?: T[] } | undefined>({
    method: 'GET',
    path: pageUrl ?? req.path,
    query: pageUrl === undefined ? req.query : undefined,
    signal: req.signal,
  });
  return { items: res.data?.items ?? [], nextPageUrl: findNextLink(res.headers.get('link')) };
}

/**
 * Every item across pages, following `Link: rel="next"` until it is absent (Webex: pages may be empty while a next
 * link is still given, so an empty page does not stop the walk). Pages are fetched lazily, one at a time.
 */
export async function* paginate<T>(transport: Transport, req: PageRequest): AsyncGenerator<T, void, undefined> {
  let page = await fetchPage<T>(transport, req);
  const seen = new Set<string>();
  for (;;) {
    yield* page.items;
    const next = page.nextPageUrl;
    if (next === undefined) return;
    // A next link we already followed would loop forever: stop with an error rather than hang.
    if (seen.has(next)) {
      throw new WebexApiError({
        code: 'webex_invalid_response',
        status: 0,
        method: 'GET',
        path: req.path,
        message: `Webex pagination for ${req.path} points back to a page already read; stopping`,
      });
    }
    seen.add(next);
    page = await fetchPage<T>(transport, req, next);
  }
}

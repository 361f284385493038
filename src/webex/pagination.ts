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
  for (;;) {
    yield* page.items;
    if (page.nextPageUrl === undefined) return;
    page = await fetchPage<T>(transport, req, page.nextPageUrl);
  }
}

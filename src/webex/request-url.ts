import { WebexApiError } from './errors.js';
import type { HttpMethod, QueryParams } from './transport.js';

export interface RequestUrl {
  href: string;
  /** Relative to the base, without the query: what errors name (queries may hold e-mail addresses). */
  path: string;
}

export interface RequestUrls {
  /** The base without its trailing slash. */
  readonly baseUrl: string;
  build(method: HttpMethod, path: string, query: QueryParams | undefined): RequestUrl;
}

/** Builds request URLs on one base. Relative paths are joined as strings, which keeps the hot path cheap. */
export function createRequestUrls(baseUrl: string): RequestUrls {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const baseHref = base.href.replace(/\/$/, '');
  return {
    baseUrl: base.toString().replace(/\/$/, ''),
    build(method, path, query) {
      if (path.startsWith('/')) return { href: `${baseHref}${path}${queryString(query)}`, path };
      const url = new URL(path);
      // A Link header pointing elsewhere must never receive our bearer token.
      if (url.origin !== base.origin) {
        throw new WebexApiError({
          code: 'webex_invalid_response',
          status: 0,
          method,
          path: url.pathname,
          message: `Refusing to follow a link to ${url.origin}: the client only talks to ${base.origin}`,
        });
      }
      appendQuery(url, query);
      const relative = url.pathname.startsWith(base.pathname) ? `/${url.pathname.slice(base.pathname.length)}` : url.pathname;
      return { href: url.href, path: relative };
    },
  };
}

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  let params: URLSearchParams | undefined;
  for (const name in query) {
    const value = query[name];
    if (value === undefined) continue;
    params ??= new URLSearchParams();
    if (Array.isArray(value)) for (const v of value as readonly (string | number | boolean)[]) params.append(name, String(v));
    else params.append(name, String(value));
  }
  return params ? `?${params.toString()}` : '';
}

function appendQuery(url: URL, query: QueryParams | undefined): void {
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly (string | number | boolean)[]) url.searchParams.append(name, String(v));
    else url.searchParams.append(name, String(value));
  }
}

/** A response header as the OpenAPI document declares it: a JSON schema with a description. */
export interface ResponseHeader {
  type: 'string' | 'integer';
  format?: string;
  description: string;
}

/**
 * What the OpenAPI document says about a route's responses beyond their schema (route schema key `responseDocs`,
 * read by openapi-options.ts only): a description per status (a named schema cannot carry one per use) and headers.
 */
export type ResponseDocs = Record<number, { description?: string; headers?: Record<string, ResponseHeader> }>;

export const RETRY_AFTER_HEADER: ResponseHeader = { type: 'integer', description: 'Seconds to wait before trying again' };

/** Webex rate-limited the org (the error handler answers 429): every route that calls Webex may send it. */
export const WEBEX_RATE_LIMIT_DOCS: ResponseDocs = { 429: { headers: { 'retry-after': RETRY_AFTER_HEADER } } };

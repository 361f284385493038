/** The header a request id comes in on and goes back out on (docs/operations.md §Request ids). */
export const REQUEST_ID_HEADER = 'x-request-id';

// Ids end up in every log line: short, and nothing that could forge a line or smuggle a secret-sized blob.
const TAME_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's (or proxy's) request id when it is one value of at most 128 safe characters; else undefined (make one). */
export function acceptRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && TAME_ID.test(header) ? header : undefined;
}

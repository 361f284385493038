/**
 * Webex-style errors: `{message, errors:[{description}], trackingId}` (docs/webex-contract.md §10). Handlers throw
 * `WebexError`; the server's error handler writes the body and the `Trackingid` header. Control-plane refusals
 * add a machine-readable `code` so tests and pages branch on it, never on the message.
 */
export class WebexError extends Error {
  override readonly name = 'WebexError';
  readonly status: number;
  readonly descriptions: string[];
  readonly code: string | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(init: {
    status: number;
    message: string;
    descriptions?: string[];
    code?: string;
    extra?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    super(init.message);
    this.status = init.status;
    this.descriptions = init.descriptions ?? [];
    this.code = init.code;
    this.extra = init.extra;
    this.headers = init.headers;
  }
}

// Message texts Webex answers with (sources S1, S3, S4 in docs/webex-contract.md §0).
export const MESSAGES = {
  badRequest: "The request could not be understood by the server due to malformed syntax. See 'errors' for more details.",
  invalidItems: 'The input parameters contain invalid items.',
  unauthorized: 'The request requires a valid access token set in the Authorization request header.',
  forbiddenScopes:
    'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.',
  notFound: 'The requested resource could not be found.',
  methodNotAllowed: 'The request was made to a resource using an HTTP request method that is not supported.',
  conflict: 'The request could not be processed because it conflicts with some established rule of the system.',
  unsupportedMediaType: 'The request was made to a resource without specifying a media type or used a media type that is not supported.',
  tooManyRequests: 'Too many requests have been sent in a given amount of time and the request has been rate limited.',
  internal: 'Something went wrong on the server.',
} as const;

export function badRequest(...descriptions: string[]): WebexError {
  return new WebexError({ status: 400, message: MESSAGES.badRequest, descriptions });
}

export function invalidItems(...descriptions: string[]): WebexError {
  return new WebexError({ status: 400, message: MESSAGES.invalidItems, descriptions });
}

export function notFound(description = 'The requested resource could not be found.'): WebexError {
  return new WebexError({ status: 404, message: MESSAGES.notFound, descriptions: [description] });
}

export function conflict(description: string): WebexError {
  return new WebexError({ status: 409, message: MESSAGES.conflict, descriptions: [description] });
}

export function forbidden(description: string): WebexError {
  return new WebexError({ status: 403, message: MESSAGES.forbiddenScopes, descriptions: [description] });
}

/** A control-plane refusal: Webex error body plus `code` and any extra fields (participantId...). */
export function refusal(status: number, code: string, message: string, extra?: Record<string, unknown>): WebexError {
  return new WebexError({ status, code, message, descriptions: [message], ...(extra ? { extra } : {}) });
}

const STATUS_MESSAGES: Record<number, string> = {
  400: MESSAGES.badRequest,
  401: MESSAGES.unauthorized,
  403: MESSAGES.forbiddenScopes,
  404: MESSAGES.notFound,
  405: MESSAGES.methodNotAllowed,
  409: MESSAGES.conflict,
  413: 'The request is larger than the server is willing or able to process.',
  415: MESSAGES.unsupportedMediaType,
  429: MESSAGES.tooManyRequests,
  500: MESSAGES.internal,
  502: 'The server received an invalid response from an upstream server while processing the request.',
  503: 'Server is overloaded with requests. Try again later.',
  504: 'An upstream server failed to respond on time. If your query uses max parameter, please try to reduce it.',
};

export function messageForStatus(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? MESSAGES.internal : MESSAGES.badRequest);
}

export function errorBody(error: WebexError, trackingId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    message: error.message,
    errors: error.descriptions.map((description) => ({ description })),
    trackingId,
  };
  if (error.code !== undefined) body.code = error.code;
  if (error.extra) Object.assign(body, error.extra);
  return body;
}

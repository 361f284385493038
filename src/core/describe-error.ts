/** What we log of an error: type, code, status, trackingId and message (our errors hold no secrets), not arbitrary own properties. */
export interface ErrorFields {
  type: string;
  code?: string;
  status?: number;
  message: string;
  trackingId?: string;
  stack?: string;
}

/**
 * The one way g2g turns an error into log fields (`log.error({ err: describeError(error) }, ...)`): pino's own
 * serializer would copy every enumerable property, and a library error may carry request options or bodies.
 */
export function describeError(error: unknown, opts: { stack?: boolean } = {}): ErrorFields {
  if (error instanceof Error) {
    const e = error as Error & { code?: unknown; status?: unknown; trackingId?: unknown };
    return {
      type: error.name,
      message: error.message,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.status === 'number' ? { status: e.status } : {}),
      ...(typeof e.trackingId === 'string' ? { trackingId: e.trackingId } : {}),
      // Only where a bug is the likely cause (a 500 answer): a stack holds file paths, never values.
      ...(opts.stack === true && error.stack !== undefined ? { stack: error.stack } : {}),
    };
  }
  return { type: typeof error, message: String(error) };
}

/** One line for a stored failure reason (`TypeError: fetch failed`, `WebexApiError webex_unavailable: ...`). */
export function errorSummary(error: unknown): string {
  const d = describeError(error);
  return `${d.type}${d.code !== undefined ? ` ${d.code}` : ''}: ${d.message}`;
}

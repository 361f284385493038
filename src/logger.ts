import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear. Redaction lives here, not at call sites
 * (docs/contributing.md §8): tokens, secrets and join links never reach a log line.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-spark-signature"]',
  'headers.authorization',
  '*.authorization',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.joinLink',
  '*.startLink',
  '*.joinUrl',
  '*.apiKey',
  '*.password',
];

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; defaults to stdout. Tests pass a stream they can read. */
  destination?: NodeJS.WritableStream;
}

/**
 * The request a piece of work runs for. The HTTP server enters it per request, so every line logged while
 * serving it, by any module, carries `requestId` (docs/operations.md §Request ids).
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

function withRequestId(_merge: object, _level: number, logger: Logger): Record<string, string> {
  const store = requestContext.getStore();
  // A request's own logger already binds it: no second copy on its lines.
  if (store === undefined || 'requestId' in logger.bindings()) return {};
  return { requestId: store.requestId };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const opts = { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, mixin: withRequestId };
  return options.destination ? pino(opts, options.destination as pino.DestinationStream) : pino(opts);
}

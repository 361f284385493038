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

export function createLogger(options: LoggerOptions = {}): Logger {
  const opts = { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return options.destination ? pino(opts, options.destination as pino.DestinationStream) : pino(opts);
}

import type { ParsedErrorBody, WebexErrorCode } from './errors.js';
import { redactForm, redactHeaders, redactText, redactValue } from './redact.js';
import type { HttpMethod, TransportRequest, WebexRequestLog, WebexResponseLog } from './transport.js';
import type { WebexTimers } from './webex-timers.js';

type Next = WebexResponseLog['next'];

/** What the transport tells the response hook about one attempt; every value is redacted here, before a hook sees it. */
export interface AttemptLog {
  /** No answer (timeout, connection lost, caller abort). */
  noAnswer(error: { code: WebexErrorCode; message: string }, next: Next, delayMs?: number): void;
  /** A 2xx, read as `data`. */
  answered(status: number, headers: Headers, data: unknown): void;
  /** A 2xx we could not read. */
  unreadable(status: number, error: { code: WebexErrorCode; message: string }): void;
  /** An error status, with what the transport does about it. */
  refused(answer: { status: number; headers: Headers; text: string; parsed: ParsedErrorBody; trackingId: string | undefined }, code: WebexErrorCode, next: Next, delayMs?: number): void;
}

export interface AttemptStart {
  method: HttpMethod;
  href: string;
  attempt: number;
  headers: Record<string, string>;
  req: TransportRequest;
  /** The call's own secrets; the bearer `token` is added to them. */
  secrets: readonly string[];
  token: string | undefined;
}

export interface AttemptLogger {
  /** Reports the request to `onRequest` and returns where its outcome goes. */
  start(attempt: AttemptStart): AttemptLog;
}

/**
 * The log hooks, redacted and made harmless: undefined when no hook is set, so an unlogged call pays nothing.
 * A hook that throws is ignored: logging is best effort and must not fail (or retry) the call it describes.
 */
export function createAttemptLogger(hooks: {
  onRequest: ((e: WebexRequestLog) => void) | undefined;
  onResponse: ((e: WebexResponseLog) => void) | undefined;
  timers: WebexTimers;
}): AttemptLogger | undefined {
  const { onRequest, onResponse, timers } = hooks;
  if (!onRequest && !onResponse) return undefined;
  return {
    start({ method, href, attempt, headers, req, secrets, token }) {
      const logSecrets = token !== undefined ? [...secrets, token] : secrets;
      const url = redactText(href, logSecrets);
      if (onRequest) {
        const event = withLazyField({ method, url, attempt } as WebexRequestLog, 'headers', () => redactHeaders(headers));
        if (req.form !== undefined) withLazyField(event, 'body', () => redactForm(new URLSearchParams(req.form)));
        else if (req.json !== undefined) withLazyField(event, 'body', () => redactValue(req.json, logSecrets));
        bestEffort(() => onRequest(event));
      }
      const startedAt = timers.now();
      const report = onResponse
        ? (e: Answer) => bestEffort(() => onResponse(Object.assign(e as WebexResponseLog, { method, url, attempt, durationMs: timers.now() - startedAt })))
        : undefined;
      if (!report) return SILENT;
      return {
        noAnswer: ({ code, message }, next, delayMs) => report({ status: 0, error: { code, message }, next, ...(delayMs !== undefined ? { delayMs } : {}) }),
        answered: (status, answerHeaders, data) => {
          const trackingId = answerHeaders.get('trackingid');
          const event = withLazyField({ status, ...(trackingId ? { trackingId } : {}), next: 'return' } as Answer, 'headers', () => redactHeaders(answerHeaders));
          if (data !== undefined) withLazyField(event, 'body', () => redactValue(data, logSecrets));
          report(event);
        },
        unreadable: (status, { code, message }) => report({ status, error: { code, message }, next: 'throw' }),
        refused: ({ status, headers: answerHeaders, text, parsed, trackingId }, code, next, delayMs) => {
          const event = withLazyField(
            {
              status,
              ...(trackingId ? { trackingId } : {}),
              // Webex may echo a token or secret back in its message: scrub every secret of this call.
              error: { code, message: redactText(parsed.webexMessage ?? `HTTP ${status}`, logSecrets) },
              next,
              ...(delayMs !== undefined ? { delayMs } : {}),
            } as Answer,
            'headers',
            () => redactHeaders(answerHeaders),
          );
          if (text !== '') withLazyField(event, 'body', () => redactValue(parsed.webexMessage !== undefined ? parseOrKeep(text) : text, logSecrets));
          report(event);
        },
      };
    },
  };
}

type Answer = Omit<WebexResponseLog, 'method' | 'url' | 'attempt' | 'durationMs'>;

/**
 * Defines `key` as redacted on first read, then kept: the hooks g2g itself sets read neither headers nor bodies, and
 * redacting a whole meeting object for nobody was most of what a logged call cost. Enumerable, so a hook that
 * serializes or spreads the event still gets them (redacted).
 */
function withLazyField<T extends object>(event: T, key: 'headers' | 'body', redact: () => unknown): T {
  let value: unknown;
  let done = false;
  Object.defineProperty(event, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = redact();
        done = true;
      }
      return value;
    },
  });
  return event;
}

const SILENT: AttemptLog = { noAnswer() {}, answered() {}, unreadable() {}, refused() {} };

function bestEffort(log: () => void): void {
  try {
    log();
  } catch {
    // ignored on purpose: logging is best effort
  }
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

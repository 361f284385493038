import type { Logger } from '../logger.js';
import { createWebexClient, type TokenSource, type WebexClient, type WebexClientOptions } from '../webex/index.js';
import type { G2GMetrics } from './metrics/g2g-metrics.js';

/** Client knobs for tests and tuning; defaults suit production. */
export type WebexTuning = Pick<WebexClientOptions, 'timeoutMs' | 'maxRetries' | 'retryBaseDelayMs' | 'maxRetryDelayMs' | 'maxRetryAfterMs'>;

/** Builds Webex clients that share g2g's base URL, tuning, debug wire log and Webex metrics; only the bearer differs. */
export function createWebexClientFactory(deps: {
  /** Read when a client is built: g2g can be built before Webex credentials exist. */
  baseUrl: () => string;
  log: Logger;
  metrics?: Pick<G2GMetrics, 'webexResponse'>;
  /** Given to every client (tests aim the base URL at the emulator and never need it). */
  fetch?: typeof fetch;
  tuning?: WebexTuning;
}): (token?: TokenSource | (() => Promise<string>)) => WebexClient {
  const log = deps.log.child({ module: 'webex' });
  return (token) =>
    createWebexClient({
      baseUrl: deps.baseUrl(),
      ...deps.tuning,
      // The wire log is off unless at debug level: build nothing for it then (every Webex call passes here).
      onRequest: (e) => {
        if (log.isLevelEnabled('debug')) log.debug({ method: e.method, url: e.url, attempt: e.attempt }, 'webex request');
      },
      onResponse: (e) => {
        deps.metrics?.webexResponse(e);
        if (log.isLevelEnabled('debug')) log.debug({ method: e.method, url: e.url, attempt: e.attempt, status: e.status, durationMs: e.durationMs, trackingId: e.trackingId, next: e.next, error: e.error }, 'webex response');
      },
      ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
      ...(token !== undefined ? { token } : {}),
    });
}

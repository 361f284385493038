import type { InboundWebhook } from './webhook-envelope.js';

/**
 * String fields that let someone into a meeting or act as someone: the meeting password (and its
 * numeric phone form), the host key, join/start links, tokens and secrets. Webex says sensitive
 * fields are left out of webhook data (docs/webex-contract.md §5.2) but does not list them, and the emulator
 * sends the whole meeting object, so g2g drops them itself. Recording and transcript events carry playback and
 * download links (docs/webex-contract.md §8): those are read fresh from Webex when asked, never kept.
 */
const SENSITIVE_KEY = /(password|hostkey|secret|token|joinlink|startlink|downloadlink|downloadurl|playbackurl)$/i;

export const REDACTED = '[redacted]';

/**
 * The envelope as g2g stores it in `webhook_events.body` (kept for days for retries and
 * deduplication): every sensitive string replaced, at any depth. No handler needs those values.
 */
export function redactWebhookBody(envelope: InboundWebhook): string {
  return JSON.stringify(envelope, (key, value: unknown) => (typeof value === 'string' && key !== '' && SENSITIVE_KEY.test(key) ? REDACTED : value));
}

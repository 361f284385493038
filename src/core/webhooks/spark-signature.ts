import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../secret.js';

const HEX_SHA1 = /^[0-9a-f]{40}$/i;

/**
 * Whether `X-Spark-Signature` (HMAC-SHA1 hex of the exact bytes Webex sent, docs/webex-contract.md §5.4) matches
 * any configured secret. Several secrets are accepted so a secret can rotate without downtime;
 * each comparison is constant-time. Verify the raw bytes, never re-serialized JSON (octokit/webhooks.js#1081).
 */
export function isSparkSignatureValid(raw: Buffer, header: string | string[] | undefined, secrets: readonly Secret[]): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !HEX_SHA1.test(value.trim())) return false;
  const given = Buffer.from(value.trim().toLowerCase(), 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha1', secret.reveal()).update(raw).digest();
    // No early exit: every secret is checked, so timing does not reveal which one matched.
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `G2G-Signature` header of outbound events: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Unlike Webex's `X-Spark-Signature` (a bare HMAC of the body), the signed timestamp lets a receiver refuse a
 * replayed delivery: reject when `t` is further than a few minutes from its own clock.
 */
export const G2G_SIGNATURE_HEADER = 'G2G-Signature';
export const G2G_EVENT_ID_HEADER = 'G2G-Event-Id';

export function signG2GEvent(body: string, secret: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, unixSeconds, body)}`;
}

export interface VerifyG2GSignatureOptions {
  /** How far `t` may be from `now` (default 300 s). */
  toleranceSeconds?: number;
  /** The receiver's clock, epoch ms (default Date.now()). */
  now?: number;
}

export type G2GSignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing_header' | 'malformed_header' | 'timestamp_out_of_tolerance' | 'signature_mismatch' | 'no_secrets' };

/**
 * Checks a delivery from g2g in the company's receiver: pass the raw request bytes (not re-serialized JSON), the
 * `G2G-Signature` header and every secret still accepted (rotation: g2g signs with the first of G2G_EVENTS_SECRETS).
 * Compares in constant time and refuses timestamps outside the tolerance.
 *
 * @example
 * const check = verifyG2GSignature(rawBody, req.headers['g2g-signature'], [process.env.G2G_EVENTS_SECRET]);
 * if (!check.ok) return res.status(401).end();
 */
export function verifyG2GSignature(
  rawBody: string | Buffer,
  header: string | string[] | undefined | null,
  secrets: readonly string[],
  options: VerifyG2GSignatureOptions = {},
): G2GSignatureCheck {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === null || value === '') return { ok: false, reason: 'missing_header' };
  if (secrets.length === 0) return { ok: false, reason: 'no_secrets' };
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(v)) signatures.push(Buffer.from(v, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed_header' };
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  let matched = false;
  // Every pair is compared (no early exit), so timing reveals nothing about which secret or entry matched.
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
    for (const given of signatures) if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' };
}

/** Over the exact bytes: a Buffer body is never decoded and re-encoded. */
function hmacHex(secret: string, unixSeconds: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
}

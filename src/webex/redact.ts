/**
 * Redaction for the client's log hooks: tokens, secrets, passwords and join/start links never leave the transport
 * in clear text. Applied by the transport itself (not at call sites) so no hook can forget it.
 */
export const REDACTED = '[redacted]';

/** Field names (lower-cased) whose values are secrets wherever they appear in a JSON or form body. */
const SECRET_KEYS = new Set([
  'authorization',
  'access_token',
  'refresh_token',
  'accesstoken',
  'refreshtoken',
  'token',
  'client_secret',
  'clientsecret',
  'secret',
  'password',
  'panelistpassword',
  'phoneandvideosystempassword',
  'phoneandvideosystempanelistpassword',
  'hostkey',
  'joinlink',
  'startlink',
  'integrationjointoken',
]);

/** Query parameters that carry credentials inside URLs (Webex join links carry `integrationJoinToken`). */
const SECRET_QUERY_PARAMS = /([?&](?:integrationJoinToken|access_token|refresh_token|client_secret|token|password|principal)=)[^&#\s"']*/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** Removes credentials from query strings inside any text (URLs, messages). */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text.replace(SECRET_QUERY_PARAMS, `$1${REDACTED}`);
  for (const secret of knownSecrets) {
    // Short strings would over-redact ordinary words; real tokens and secrets are long.
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A deep copy of a JSON value with secret fields replaced and credential-bearing URLs cleaned. */
export function redactValue(value: unknown, knownSecrets: readonly string[] = []): unknown {
  if (typeof value === 'string') return redactText(value, knownSecrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, knownSecrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactValue(v, knownSecrets);
    }
    return out;
  }
  return value;
}

/** Headers as a plain object with `Authorization` (and any other secret header) redacted. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (v: string, k: string) => {
    const key = k.toLowerCase();
    out[key] = isSecretKey(key) || key === 'cookie' || key === 'set-cookie' ? REDACTED : v;
  };
  if (headers instanceof Headers) headers.forEach(put);
  else for (const [k, v] of Object.entries(headers)) put(v, k);
  return out;
}

/** A form body (`/access_token`) as an object with secret fields redacted. */
export function redactForm(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = isSecretKey(k) ? REDACTED : v;
  return out;
}

/** How deep a webhook body may nest (objects and arrays): Webex's deepest envelope is 5 levels. */
export const MAX_WEBHOOK_JSON_DEPTH = 32;

/**
 * The deepest object/array nesting in JSON text, counted over the bytes without parsing (so without recursion):
 * brackets inside strings do not count. Stops counting once past `limit`, since the caller only asks "too deep?".
 * Deep nesting overflows the stack of every recursive walker later on (hashing, redaction, zod).
 */
export function jsonDepthExceeds(raw: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

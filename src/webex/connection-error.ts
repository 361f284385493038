/** Connection errors raised before any byte of the request left: repeating is safe whatever the method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code of a failed fetch (undici wraps it in `cause`, sometimes twice). */
export function connectionErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a failed fetch never reached the network (refused, DNS), so nothing can have happened at Webex. */
export function wasNeverSent(error: unknown): boolean {
  return NOT_SENT_CODES.has(connectionErrorCode(error) ?? '');
}

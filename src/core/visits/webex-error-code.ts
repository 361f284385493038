/**
 * The `code` of a WebexApiError (src/webex), read structurally so core/visits depends only on its own seam
 * (VisitWebex). Callers branch on the code, never on message text (STYLE.md 4).
 */
export function webexErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'WebexApiError') return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The request may or may not have reached Webex (timeout, reset after sending): look before retrying. */
export function isOutcomeUnknown(error: unknown): boolean {
  if (webexErrorCode(error) === 'webex_outcome_unknown') return true;
  return error instanceof Error && (error as Error & { outcomeUnknown?: unknown }).outcomeUnknown === true;
}

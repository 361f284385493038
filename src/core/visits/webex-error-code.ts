import { isWebexApiError } from '../../webex/index.js';

/** The `code` of a WebexApiError, or undefined for anything else. Callers branch on it, never on text (docs/contributing.md §4). */
export function webexErrorCode(error: unknown): string | undefined {
  return isWebexApiError(error) ? error.code : undefined;
}

/** The request may or may not have reached Webex (timeout, reset after sending): look before retrying. */
export function isOutcomeUnknown(error: unknown): boolean {
  return isWebexApiError(error) && (error.code === 'webex_outcome_unknown' || error.outcomeUnknown);
}

/** What Webex answered (0: no answer), or undefined for errors that are not Webex's. */
export function webexStatus(error: unknown): number | undefined {
  return isWebexApiError(error) ? error.status : undefined;
}

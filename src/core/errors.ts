/** Every error code g2g's core and server can answer with. Callers branch on `code`, never on text. */
export const G2G_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'not_found',
  'conflict',
  'idempotency_conflict',
  'org_not_ready',
  'org_deauthorized',
  'org_needs_reauth',
  'org_missing_scopes',
  'webhook_signature_invalid',
  'unsupported_media_type',
  'rate_limited',
  'webex_error',
  'webex_unavailable',
  'webex_outcome_unknown',
  'config_invalid',
  'internal',
] as const;
export type G2GErrorCode = (typeof G2G_ERROR_CODES)[number];

export interface FieldProblem {
  /** Dotted path of the field, e.g. `participants.0.role`. */
  field: string;
  /** What is wrong and what is allowed. */
  message: string;
}

export interface G2GErrorInit {
  code: G2GErrorCode;
  status: number;
  message: string;
  fields?: FieldProblem[];
  trackingId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/** The one error family of core/ and server/: carries what a caller needs next, never a secret. */
export class G2GError extends Error {
  override readonly name = 'G2GError';
  readonly code: G2GErrorCode;
  readonly status: number;
  readonly fields: FieldProblem[];
  readonly trackingId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: G2GErrorInit) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.trackingId = init.trackingId;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isG2GError(error: unknown): error is G2GError {
  return error instanceof G2GError;
}

import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { G2G_ERROR_CODES } from '../core/errors.js';

/** RFC 9457 problem details: the one error body of g2g (built by `error-handler.ts`), component `Problem`. */
export const problemSchema = z
  .object({
    type: z.string().describe('Always about:blank: the HTTP status says what kind of problem it is, `code` says which'),
    title: z.string().describe('The HTTP status text'),
    status: z.number().int(),
    detail: z.string().describe('What went wrong and what to do; a 5xx says only "internal error"'),
    code: z.enum(G2G_ERROR_CODES).describe('What to branch on (never on detail text)'),
    errors: z
      .array(z.object({ field: z.string().describe('Dotted path, e.g. participants.0.role'), message: z.string() }))
      .optional()
      .describe('One entry per invalid field'),
    trackingId: z.string().optional().describe("Webex's trackingId when Webex refused: quote it to Cisco support"),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json)',
    example: {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'the request body is invalid',
      code: 'validation_failed',
      errors: [{ field: 'participants', message: 'at least one participant' }],
    },
  });

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** What each status means on g2g's routes, as the error handler answers it. */
const MEANING: Record<number, string> = {
  400: 'The request is invalid (`validation_failed`, one entry per field in `errors`)',
  401: 'No API key, or an unknown or revoked one (`unauthenticated`)',
  404: 'No such resource for this API key (`not_found`)',
  409: 'The resource is not in a state that allows this, or the org cannot be used now (`conflict`, `idempotency_conflict`, `org_*`)',
  413: 'The request body is larger than 1 MiB',
  415: 'The request body is not application/json (`unsupported_media_type`)',
  429: 'This API key made too many requests this minute (`rate_limited`), or Webex is rate-limiting this org (`webex_unavailable`): retry after Retry-After seconds',
  500: 'Internal error (`internal`, `config_invalid`): nothing more is said, the server log has it',
  502: 'Webex refused or failed (`webex_error`, with its `trackingId`), or its outcome is unknown (`webex_outcome_unknown`)',
  503: "The org's Webex token could not be had right now (`webex_unavailable`): try again",
};

/**
 * Error statuses a route answers, each as problem+json with the shared `Problem` schema. Fastify never serializes
 * these through the schema (the error handler sends a finished string), so the content map is for the document only.
 */
export function problemResponses<const S extends readonly number[]>(statuses: S): Record<S[number], ProblemResponse> {
  const out: Record<number, ProblemResponse> = {};
  for (const status of statuses) {
    out[status] = {
      description: MEANING[status] ?? STATUS_CODES[status] ?? 'Error',
      content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } },
    };
  }
  return out as Record<S[number], ProblemResponse>;
}

export interface ProblemResponse {
  description: string;
  content: Record<string, { schema: typeof problemSchema }>;
}

/**
 * Guests created by a Service App (`POST /guests/token`, `GET /guests/count`), written from the official contract
 * (`components.schemas.Guest` and the request body). All `Guest` fields are typed required: Webex answers them all.
 */
import type { Shape } from './shape.js';
import { WebexApiError } from './errors.js';
import type { CallOptions, Transport } from './transport.js';

export interface Guest {
  /** The unique id of the guest. */
  id: string;
  /** The external unique identifier of the guest. */
  subject: string;
  /** The guest’s display name shown in Webex applications */
  displayName: string;
  /** The person’s synthetic email in Webex. */
  email: string;
  /** The guests access token. */
  accessToken: string;
  /** The token expiration in seconds from the time of issuance. */
  expiresIn: number;
}

export interface CreateGuestBody {
  /** The unique and external identifier of the guest. */
  subject: string;
  /** The display name shown in the Webex application. */
  displayName: string;
}

// Shapes (see shape.ts)

export const guestShape: Shape<Guest> = {
  id: 'string',
  subject: 'string',
  displayName: 'string',
  email: 'string',
  accessToken: 'string',
  expiresIn: 'number',
};

export const createGuestBodyShape: Shape<CreateGuestBody> = {
  subject: 'string',
  displayName: 'string',
};

export interface GuestsApi {
  /**
   * Creates (or finds, by `subject`) a guest and mints it a token. A POST that creates: never repeated blindly after
   * a lost answer (`webex_outcome_unknown`); calling again with the same `subject` is the way to reconcile.
   */
  createToken(body: CreateGuestBody, opts?: CallOptions): Promise<Guest>;
  /** How many guests the Service App has created. Webex answers a bare number as text/plain. */
  count(opts?: CallOptions): Promise<number>;
}

export function createGuestsApi(transport: Transport): GuestsApi {
  return {
    createToken: async (body, opts) => (await transport.request<Guest>({ method: 'POST', path: '/guests/token', json: body, signal: opts?.signal })).data,
    count: async (opts) => {
      const res = await transport.request<string>({ method: 'GET', path: '/guests/count', responseType: 'text', signal: opts?.signal });
      const text = res.data.trim();
      if (!/^\d+$/.test(text)) {
        throw new WebexApiError({
          code: 'webex_invalid_response',
          status: res.status,
          method: 'GET',
          path: '/guests/count',
          message: 'Webex answered GET /guests/count with a body that is not a number',
          trackingId: res.headers.get('trackingid') ?? undefined,
        });
      }
      return Number(text);
    },
  };
}

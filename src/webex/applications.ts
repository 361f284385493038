/**
 * Service App tokens: `POST /applications/{applicationId}/token` (official contract: createServiceAppAccessToken)
 * mints an org's token pair, authorized by the token-manager credential (a token holding `spark:applications_token`,
 * not the Service App's own). Build a client whose token source gives that credential to call it.
 */
import type { Shape } from './shape.js';
import type { CallOptions, Transport } from './transport.js';

export interface TokenResponse {
  /** The OAuth 2.0 access token */
  access_token: string;
  /** Token expiration time in seconds */
  expires_in: number;
  /** The OAuth 2.0 refresh token (if applicable) */
  refresh_token: string;
  /** Refresh token expiration time in seconds */
  refresh_token_expires_in: number;
  /** The type of token issued */
  token_type: string;
  /** Space-separated scopes; `/access_token` answers may carry it (docs/webex-contract.md §4.3), the spec's schema omits it. */
  scope?: string;
}

export interface CreateServiceAppTokenBody {
  /** The OAuth client ID of the Service App */
  clientId: string;
  /** The OAuth client secret of the Service App */
  clientSecret: string;
  /** The organization ID for which the token will be created */
  targetOrgId: string;
}

// Shapes (see shape.ts)

export const tokenResponseShape: Shape<TokenResponse> = {
  access_token: 'string',
  expires_in: 'number',
  refresh_token: 'string',
  refresh_token_expires_in: 'number',
  token_type: 'string',
  scope: 'string',
};

export const createServiceAppTokenBodyShape: Shape<CreateServiceAppTokenBody> = {
  clientId: 'string',
  clientSecret: 'string',
  targetOrgId: 'string',
};

export interface ApplicationsApi {
  /**
   * Mints the Service App's token pair for `targetOrgId` (403 `webex_forbidden` if that org has not authorized it).
   * Safe to repeat after a lost answer: minting creates nothing the caller must reconcile; the vault keeps the pair
   * that arrives, and a pair lost in transit simply expires unused.
   */
  createToken(applicationId: string, body: CreateServiceAppTokenBody, opts?: CallOptions): Promise<TokenResponse>;
}

export function createApplicationsApi(transport: Transport): ApplicationsApi {
  return {
    createToken: async (applicationId, body, opts) =>
      (
        await transport.request<TokenResponse>({
          method: 'POST',
          path: `/applications/${encodeURIComponent(applicationId)}/token`,
          json: body,
          safeToRepeat: true,
          signal: opts?.signal,
        })
      ).data,
  };
}

import type { TokenResponse } from './applications.js';
import type { CallOptions, Transport } from './transport.js';

export interface RefreshTokenInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface OAuthApi {
  /**
   * `POST {base}/access_token` with `grant_type=refresh_token`, client credentials in the form body, no bearer.
   * Errors may come in OAuth shape (`{error, error_description}`): `WebexApiError.oauthError` then holds e.g.
   * `invalid_grant` (the refresh token is revoked or expired: the org must authorize again).
   *
   * Not repeated after a lost answer (`webex_outcome_unknown`): Webex may rotate the refresh token, and a blind
   * repeat with the old one could fail or strand the new pair. 429 and refused connections are still retried
   * (nothing was done). Store whatever `refresh_token` comes back.
   */
  refreshToken(input: RefreshTokenInput, opts?: CallOptions): Promise<TokenResponse>;
}

export function createOAuthApi(transport: Transport): OAuthApi {
  return {
    refreshToken: async (input, opts) =>
      (
        await transport.request<TokenResponse>({
          method: 'POST',
          path: '/access_token',
          auth: false,
          form: { grant_type: 'refresh_token', client_id: input.clientId, client_secret: input.clientSecret, refresh_token: input.refreshToken },
          signal: opts?.signal,
        })
      ).data,
  };
}

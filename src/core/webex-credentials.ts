import type { Secret } from '../secret.js';

/** The credential that mints each org's tokens: holds `spark:applications_token`. Refreshable when refreshToken and its client are given. */
export interface TokenManagerCredentials {
  accessToken: Secret;
  refreshToken?: Secret;
  clientId?: string;
  clientSecret?: Secret;
}

/** What core needs to act as the company's Webex Service App (the configuration's `webex` slice). */
export interface WebexCredentials {
  baseUrl: string;
  applicationId: string;
  clientId: string;
  clientSecret: Secret;
  tokenManager: TokenManagerCredentials;
}

import type { TokenSource } from './token-source.js';

/** The bearer of one call: the token to send, and the one refresh a 401 may ask for. */
export interface BearerAuth {
  readonly token: string;
  /** True until the one refresh of this call has been used. */
  readonly canRefresh: boolean;
  /** After a 401: asks the source for a fresh token in place of the rejected one (the rejected one goes with it). */
  refresh(): Promise<void>;
}

export async function startBearerAuth(source: TokenSource, signal: AbortSignal | undefined): Promise<BearerAuth> {
  const opts = signal ? { signal } : undefined;
  let token = await source.getToken(opts);
  let refreshed = false;
  return {
    get token() {
      return token;
    },
    get canRefresh() {
      return !refreshed;
    },
    async refresh() {
      // A 401 means Webex did nothing: the token expired or was revoked. One refresh, so a refused fresh token
      // fails instead of looping.
      refreshed = true;
      token = await source.refreshToken(token, opts);
    },
  };
}

import type { TokenSource } from './token-source.js';

/**
 * The bearer of one call: the token to send, and the one refresh a 401 may ask for. A class, built once the first
 * token is in hand (the transport awaits the source itself), so the hot path pays for one small object and no extra
 * promise.
 */
export class BearerAuth {
  private refreshed = false;
  private readonly source: TokenSource;
  private current: string;
  private readonly opts: { signal: AbortSignal } | undefined;

  constructor(source: TokenSource, token: string, opts: { signal: AbortSignal } | undefined) {
    this.source = source;
    this.current = token;
    this.opts = opts;
  }

  get token(): string {
    return this.current;
  }

  /** True until the one refresh of this call has been used. */
  get canRefresh(): boolean {
    return !this.refreshed;
  }

  /** After a 401: asks the source for a fresh token in place of the rejected one (the rejected one goes with it). */
  async refresh(): Promise<void> {
    // A 401 means Webex did nothing: the token expired or was revoked. One refresh, so a refused fresh token
    // fails instead of looping.
    this.refreshed = true;
    this.current = await this.source.refreshToken(this.current, this.opts);
  }
}

/** Where the client gets its bearer token: the vault hands out per-org tokens through this. */
export interface TokenSource {
  getToken(opts?: { signal?: AbortSignal }): Promise<string>;
  /** Called once after a 401 with the token Webex rejected; returns a fresh token (refresh, unless a peer already did). */
  refreshToken(rejected: string, opts?: { signal?: AbortSignal }): Promise<string>;
}

/**
 * Accepts a full TokenSource or a bare function. A bare function has no refresh: after a 401 it is simply asked
 * again, which helps when it reads from a store another process refreshes.
 */
export function toTokenSource(token: TokenSource | (() => Promise<string>)): TokenSource {
  if (typeof token === 'function') return { getToken: () => token(), refreshToken: () => token() };
  return token;
}

/** A fixed token (a personal access token, a test token). After a 401 it can only offer the same token again. */
export function staticTokenSource(token: string): TokenSource {
  return { getToken: () => Promise.resolve(token), refreshToken: () => Promise.resolve(token) };
}

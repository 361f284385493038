const TEN_MINUTES = 10 * 60_000;

/**
 * How long before expiry a token counts as due for refresh: when less than 20% of its lifetime or
 * 10 minutes remain, whichever comes first, but never more than half its lifetime (short-lived
 * tokens would otherwise be refreshed on every use).
 * Webex Service App lifetimes are unconfirmed (docs/webex-contract.md §4.3): trust `expires_in`, refresh early.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  const lifetime = Math.max(0, lifetimeMs);
  return Math.min(Math.max(lifetime * 0.2, TEN_MINUTES), lifetime / 2);
}

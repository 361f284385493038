/**
 * Coalesces concurrent calls per key on this instance: the first caller runs, the others share its
 * promise (octokit/auth-app.js#688: one token mint per caller is the smell this avoids).
 * Each vault owns its own map, so keys never mix base URLs or apps.
 */
export function singleFlight<V>(): (key: string, run: () => Promise<V>) => Promise<V> {
  const inFlight = new Map<string, Promise<V>>();
  return (key, run) => {
    const existing = inFlight.get(key);
    if (existing !== undefined) return existing;
    const shared = run().finally(() => inFlight.delete(key));
    inFlight.set(key, shared);
    return shared;
  };
}

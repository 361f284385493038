/**
 * The license governor's one decision. A guest-to-guest license counts meetings *in progress* at once
 * (docs/guest-to-guest.md: the N+1th start is refused), not schedules: so an over-subscribed schedule is allowed and flagged.
 * `overlapping` counts the other visits of the org that may run during the new one.
 */
export function capacityWarning(licensed: number | undefined, overlapping: number): string | null {
  if (licensed === undefined || overlapping + 1 <= licensed) return null;
  return `${overlapping + 1} visits overlap this time but the org's license allows ${licensed} meetings in progress at once: some may be refused when they start`;
}

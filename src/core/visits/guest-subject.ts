import { createHash } from 'node:crypto';

/**
 * The Webex guest subject for a person: stable per (tenant, person) so the same person is the same guest
 * later (Webex returns the same guest for the same subject), and a hash so no e-mail reaches Webex's subject.
 * Undefined when the seat names no person (no e-mail, no externalId): that seat gets a one-off guest.
 */
export function guestSubject(tenantId: string, person: { email?: string | undefined; externalId?: string | undefined }): string | undefined {
  const key = person.externalId !== undefined ? `x:${person.externalId}` : person.email !== undefined ? `e:${person.email.toLowerCase()}` : undefined;
  if (key === undefined) return undefined;
  return `g2g-${createHash('sha256').update(`${tenantId}\u0000${key}`).digest('base64url').slice(0, 40)}`;
}

import type { LinkRevokedReason, NewVisitLink, VisitLink } from './visit-link.js';

/** Join links (hashes and nonces only: the codes never reach the store). */
export interface LinkStore {
  findByHash(codeHash: string): Promise<VisitLink | undefined>;
  /** The live (not revoked) links of these visits' seats. */
  listActive(visitIds: string[]): Promise<VisitLink[]>;
  /** Revokes every live link of a seat, then (optionally) adds the new one, in one transaction. */
  replace(participantId: string, now: number, reason: LinkRevokedReason, next?: NewVisitLink): Promise<void>;
}

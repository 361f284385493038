/** Why a join link stopped working: revoked by the caller, or replaced by a reissued one. */
export type LinkRevokedReason = 'revoked' | 'replaced';

/** One issued join code. Only a sha256 of the code is stored; the code itself is a secret. */
export interface VisitLink {
  codeHash: string;
  participantId: string;
  visitId: string;
  /** Random nonce; the code is HMAC(key, nonce), so an idempotent replay can answer the same joinUrl. */
  nonce: string;
  keyId: string;
  createdAt: number;
  revokedAt: number | null;
  revokedReason: LinkRevokedReason | null;
}

export type NewVisitLink = Omit<VisitLink, 'revokedAt' | 'revokedReason'>;

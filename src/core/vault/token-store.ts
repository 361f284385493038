/** A subject's tokens as stored: ciphertexts only (the vault encrypts and decrypts), epoch-ms times. */
export interface StoredToken {
  subject: string;
  accessTokenEnc: string;
  accessTokenExpiresAt: number;
  /** Null when the token has no refresh token (a static token-manager token). */
  refreshTokenEnc: string | null;
  refreshTokenExpiresAt: number | null;
  /** When the current access token was issued: refresh-ahead measures lifetime from here. */
  issuedAt: number;
  /** Bumped on every write: compare-and-set for key rotation and for "a peer refreshed meanwhile". */
  version: number;
  refreshLeaseUntil: number | null;
  refreshLeaseOwner: string | null;
  updatedAt: number;
}

export type TokenValues = Pick<StoredToken, 'accessTokenEnc' | 'accessTokenExpiresAt' | 'refreshTokenEnc' | 'refreshTokenExpiresAt' | 'issuedAt'>;

/** The vault's encrypted tokens, one row per subject, with a refresh lease so one instance refreshes at a time. */
export interface TokenStore {
  find(subject: string): Promise<StoredToken | undefined>;
  /** Every stored token, or those of `subjects` (one read either way), by subject. */
  list(subjects?: readonly string[]): Promise<StoredToken[]>;
  /** Stores a pair (first time or replacing), bumping the version and clearing any lease. */
  save(subject: string, values: TokenValues, now: number): Promise<void>;
  /** Stores a pair only when the subject has none (seeding from configuration). */
  insertIfAbsent(subject: string, values: TokenValues, now: number): Promise<void>;
  /** Compare-and-set: takes the refresh lease unless a peer holds a live one. True when `owner` now holds it. */
  claimRefreshLease(subject: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Writes refreshed tokens only while `owner` still holds the lease; false means a peer took over. */
  completeRefresh(subject: string, owner: string, values: TokenValues, now: number): Promise<boolean>;
  releaseRefreshLease(subject: string, owner: string): Promise<void>;
  /** Replaces the ciphertexts (key rotation) only if nobody wrote the row since `version` was read. */
  replaceCiphertexts(subject: string, version: number, values: Pick<TokenValues, 'accessTokenEnc' | 'refreshTokenEnc'>, now: number): Promise<boolean>;
  delete(subject: string): Promise<boolean>;
}

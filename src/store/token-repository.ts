import type { Kysely } from 'kysely';
import type { StoredToken, TokenStore, TokenValues } from '../core/vault/token-store.js';
import type { Database } from './schema.js';
import {
  claimRefreshLease,
  completeRefresh,
  deleteVaultToken,
  findVaultToken,
  insertVaultTokenIfAbsent,
  listVaultTokens,
  releaseRefreshLease,
  replaceCiphertexts,
  saveVaultToken,
  type VaultTokenRow,
  type VaultTokenValues,
} from './vault-token-store.js';

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

function toStoredToken(row: VaultTokenRow): StoredToken {
  return {
    subject: row.subject,
    accessTokenEnc: row.access_token_enc,
    accessTokenExpiresAt: Number(row.access_token_expires_at),
    refreshTokenEnc: row.refresh_token_enc,
    refreshTokenExpiresAt: numOrNull(row.refresh_token_expires_at),
    issuedAt: Number(row.issued_at),
    version: Number(row.version),
    refreshLeaseUntil: numOrNull(row.refresh_lease_until),
    refreshLeaseOwner: row.refresh_lease_owner,
    updatedAt: Number(row.updated_at),
  };
}

const toColumns = (v: TokenValues): VaultTokenValues => ({
  access_token_enc: v.accessTokenEnc,
  access_token_expires_at: v.accessTokenExpiresAt,
  refresh_token_enc: v.refreshTokenEnc,
  refresh_token_expires_at: v.refreshTokenExpiresAt,
  issued_at: v.issuedAt,
});

/** The vault_tokens table, for core's TokenStore (over the row functions of vault-token-store.ts). */
export function createTokenRepository(db: Kysely<Database>): TokenStore {
  return {
    find: async (subject) => {
      const row = await findVaultToken(db, subject);
      return row && toStoredToken(row);
    },
    list: async (subjects) => (await listVaultTokens(db, subjects)).map(toStoredToken),
    save: (subject, values, now) => saveVaultToken(db, subject, toColumns(values), now),
    insertIfAbsent: (subject, values, now) => insertVaultTokenIfAbsent(db, subject, toColumns(values), now),
    claimRefreshLease: (subject, owner, now, leaseMs) => claimRefreshLease(db, subject, owner, now, leaseMs),
    completeRefresh: (subject, owner, values, now) => completeRefresh(db, subject, owner, toColumns(values), now),
    releaseRefreshLease: (subject, owner) => releaseRefreshLease(db, subject, owner),
    replaceCiphertexts: (subject, version, values, now) =>
      replaceCiphertexts(db, subject, version, { access_token_enc: values.accessTokenEnc, refresh_token_enc: values.refreshTokenEnc }, now),
    delete: (subject) => deleteVaultToken(db, subject),
  };
}

import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { Database } from '../../store/schema.js';
import { findVaultToken, listVaultTokens, replaceCiphertexts, type VaultTokenRow } from '../../store/vault-token-store.js';
import type { Clock } from '../clock.js';
import type { Keyring } from '../crypto/keyring.js';
import { describeError } from '../describe-error.js';

export interface RotationResult {
  rotated: number;
  alreadyCurrent: number;
  /** Rows whose ciphertext no configured key opens (logged with the subject). */
  failed: number;
}

/**
 * Re-encrypts every stored token with the keyring's current (first) key (`g2g keys rotate`).
 * Each row is replaced compare-and-set on its version, so a refresh running meanwhile on another
 * instance is never overwritten: the row is read again and rotated on the next try.
 */
export async function rotateVaultKeys(deps: { db: Kysely<Database>; keyring: Keyring; clock: Clock; log: Logger }): Promise<RotationResult> {
  const { db, keyring, clock, log } = deps;
  const ctx = (subject: string, column: 'access' | 'refresh') => `vault_tokens:${subject}:${column}`;
  let rotated = 0;
  let alreadyCurrent = 0;
  let failed = 0;
  for (const first of await listVaultTokens(db)) {
    let row: VaultTokenRow | undefined = first;
    for (let attempt = 0; row !== undefined && attempt < 3; attempt += 1) {
      try {
        const access = keyring.reencrypt(row.access_token_enc, ctx(row.subject, 'access'));
        const refresh = row.refresh_token_enc === null ? undefined : keyring.reencrypt(row.refresh_token_enc, ctx(row.subject, 'refresh'));
        if (access === undefined && refresh === undefined) {
          alreadyCurrent += 1;
          break;
        }
        const values = { access_token_enc: access ?? row.access_token_enc, refresh_token_enc: refresh ?? row.refresh_token_enc };
        if (await replaceCiphertexts(db, row.subject, row.version, values, clock.now())) {
          rotated += 1;
          break;
        }
        row = await findVaultToken(db, row.subject); // written meanwhile (a refresh): rotate the new row
      } catch (error) {
        failed += 1;
        log.error({ subject: first.subject, err: describeError(error) }, 'token could not be re-encrypted');
        break;
      }
    }
  }
  log.info({ rotated, alreadyCurrent, failed, keyId: keyring.currentKeyId }, 'stored tokens re-encrypted');
  return { rotated, alreadyCurrent, failed };
}

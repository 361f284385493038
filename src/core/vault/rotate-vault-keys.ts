import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import type { Keyring } from '../crypto/keyring.js';
import { describeError } from '../describe-error.js';
import type { StoredToken, TokenStore } from './token-store.js';

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
export async function rotateVaultKeys(deps: { tokenStore: Pick<TokenStore, 'list' | 'find' | 'replaceCiphertexts'>; keyring: Keyring; clock: Clock; log: Logger }): Promise<RotationResult> {
  const { tokenStore, keyring, clock, log } = deps;
  const ctx = (subject: string, column: 'access' | 'refresh') => `vault_tokens:${subject}:${column}`;
  let rotated = 0;
  let alreadyCurrent = 0;
  let failed = 0;
  for (const first of await tokenStore.list()) {
    let row: StoredToken | undefined = first;
    for (let attempt = 0; row !== undefined && attempt < 3; attempt += 1) {
      try {
        const access = keyring.reencrypt(row.accessTokenEnc, ctx(row.subject, 'access'));
        const refresh = row.refreshTokenEnc === null ? undefined : keyring.reencrypt(row.refreshTokenEnc, ctx(row.subject, 'refresh'));
        if (access === undefined && refresh === undefined) {
          alreadyCurrent += 1;
          break;
        }
        const values = { accessTokenEnc: access ?? row.accessTokenEnc, refreshTokenEnc: refresh ?? row.refreshTokenEnc };
        if (await tokenStore.replaceCiphertexts(row.subject, row.version, values, clock.now())) {
          rotated += 1;
          break;
        }
        row = await tokenStore.find(row.subject); // written meanwhile (a refresh): rotate the new row
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

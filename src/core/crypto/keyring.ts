import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Secret } from '../../secret.js';
import { G2GError } from '../errors.js';

/**
 * Encryption at rest for tokens: AES-256-GCM with a fresh random 12-byte IV per value.
 * Ciphertext format: `v1.<kid>.<iv>.<tag>.<ct>` (base64url parts), so each value names its key
 * and keys can rotate. The caller's `context` (e.g. `vault_tokens:<orgId>:access`) is bound as
 * additional authenticated data: a ciphertext copied into another row or column fails to decrypt.
 */
export interface Keyring {
  /** Id of the key new ciphertexts use (the first configured). */
  readonly currentKeyId: string;
  encrypt(plaintext: string, context: string): string;
  /** Throws G2GError `internal` (never echoing the value) when the key is unknown or the value was tampered with or moved. */
  decrypt(ciphertext: string, context: string): string;
  /** The key id a ciphertext names, or undefined when it is not one of ours. */
  keyIdOf(ciphertext: string): string | undefined;
  /** The same plaintext under the current key, or undefined when it already uses it. */
  reencrypt(ciphertext: string, context: string): string | undefined;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createKeyring(keys: readonly { id: string; key: Secret }[]): Keyring {
  const first = keys[0];
  if (first === undefined) throw new G2GError({ code: 'config_invalid', status: 500, message: 'at least one encryption key is required' });
  const material = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    const bytes = Buffer.from(key.reveal(), 'base64');
    if (bytes.length !== 32) throw new G2GError({ code: 'config_invalid', status: 500, message: `encryption key ${id} must be 32 bytes` });
    if (id.includes('.')) throw new G2GError({ code: 'config_invalid', status: 500, message: `encryption key id ${id} must not contain "."` });
    material.set(id, bytes);
  }
  const aad = (kid: string, context: string) => Buffer.from(`g2g:${VERSION}:${kid}:${context}`, 'utf8');

  const encryptWith = (kid: string, plaintext: string, context: string): string => {
    const key = material.get(kid) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(kid, context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, kid, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  };

  const undecryptable = (why: string) =>
    new G2GError({ code: 'internal', status: 500, message: `stored secret cannot be decrypted: ${why}` });

  const parse = (ciphertext: string) => {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
    const [, kid, iv, tag, ct] = parts as [string, string, string, string, string];
    return { kid, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ct: Buffer.from(ct, 'base64url') };
  };

  const keyring: Keyring = {
    currentKeyId: first.id,
    encrypt: (plaintext, context) => encryptWith(first.id, plaintext, context),
    decrypt(ciphertext, context) {
      const parsed = parse(ciphertext);
      if (parsed === undefined) throw undecryptable('not a g2g ciphertext');
      const key = material.get(parsed.kid);
      if (key === undefined) throw undecryptable(`key id ${parsed.kid} is not configured in G2G_ENCRYPTION_KEYS`);
      if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw undecryptable('malformed ciphertext');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(parsed.kid, context));
        decipher.setAuthTag(parsed.tag);
        return Buffer.concat([decipher.update(parsed.ct), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new G2GError({ code: 'internal', status: 500, message: 'stored secret cannot be decrypted: authentication failed (wrong key, tampered, or moved to another row)', cause });
      }
    },
    keyIdOf: (ciphertext) => parse(ciphertext)?.kid,
    reencrypt(ciphertext, context) {
      if (parse(ciphertext)?.kid === first.id) return undefined;
      return encryptWith(first.id, keyring.decrypt(ciphertext, context), context);
    },
  };
  return keyring;
}

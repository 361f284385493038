import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Webex id shapes (docs/webex-contract.md §10, §1.1): messaging, people, org and app ids are unpadded base64url of
 * `ciscospark://us/<TYPE>/<uuid>`; meeting, recording and transcript ids are 32 hex characters.
 */
export const WEBEX_ID_TYPES = [
  'PEOPLE',
  'ORGANIZATION',
  'APPLICATION',
  'WEBHOOK',
  'ROOM',
  'MESSAGE',
  'MEMBERSHIP',
  'AUTHORIZATION',
] as const;
export type WebexIdType = (typeof WEBEX_ID_TYPES)[number];

/**
 * Random bytes from a pool refilled 4 KB at a time: one `randomBytes` call per id made creating meetings
 * measurably slower (several ids per meeting). The bytes are still from the CSPRNG.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    pool = randomBytes(Math.max(4096, size));
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return chunk;
}

export function createWebexId(type: WebexIdType, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${type}/${uuid}`, 'utf8').toString('base64url');
}

export function createHexId(): string {
  return randomChunk(16).toString('hex');
}

const TRACKING_PREFIX = randomBytes(10).toString('hex').toUpperCase();
let trackingCounter = 0;

/**
 * `<32 upper hex>_<epoch ms>`, one of the trackingId shapes Webex answers with (docs/webex-contract.md §10). A random
 * per-process prefix plus a counter: unique, and cheap enough for every response.
 */
export function createTrackingId(now: number): string {
  trackingCounter = (trackingCounter + 1) % 0x1000000000000;
  return `${TRACKING_PREFIX}${trackingCounter.toString(16).toUpperCase().padStart(12, '0')}_${now}`;
}

/** Opaque bearer token shaped like Webex's `<base64ish>_<cluster>_<org uuid>` (docs/webex-contract.md §4.3). */
export function createOpaqueToken(orgUuid: string): string {
  return `${randomChunk(48).toString('base64url')}_PF84_${orgUuid}`;
}

export function createSecret(bytes = 32): string {
  return randomChunk(bytes).toString('hex');
}

/** Digits only, `length` long, never starting with 0 (meeting numbers, host keys, access codes). */
export function createDigits(length: number): string {
  const bytes = randomChunk(length);
  let out = String(1 + ((bytes[0] ?? 0) % 9));
  for (let i = 1; i < length; i += 1) out += String((bytes[i] ?? 0) % 10);
  return out;
}

export function createLinkToken(): string {
  return randomChunk(24).toString('base64url');
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function adminTokenPath(dataDir: string): string {
  return path.join(dataDir, 'admin-token');
}

/** The token kept in the file, or undefined when there is none (or it is blank). */
export function readAdminToken(dataDir: string): string | undefined {
  try {
    return readFileSync(adminTokenPath(dataDir), 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The embedded sandbox's operator token: the kept one, or a new one written 0600 (restarts keep it). */
export function ensureAdminToken(dataDir: string): string {
  const kept = readAdminToken(dataDir);
  if (kept !== undefined) return kept;
  const token = `g2gop_${randomBytes(24).toString('base64url')}`;
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(adminTokenPath(dataDir), `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (error) {
    // A sibling start wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readAdminToken(dataDir) ?? token;
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Development keys and secrets kept in the data directory, one file per variable, so restarts agree.
 * `loadConfig` only reads them; the CLI creates the missing ones before loading (`g2g start`, `g2g keys`).
 */
export const DEV_SECRET_FILES = {
  G2G_ENCRYPTION_KEYS: 'encryption.key',
  G2G_WEBHOOK_SECRETS: 'webhook-secret',
  G2G_EVENTS_SECRETS: 'events-secret',
} as const;
export type DevSecretVariable = keyof typeof DEV_SECRET_FILES;

/** The data directory as `loadConfig` resolves it from the environment (default `./data`). */
export function resolveDataDir(env: Record<string, string | undefined>): string {
  return path.resolve(env['G2G_DATA_DIR']?.trim() || './data');
}

export function devSecretPath(dataDir: string, variable: DevSecretVariable): string {
  return path.join(dataDir, DEV_SECRET_FILES[variable]);
}

/** The kept value (trimmed), or undefined when the file does not exist or is blank. */
export function readDevSecret(dataDir: string, variable: DevSecretVariable): string | undefined {
  try {
    return readFileSync(devSecretPath(dataDir, variable), 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Generates, into the data directory, each development value whose variable is unset and whose file is missing:
 * an encryption key, a webhook secret, and an events secret when G2G_EVENTS_URL is set. Returns a warning per
 * file written (the caller logs them: production sets the variables).
 */
export function createDevSecrets(env: Record<string, string | undefined>): string[] {
  const dataDir = resolveDataDir(env);
  const wanted: { variable: DevSecretVariable; make: () => string; what: string }[] = [
    { variable: 'G2G_ENCRYPTION_KEYS', make: () => `dev${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`, what: 'a development key' },
    { variable: 'G2G_WEBHOOK_SECRETS', make: () => randomBytes(24).toString('base64url'), what: 'a development secret' },
  ];
  if (env['G2G_EVENTS_URL']?.trim()) wanted.push({ variable: 'G2G_EVENTS_SECRETS', make: () => randomBytes(24).toString('base64url'), what: 'a development secret' });
  const warnings: string[] = [];
  for (const { variable, make, what } of wanted) {
    if (env[variable]?.trim() || readDevSecret(dataDir, variable) !== undefined) continue;
    const file = devSecretPath(dataDir, variable);
    if (writePrivate(file, `${make()}\n`)) warnings.push(`${variable} is unset: generated ${what} into ${file}; set the variable in production`);
  }
  return warnings;
}

/** False when a sibling instance wrote the file first ('wx'): theirs is kept and read. */
function writePrivate(file: string, content: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

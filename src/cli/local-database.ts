import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../dev-secrets.js';
import { parseDatabaseUrl } from '../store/open-database.js';
import type { CliIo } from './cli-io.js';
import { usageError } from './cli-error.js';

/**
 * The database URL the DB-side commands use: DATABASE_URL, else `{G2G_DATA_DIR}/g2g.sqlite`. With `mustExist`, a
 * SQLite file that is not there is an error saying where it looked, so running from another directory never
 * makes a new empty `./data/g2g.sqlite`.
 */
export function localDatabaseUrl(env: CliIo['env'], opts: { mustExist: boolean }): string {
  const explicit = env['DATABASE_URL']?.trim();
  if (explicit) {
    let location;
    try {
      location = parseDatabaseUrl(explicit);
    } catch {
      throw usageError('DATABASE_URL must be sqlite:<path>, sqlite::memory: or postgres://user@host:5432/db');
    }
    if (opts.mustExist && location.dialect === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) {
      throw usageError(`DATABASE_URL names ${path.resolve(location.file)}, which does not exist: run g2g migrate (or g2g start) first`);
    }
    return explicit;
  }
  const dataDir = resolveDataDir(env);
  const file = path.join(dataDir, 'g2g.sqlite');
  if (opts.mustExist && !existsSync(file)) {
    const why = env['G2G_DATA_DIR']?.trim() ? 'G2G_DATA_DIR' : 'G2G_DATA_DIR is unset, so ./data';
    throw usageError(`no g2g database at ${file} (${why}): run from the directory g2g start ran in, or set G2G_DATA_DIR or DATABASE_URL`);
  }
  return `sqlite:${file}`;
}

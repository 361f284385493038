import path from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../dev-secrets.js';
import { adminTokenPath, readAdminToken } from './admin-token-file.js';
import { createApiClient, type ApiClient } from './api-client.js';
import type { CliIo } from './cli-io.js';
import { usageError } from './cli-error.js';

export interface GlobalFlags {
  json?: boolean;
  url?: string;
  key?: string;
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Which API a command goes through: the tenant API with an API key, or the admin API with the operator token. */
export interface ApiScope {
  kind: 'tenant' | 'admin';
  client: ApiClient;
  /** `/api/v1` or `/api/v1/admin`. */
  prefix: string;
}

export function globalFlags(command: Command): GlobalFlags {
  return command.optsWithGlobals<GlobalFlags>();
}

export function g2gUrl(flags: GlobalFlags, env: CliIo['env']): string {
  const raw = flags.url ?? env['G2G_URL']?.trim() ?? DEFAULT_URL;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return raw.replace(/\/+$/, '');
  } catch {
    throw usageError(`${flags.url !== undefined ? '--url' : 'G2G_URL'} must be an http(s) URL such as ${DEFAULT_URL}`);
  }
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/** G2G_ADMIN_TOKEN, else (for a g2g on this machine) `{G2G_DATA_DIR}/admin-token`; says where it looked when neither. */
export function adminToken(flags: GlobalFlags, env: CliIo['env']): string {
  const fromEnv = env['G2G_ADMIN_TOKEN']?.trim();
  if (fromEnv) return fromEnv;
  const url = g2gUrl(flags, env);
  const file = adminTokenPath(resolveDataDir(env));
  if (isLocal(url)) {
    const kept = readAdminToken(path.dirname(file));
    if (kept !== undefined) return kept;
    throw usageError(`no operator token: set G2G_ADMIN_TOKEN (looked in ${file}, written by g2g start on the embedded sandbox; set G2G_DATA_DIR to its data directory)`);
  }
  throw usageError(`no operator token: set G2G_ADMIN_TOKEN for ${url}`);
}

export function adminClient(flags: GlobalFlags, io: CliIo): ApiClient {
  return createApiClient({ baseUrl: g2gUrl(flags, io.env), token: adminToken(flags, io.env) });
}

export function apiKey(flags: GlobalFlags, env: CliIo['env']): string | undefined {
  return flags.key ?? (env['G2G_API_KEY']?.trim() || undefined);
}

export function tenantClient(flags: GlobalFlags, io: CliIo): ApiClient {
  const key = apiKey(flags, io.env);
  if (key === undefined) throw usageError('no API key: pass --key or set G2G_API_KEY (g2g keys create makes one)');
  return createApiClient({ baseUrl: g2gUrl(flags, io.env), token: key });
}

/** With an API key (--key / G2G_API_KEY): the tenant API; else the admin API with the operator token. */
export function apiScope(flags: GlobalFlags, io: CliIo): ApiScope {
  return apiKey(flags, io.env) !== undefined ? { kind: 'tenant', client: tenantClient(flags, io), prefix: '/api/v1' } : { kind: 'admin', client: adminClient(flags, io), prefix: '/api/v1/admin' };
}

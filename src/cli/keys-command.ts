import type { Command } from 'commander';
import { createOperatorKey } from '../core/admin/operator-keys.js';
import { systemClock } from '../core/clock.js';
import { createKeyring } from '../core/crypto/keyring.js';
import { createTenants } from '../core/tenants/tenants.js';
import { rotateVaultKeys, type RotationResult } from '../core/vault/rotate-vault-keys.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/open-database.js';
import { createOrgStores } from '../store/org-stores.js';
import { createTokenRepository } from '../store/token-repository.js';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { CliError, usageError } from './cli-error.js';
import { adminClient } from './connection.js';
import { loadCliConfig } from './load-cli-config.js';
import { localDatabaseUrl } from './local-database.js';

type Env = Record<string, string | undefined>;
type Print = (line: string) => void;

interface KeyView {
  id: string;
  tenantId: string;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
  status: string;
}

/** `--expires`: an ISO 8601 time, or a lifetime like 30d / 12h. */
export function parseExpiry(value: string, now: number): number {
  const relative = /^(\d{1,5})([dh])$/.exec(value.trim());
  if (relative !== null) return now + Number(relative[1]) * (relative[2] === 'd' ? 86_400_000 : 3_600_000);
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw usageError('--expires must be an ISO 8601 time (2027-01-31T00:00:00Z) or a lifetime such as 30d or 12h');
  return at;
}

export function registerKeysCommand(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('API keys for tenants, and re-encryption of stored tokens');
  keys
    .command('create')
    .description('Create an API key for a tenant (created if new) and print it once; each --org must have authorized the Service App (uses the database)')
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--org <orgId...>', 'org id(s) the tenant may use (repeatable)')
    .option('--expires <when>', 'when the key stops working: ISO 8601, or a lifetime such as 30d')
    .action(
      action(io, async ({ io: cio, out }, opts: { tenant: string; org?: string[]; expires?: string }) => {
        const expiresAt = opts.expires === undefined ? undefined : parseExpiry(opts.expires, Date.now());
        const lines: string[] = [];
        const created = await runKeysCreate(cio.env, { tenantName: opts.tenant, orgIds: opts.org ?? [], expiresAt }, (l) => void lines.push(l));
        out.result({ tenantId: created.tenantId, keyId: created.keyId, apiKey: created.apiKey, expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString() }, () => {
          for (const l of lines) out.line(l);
        });
      }),
    );
  keys
    .command('list')
    .description('API keys (ids and states, never secrets) through the admin API')
    .option('--tenant-id <id>', 'only this tenant')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { tenantId?: string }) => {
        const { items } = await adminClient(flags, cio).json<{ items: KeyView[] }>('GET', '/api/v1/admin/keys', { query: { tenantId: opts.tenantId } });
        out.result(items, () => out.table(items.map((k) => ({ id: k.id, tenant: k.tenantId, status: k.status, created: k.createdAt, expires: k.expiresAt, revoked: k.revokedAt })), ['id', 'tenant', 'status', 'created', 'expires', 'revoked']));
      }),
    );
  keys
    .command('revoke <keyId>')
    .description('Revoke an API key (the g2g_<id>_ part, as keys list shows it): it gets 401 at once')
    .action(
      action(io, async ({ io: cio, out, flags }, keyId: string) => {
        const key = await adminClient(flags, cio).json<KeyView>('DELETE', `/api/v1/admin/keys/${encodeURIComponent(keyId)}`);
        out.result(key, () => out.line(`key ${key.id} of tenant ${key.tenantId} is ${key.status}`));
      }),
    );
  keys
    .command('rotate')
    .description('Re-encrypt every stored token with the first key of G2G_ENCRYPTION_KEYS (put the new key first, keep the old ones until this reports failed: 0)')
    .action(
      action(io, async ({ io: cio, out }) => {
        const lines: string[] = [];
        const result = await runKeysRotate(cio.env, (l) => void lines.push(l));
        out.result(result, () => {
          for (const l of lines) out.line(l);
        });
        if (result.failed > 0) throw new CliError(`${result.failed} token row(s) could not be re-encrypted: keep the old keys in G2G_ENCRYPTION_KEYS and see the log`);
      }),
    );
}

/** `g2g keys create`: the raw key is printed once and stored only as a hash; an unknown org is refused. */
export async function runKeysCreate(env: Env, input: { tenantName: string; orgIds: string[]; expiresAt?: number | undefined }, print: Print): Promise<{ tenantId: string; keyId: string; apiKey: string }> {
  const db = await openDatabase(localDatabaseUrl(env, { mustExist: true }));
  try {
    const stores = createOrgStores(db);
    const orgs = { list: (ids: readonly string[]) => stores.orgStore.list(ids) };
    const created = await createOperatorKey({ tenants: createTenants({ ...stores, clock: systemClock }), orgs }, input).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? `--org: ${error.message}` : String(error), { exitCode: 1, cause: error });
    });
    print(`tenant ${input.tenantName} (${created.tenantId})${input.orgIds.length ? `, orgs: ${input.orgIds.join(', ')}` : ''}${input.expiresAt !== undefined ? `, expires ${new Date(input.expiresAt).toISOString()}` : ''}`);
    print('API key (shown once; send it as Authorization: Bearer <key>):');
    print(created.apiKey);
    return created;
  } finally {
    await db.destroy();
  }
}

/** `g2g keys rotate`: reports how many token rows moved to the current key. */
export async function runKeysRotate(env: Env, print: Print): Promise<RotationResult> {
  localDatabaseUrl(env, { mustExist: true });
  const config = loadCliConfig(env);
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: process.stderr });
  const db = await openDatabase(config.databaseUrl);
  try {
    const keyring = createKeyring(config.encryptionKeys);
    const result = await rotateVaultKeys({ tokenStore: createTokenRepository(db), keyring, clock: systemClock, log });
    print(`re-encrypted with key ${keyring.currentKeyId}: ${result.rotated} rotated, ${result.alreadyCurrent} already current, ${result.failed} failed`);
    return result;
  } finally {
    await db.destroy();
  }
}

import type { Command } from 'commander';
import { loadCliConfig } from './load-cli-config.js';
import { systemClock } from '../core/clock.js';
import { createKeyring } from '../core/crypto/keyring.js';
import { createTenants } from '../core/tenants/tenants.js';
import { rotateVaultKeys, type RotationResult } from '../core/vault/rotate-vault-keys.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/open-database.js';
import { createOrgStores } from '../store/org-stores.js';
import { createTokenRepository } from '../store/token-repository.js';

type Env = Record<string, string | undefined>;
type Print = (line: string) => void;

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys for tenants, and re-encryption of stored tokens');
  keys
    .command('create')
    .description('Create an API key for a tenant (created if new) and print it once')
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--org <orgId...>', 'org id(s) the tenant may use (repeatable)')
    .action(async (opts: { tenant: string; org?: string[] }) => {
      await runKeysCreate(process.env, { tenantName: opts.tenant, orgIds: opts.org ?? [] }, (line) => process.stdout.write(`${line}\n`));
    });
  keys
    .command('rotate')
    .description('Re-encrypt every stored token with the first key of G2G_ENCRYPTION_KEYS (put the new key first, keep the old ones until this reports failed: 0)')
    .action(async () => {
      const result = await runKeysRotate(process.env, (line) => process.stdout.write(`${line}\n`));
      if (result.failed > 0) process.exitCode = 1;
    });
}

/** `g2g keys create`: the raw key is printed once and stored only as a hash. */
export async function runKeysCreate(env: Env, input: { tenantName: string; orgIds: string[] }, print: Print): Promise<{ tenantId: string; apiKey: string }> {
  const config = loadCliConfig(env);
  const db = await openDatabase(config.databaseUrl);
  try {
    const created = await createTenants({ ...createOrgStores(db), clock: systemClock }).createKey(input);
    print(`tenant ${input.tenantName} (${created.tenantId})${input.orgIds.length ? `, orgs: ${input.orgIds.join(', ')}` : ''}`);
    print('API key (shown once; send it as Authorization: Bearer <key>):');
    print(created.apiKey);
    return created;
  } finally {
    await db.destroy();
  }
}

/** `g2g keys rotate`: reports how many token rows moved to the current key. */
export async function runKeysRotate(env: Env, print: Print): Promise<RotationResult> {
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

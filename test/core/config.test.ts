import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, configEnvSchema, deriveApplicationId, loadConfig, renderConfigTable } from '../../src/config.js';
import { G2GError } from '../../src/core/errors.js';
import { createDevSecrets } from '../../src/dev-secrets.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const base = () => ({ G2G_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'g2g-config-')) });
/** A data directory holding the development key and secret `g2g start` generates. */
const started = () => {
  const env = base();
  createDevSecrets(env);
  return env;
};

function configError(env: Record<string, string>): G2GError {
  try {
    loadConfig({ env });
  } catch (error) {
    expect(error).toBeInstanceOf(G2GError);
    return error as G2GError;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults with no Webex credentials (embedded emulator)', () => {
    const env = base();
    createDevSecrets(env); // what `g2g start` does first
    const config = loadConfig({ env });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.databaseUrl).toBe(`sqlite:${path.join(env.G2G_DATA_DIR, 'g2g.sqlite')}`);
    expect(config.logLevel).toBe('info');
    expect(config.webex).toBeUndefined();
    expect(config.visits).toEqual({ joinBeforeHostMinutes: 5, linkTtlMinutes: 60 });
    expect(config.emulatorPort).toBe(9400);
    expect(config.encryptionKeys).toHaveLength(1);
    expect(config.webhookSecrets).toHaveLength(1);
    expect(config.warnings.join('\n')).toMatch(/G2G_ENCRYPTION_KEYS is unset/);
  });

  it('keeps generated development keys and secrets across loads, so restarts still decrypt', () => {
    const env = base();
    expect(createDevSecrets(env).join('\n')).toMatch(/G2G_ENCRYPTION_KEYS is unset: generated/);
    expect(createDevSecrets(env)).toEqual([]); // a second start generates nothing
    const first = loadConfig({ env });
    const second = loadConfig({ env });
    expect(second.encryptionKeys[0]?.id).toBe(first.encryptionKeys[0]?.id);
    expect(second.encryptionKeys[0]?.key.reveal()).toBe(first.encryptionKeys[0]?.key.reveal());
    expect(second.webhookSecrets[0]?.reveal()).toBe(first.webhookSecrets[0]?.reveal());
    expect(readFileSync(path.join(env.G2G_DATA_DIR, 'encryption.key'), 'utf8')).toContain(`${first.encryptionKeys[0]?.id}:`);
  });

  it('writes no files: without keys, secrets or kept development files it names both variables and leaves the data directory empty', () => {
    const env = base();
    const error = configError(env);
    expect(error.code).toBe('config_invalid');
    expect(error.fields.map((f) => f.field)).toEqual(['G2G_ENCRYPTION_KEYS', 'G2G_WEBHOOK_SECRETS']);
    expect(error.fields[0]?.message).toContain('g2g start');
    expect(readdirSync(env.G2G_DATA_DIR)).toEqual([]);
  });

  it('reads Webex credentials and derives the application id from the client id', () => {
    const config = loadConfig({
      env: {
        ...base(),
        WEBEX_CLIENT_ID: 'C123',
        WEBEX_CLIENT_SECRET: 'shh-client-secret',
        WEBEX_TOKEN_MANAGER_TOKEN: 'tm-token-value',
        G2G_ENCRYPTION_KEYS: `k2:${KEY},k1:${Buffer.alloc(32, 1).toString('base64')}`,
        G2G_WEBHOOK_SECRETS: 'first-secret-0123456789,second-secret-0123456789',
        G2G_PORT: '8080',
        G2G_PUBLIC_URL: 'https://g2g.example.com/',
        G2G_JOIN_BEFORE_HOST_MINUTES: '10',
        G2G_LINK_TTL_MINUTES: '15',
      },
    });
    expect(config.webex?.baseUrl).toBe('https://webexapis.com/v1');
    expect(config.webex?.applicationId).toBe(Buffer.from('ciscospark://us/APPLICATION/C123').toString('base64url'));
    expect(config.webex?.applicationId).toBe(deriveApplicationId('C123'));
    expect(config.webex?.clientSecret.reveal()).toBe('shh-client-secret');
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.webhookSecrets.map((s) => s.reveal())).toEqual(['first-secret-0123456789', 'second-secret-0123456789']);
    expect(config.publicUrl).toBe('https://g2g.example.com');
    expect(config.visits).toEqual({ joinBeforeHostMinutes: 10, linkTtlMinutes: 15 });
    // Secrets never print.
    expect(inspect(config, { depth: 10 })).not.toMatch(/shh-client-secret|tm-token-value|first-secret/);
    expect(JSON.stringify(config)).not.toMatch(/shh-client-secret|tm-token-value|first-secret/);
  });

  it('reports every bad variable at once, by name, without echoing secret values', () => {
    const error = configError({
      ...base(),
      G2G_PORT: 'eighty',
      G2G_PUBLIC_URL: 'ftp://x',
      DATABASE_URL: 'mysql://db',
      G2G_LOG_LEVEL: 'loud',
      G2G_ENCRYPTION_KEYS: 'k1:not-a-32-byte-key-but-secret-material',
      G2G_WEBHOOK_SECRETS: 'short',
      G2G_JOIN_BEFORE_HOST_MINUTES: '7',
      G2G_LINK_TTL_MINUTES: '90',
      G2G_EMULATOR_PORT: '-1',
    });
    expect(error.code).toBe('config_invalid');
    expect(error.fields.map((f) => f.field).sort()).toEqual(
      ['DATABASE_URL', 'G2G_EMULATOR_PORT', 'G2G_ENCRYPTION_KEYS', 'G2G_JOIN_BEFORE_HOST_MINUTES', 'G2G_LINK_TTL_MINUTES', 'G2G_LOG_LEVEL', 'G2G_PORT', 'G2G_PUBLIC_URL', 'G2G_WEBHOOK_SECRETS'].sort(),
    );
    expect(error.message).not.toContain('secret-material');
    expect(error.message).toContain('G2G_PORT');
  });

  it('names each missing Webex credential once any is set', () => {
    const error = configError({ ...base(), WEBEX_CLIENT_ID: 'C1', WEBEX_TOKEN_MANAGER_REFRESH_TOKEN: 'r' });
    expect(error.fields.map((f) => f.field).sort()).toEqual(
      ['WEBEX_CLIENT_SECRET', 'WEBEX_TOKEN_MANAGER_CLIENT_ID', 'WEBEX_TOKEN_MANAGER_CLIENT_SECRET', 'WEBEX_TOKEN_MANAGER_TOKEN'].sort(),
    );
  });

  it('lets overrides win over the environment and derives the public URL from them', () => {
    const config = loadConfig({ env: { ...started(), G2G_PORT: '4000' }, overrides: { port: 0, host: '127.0.0.2', visits: { linkTtlMinutes: 5 } } });
    expect(config.port).toBe(0);
    expect(config.publicUrl).toBe('http://127.0.0.2:0');
    expect(config.visits).toEqual({ joinBeforeHostMinutes: 5, linkTtlMinutes: 5 });
  });

  it('never crashes on arbitrary strings: it returns a config or a config_invalid error', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name).filter((n) => !n.startsWith('WEBEX_'));
    const dir = base().G2G_DATA_DIR;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.string()), (env) => {
        try {
          loadConfig({ env: { ...env, G2G_DATA_DIR: dir } });
        } catch (error) {
          expect(error).toBeInstanceOf(G2GError);
          expect((error as G2GError).code).toBe('config_invalid');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('proxies and the API rate limit', () => {
  it('trusts no proxy and allows 600 requests a minute per key by default', () => {
    const config = loadConfig({ env: started() });
    expect(config.trustProxy).toBe(false);
    expect(config.rateLimitPerMinute).toBe(600);
  });

  it('reads G2G_TRUST_PROXY as true, a hop count or addresses, and G2G_RATE_LIMIT_PER_MINUTE (0 = off)', () => {
    expect(loadConfig({ env: { ...started(), G2G_TRUST_PROXY: 'true' } }).trustProxy).toBe(true);
    expect(loadConfig({ env: { ...started(), G2G_TRUST_PROXY: '2' } }).trustProxy).toBe(2);
    expect(loadConfig({ env: { ...started(), G2G_TRUST_PROXY: '10.0.0.0/8, ::1' } }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(loadConfig({ env: { ...started(), G2G_RATE_LIMIT_PER_MINUTE: '0' } }).rateLimitPerMinute).toBe(0);
  });

  it('names the variable when a proxy entry or the limit is not valid', () => {
    const error = configError({ ...started(), G2G_TRUST_PROXY: '10.0.0.0/40,proxy.example', G2G_RATE_LIMIT_PER_MINUTE: '-1' });
    expect(error.fields.map((f) => f.field).sort()).toEqual(['G2G_RATE_LIMIT_PER_MINUTE', 'G2G_TRUST_PROXY']);
  });
});

describe('configuration documentation', () => {
  it('lists exactly the variables the schema reads', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name).sort()).toEqual(Object.keys(configEnvSchema.shape).sort());
  });

  it('has the configuration page table rendered from the schema', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../docs/configuration.md'), 'utf8');
    expect(readme).toContain(renderConfigTable());
  });
});

import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { G2GError, type FieldProblem } from './core/errors.js';
import type { WebexCredentials } from './core/webex-credentials.js';
import { devSecretPath, readDevSecret, resolveDataDir, type DevSecretVariable } from './dev-secrets.js';
import { Secret } from './secret.js';
import { MEETING_JOIN_BEFORE_HOST_MINUTES, type MeetingJoinBeforeHostMinutes } from './webex/index.js';

/**
 * One typed configuration, read once (docs/contributing.md §5). The zod schema is keyed by the
 * environment variable names themselves, so every problem names the variable to fix, and the
 * docs/configuration.md's table is rendered from the same `CONFIG_VARIABLES` list (a test keeps
 * them in sync).
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const JOIN_BEFORE_HOST_MINUTES = MEETING_JOIN_BEFORE_HOST_MINUTES;
export type JoinBeforeHostMinutes = MeetingJoinBeforeHostMinutes;

/** The Service App and token-manager credentials (core's slice: core never imports this file). */
export type WebexConfig = WebexCredentials;

/** The credentials an emulator seed (or any Webex sandbox description) hands out, as g2g's Webex configuration. */
export interface WebexSeed {
  baseUrl: string;
  serviceApp: { applicationId: string; clientId: string; clientSecret: string };
  tokenManager: { accessToken: string };
}

export function webexConfigFromSeed(seed: WebexSeed): WebexConfig {
  return {
    baseUrl: seed.baseUrl,
    applicationId: seed.serviceApp.applicationId,
    clientId: seed.serviceApp.clientId,
    clientSecret: new Secret(seed.serviceApp.clientSecret),
    tokenManager: { accessToken: new Secret(seed.tokenManager.accessToken) },
  };
}

export interface EncryptionKey {
  id: string;
  /** 32 raw bytes, base64 in the Secret. */
  key: Secret;
}

export interface Config {
  port: number;
  host: string;
  /** Where Webex and people reach g2g (webhooks, join links). No trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** `sqlite:<path>`, `sqlite::memory:`, or `postgres://...` (optional `?schema=name`). */
  databaseUrl: string;
  logLevel: LogLevel;
  /** Undefined when no Webex credentials are configured: g2g then runs the embedded emulator. */
  webex: WebexConfig | undefined;
  /** The first encrypts; all decrypt (rotation). */
  encryptionKeys: EncryptionKey[];
  /** The first is used when registering webhooks; all are accepted on delivery (rotation). */
  webhookSecrets: Secret[];
  visits: {
    joinBeforeHostMinutes: JoinBeforeHostMinutes;
    /** Lifetime asked of each Webex join link (`expirationMinutes`), 1..60. */
    linkTtlMinutes: number;
  };
  /** Port of the embedded Webex emulator `g2g start` runs when `webex` is undefined. */
  emulatorPort: number;
  /** The bearer `GET /metrics` asks for; unset: no /metrics route at all. */
  metricsToken?: Secret;
  /**
   * Which proxies' `X-Forwarded-For` / `-Proto` / `-Host` to believe (Fastify `trustProxy`): false (none, the
   * default), true (any: only behind a proxy that overwrites them), a hop count, or proxy addresses / CIDRs.
   */
  trustProxy: boolean | number | string[];
  /** API requests per API key per minute, per instance (0: no limit). */
  rateLimitPerMinute: number;
  /** The operator token the admin API (`/api/v1/admin/...`) asks for; unset: no admin API. */
  adminToken?: Secret;
  /** Unset when G2G_EVENTS_URL is unset: no outbound event deliveries. */
  events?: EventsConfig;
  /** Things a human should know at start (generated development keys...). The starter logs them at warn. */
  warnings: string[];
}

/** Outbound event webhooks to the company's app (G2G_EVENTS_URL). */
export interface EventsConfig {
  url: string;
  /** The first signs `G2G-Signature`; the receiver may accept all of them while rotating. */
  secrets: Secret[];
  /** First retry delay (ms); doubles per failed attempt up to maxRetryDelayMs. Default 5 s. */
  retryBaseMs: number;
  /** Default 1 hour. */
  maxRetryDelayMs: number;
  /** Failed attempts before an event is marked dead. Default 12 (about 3 hours of retries at the defaults). */
  maxAttempts: number;
  /** How often undelivered events are looked at for retries and rows left by other instances (ms). Default 1 s. */
  pollIntervalMs: number;
  /** Per-delivery timeout (ms). Default 10 s. */
  timeoutMs: number;
}

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

/** Every environment variable g2g reads, in the order of docs/configuration.md. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'G2G_PORT', default: '3000', description: 'TCP port g2g listens on (0 picks a free one).' },
  { name: 'G2G_HOST', default: '127.0.0.1', description: 'Interface g2g listens on.' },
  { name: 'G2G_PUBLIC_URL', default: 'http://{host}:{port}', description: 'Base URL Webex and people use to reach g2g (webhooks, join links).' },
  { name: 'G2G_DATA_DIR', default: './data', description: 'Directory for the SQLite file, development keys and secrets.' },
  { name: 'DATABASE_URL', default: 'sqlite:{dataDir}/g2g.sqlite', description: '`sqlite:<path>`, `sqlite::memory:` or `postgres://user@host:5432/db` (optional `?schema=name`). Several instances may share one PostgreSQL database.' },
  { name: 'G2G_LOG_LEVEL', default: 'info', description: `One of ${LOG_LEVELS.join(', ')}.` },
  { name: 'G2G_EMULATOR_PORT', default: '9400', description: 'Port of the embedded Webex emulator (used only when no WEBEX_ credentials are set).' },
  { name: 'WEBEX_BASE_URL', default: 'https://webexapis.com/v1', description: 'Webex REST base URL. Only used when Webex credentials are set.' },
  { name: 'WEBEX_APPLICATION_ID', default: 'derived from WEBEX_CLIENT_ID', description: 'Service App application id (base64url of `ciscospark://us/APPLICATION/<clientId>` when unset).' },
  { name: 'WEBEX_CLIENT_ID', default: '(none: embedded emulator)', description: 'Service App client id. Setting any WEBEX_ credential switches from the embedded emulator to Webex.' },
  { name: 'WEBEX_CLIENT_SECRET', default: '(none)', description: 'Service App client secret (required with WEBEX_CLIENT_ID).' },
  { name: 'WEBEX_TOKEN_MANAGER_TOKEN', default: '(none)', description: 'Access token holding `spark:applications_token`, used to fetch each org\'s tokens and manage the serviceApp webhook.' },
  { name: 'WEBEX_TOKEN_MANAGER_REFRESH_TOKEN', default: '(none)', description: 'Refresh token for the token-manager credential; g2g keeps it fresh when given (with its client id and secret).' },
  { name: 'WEBEX_TOKEN_MANAGER_CLIENT_ID', default: '(none)', description: 'Client id of the integration that issued the token-manager credential (required with its refresh token).' },
  { name: 'WEBEX_TOKEN_MANAGER_CLIENT_SECRET', default: '(none)', description: 'Client secret of that integration (required with its refresh token).' },
  { name: 'G2G_ENCRYPTION_KEYS', default: 'generated into {dataDir}/encryption.key by g2g start', description: 'Token encryption keys `kid:base64-32-bytes,kid2:...`; the first encrypts, all decrypt. Run `g2g keys rotate` after putting a new key first.' },
  { name: 'G2G_WEBHOOK_SECRETS', default: 'generated into {dataDir}/webhook-secret by g2g start', description: 'Comma list of webhook secrets; the first is used when registering webhooks, all are accepted (rotation).' },
  { name: 'G2G_JOIN_BEFORE_HOST_MINUTES', default: '5', description: 'Hostless visits: minutes before start guests may join (0, 5, 10 or 15).' },
  { name: 'G2G_LINK_TTL_MINUTES', default: '60', description: 'Lifetime of each Webex join link minted at click time, 1..60 minutes.' },
  { name: 'G2G_METRICS_TOKEN', default: '(none: no /metrics)', description: 'Serves Prometheus `GET /metrics` to scrapers sending `Authorization: Bearer <this>` (at least 16 characters).' },
  { name: 'G2G_TRUST_PROXY', default: 'false', description: 'Proxies whose X-Forwarded-For/-Proto/-Host g2g believes (client address in logs, public URL checks): `false`, `true` (any), a hop count, or a comma list of proxy addresses or CIDRs.' },
  { name: 'G2G_RATE_LIMIT_PER_MINUTE', default: '600', description: 'API requests each API key may make per minute on one instance; over it: 429 with Retry-After. 0 turns the limit off.' },
  { name: 'G2G_ADMIN_TOKEN', default: 'generated into {dataDir}/admin-token by g2g start on the embedded sandbox; else none (no admin API)', description: 'Operator token for the admin API `/api/v1/admin/...` and the admin CLI commands, sent as `Authorization: Bearer <this>` (at least 16 characters).' },
  { name: 'G2G_EVENTS_URL', default: '(none: no outbound events)', description: 'http(s) URL of your app\'s endpoint: g2g POSTs each visit, participant, capacity and org event there, signed (see "Events to your app").' },
  { name: 'G2G_EVENTS_SECRETS', default: 'generated into {dataDir}/events-secret by g2g start when G2G_EVENTS_URL is set', description: 'Comma list of event signing secrets (16+ characters); the first signs `G2G-Signature`, your receiver may accept all while rotating.' },
];

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const intInRange = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

const encryptionKeyList = z.string().transform((value, ctx) => {
  const keys: EncryptionKey[] = [];
  const seen = new Set<string>();
  let problems = 0;
  for (const [index, part] of value.split(',').map((p) => p.trim()).entries()) {
    if (part === '') continue;
    const colon = part.indexOf(':');
    const id = colon < 0 ? '' : part.slice(0, colon);
    const material = colon < 0 ? '' : part.slice(colon + 1);
    // Never echo the key material in the message.
    if (!KEY_ID.test(id)) {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1} must be kid:base64key with kid of letters, digits, _ or - (1-32)` });
      problems += 1;
      continue;
    }
    if (Buffer.from(material, 'base64').length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) {
      ctx.addIssue({ code: 'custom', message: `key "${id}" must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)` });
      problems += 1;
      continue;
    }
    if (seen.has(id)) {
      ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
      problems += 1;
      continue;
    }
    seen.add(id);
    keys.push({ id, key: new Secret(Buffer.from(material, 'base64').toString('base64')) });
  }
  if (keys.length === 0 && problems === 0 && value.trim() !== '') ctx.addIssue({ code: 'custom', message: 'must list at least one kid:base64key' });
  return keys;
});

const secretList = z.string().transform((value, ctx) => {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const [index, part] of parts.entries()) {
    if (part.length < 16) ctx.addIssue({ code: 'custom', message: `secret ${index + 1} must be at least 16 characters` });
  }
  return parts.map((p) => new Secret(p));
});

/** The environment, keyed by variable name: a problem's path is the variable to fix. */
export const configEnvSchema = z.object({
  G2G_PORT: intInRange(0, 65535).optional(),
  G2G_HOST: optionalText,
  G2G_PUBLIC_URL: httpUrl.optional(),
  G2G_DATA_DIR: optionalText,
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), 'must start with sqlite: (a file path or :memory:) or postgres://')
    .optional(),
  G2G_EMULATOR_PORT: intInRange(0, 65535).optional(),
  G2G_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  WEBEX_BASE_URL: httpUrl.optional(),
  WEBEX_APPLICATION_ID: optionalText,
  WEBEX_CLIENT_ID: optionalText,
  WEBEX_CLIENT_SECRET: optionalText,
  WEBEX_TOKEN_MANAGER_TOKEN: optionalText,
  WEBEX_TOKEN_MANAGER_REFRESH_TOKEN: optionalText,
  WEBEX_TOKEN_MANAGER_CLIENT_ID: optionalText,
  WEBEX_TOKEN_MANAGER_CLIENT_SECRET: optionalText,
  G2G_ENCRYPTION_KEYS: encryptionKeyList.optional(),
  G2G_WEBHOOK_SECRETS: secretList.optional(),
  G2G_JOIN_BEFORE_HOST_MINUTES: z
    .string()
    .trim()
    .refine((v) => (JOIN_BEFORE_HOST_MINUTES as readonly number[]).includes(Number(v)) && /^\d+$/.test(v), 'must be 0, 5, 10 or 15')
    .transform((v) => Number(v) as JoinBeforeHostMinutes)
    .optional(),
  G2G_LINK_TTL_MINUTES: intInRange(1, 60).optional(),
  G2G_METRICS_TOKEN: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters (e.g. openssl rand -hex 24)')
    .optional(),
  G2G_ADMIN_TOKEN: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters (e.g. openssl rand -hex 24)')
    .optional(),
  G2G_EVENTS_URL: httpUrl.optional(),
  G2G_EVENTS_SECRETS: secretList.optional(),
  G2G_TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx): boolean | number | string[] => {
      const lower = v.toLowerCase();
      if (lower === '' || lower === 'false') return false;
      if (lower === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      const entries = v.split(',').map((e) => e.trim()).filter((e) => e !== '');
      const bad = entries.filter((e) => !isProxyAddress(e));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `must be false, true, a hop count, or a comma list of IP addresses or CIDRs (not ${bad.length} of the entries)` });
      return entries;
    })
    .optional(),
  G2G_RATE_LIMIT_PER_MINUTE: intInRange(0, 1_000_000).optional(),
});

/** An IPv4/IPv6 address, optionally with a /prefix. */
function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

type ParsedEnv = z.infer<typeof configEnvSchema>;

/** Values a caller (tests, createG2G, CLI flags) sets on top of the environment. */
export type ConfigOverrides = Partial<Omit<Config, 'visits' | 'warnings'>> & { visits?: Partial<Config['visits']> };

export interface LoadConfigOptions {
  env: Record<string, string | undefined>;
  overrides?: ConfigOverrides;
}

/** Service App application id as Webex derives it from the client id. */
export function deriveApplicationId(clientId: string): string {
  return Buffer.from(`ciscospark://us/APPLICATION/${clientId}`).toString('base64url');
}

/**
 * Builds the one Config from the environment and overrides. Throws G2GError `config_invalid`
 * listing every bad variable at once (field = variable name); messages never echo secret values.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const env = pickKnown(options.env);
  const result = configEnvSchema.safeParse(env);
  const problems: FieldProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'environment');
      problems.push({ field, message: issue.message });
    }
  }
  const parsed: ParsedEnv = result.success ? result.data : {};
  const webex = result.success ? buildWebex(parsed, problems) : undefined;
  if (problems.length > 0) throw configError(problems);

  const o = options.overrides ?? {};
  const port = o.port ?? parsed.G2G_PORT ?? 3000;
  const host = o.host ?? parsed.G2G_HOST ?? '127.0.0.1';
  const dataDir = o.dataDir !== undefined ? path.resolve(o.dataDir) : resolveDataDir({ G2G_DATA_DIR: parsed.G2G_DATA_DIR });
  const warnings: string[] = [];
  const encryptionKeys =
    o.encryptionKeys ?? (parsed.G2G_ENCRYPTION_KEYS?.length ? parsed.G2G_ENCRYPTION_KEYS : devEncryptionKeys(dataDir, warnings, problems));
  const webhookSecrets =
    o.webhookSecrets ?? (parsed.G2G_WEBHOOK_SECRETS?.length ? parsed.G2G_WEBHOOK_SECRETS : devSecrets(dataDir, 'G2G_WEBHOOK_SECRETS', warnings, problems));
  if (encryptionKeys.length === 0 && !problems.some((p) => p.field === 'G2G_ENCRYPTION_KEYS')) problems.push({ field: 'G2G_ENCRYPTION_KEYS', message: 'must list at least one key' });
  if (webhookSecrets.length === 0 && !problems.some((p) => p.field === 'G2G_WEBHOOK_SECRETS')) problems.push({ field: 'G2G_WEBHOOK_SECRETS', message: 'must list at least one secret' });
  const events = eventsConfig(o, parsed, dataDir, warnings, problems);
  if (problems.length > 0) throw configError(problems);

  return {
    port,
    host,
    publicUrl: (o.publicUrl ?? parsed.G2G_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: o.databaseUrl ?? parsed.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'g2g.sqlite')}`,
    logLevel: o.logLevel ?? parsed.G2G_LOG_LEVEL ?? 'info',
    webex: 'webex' in o ? o.webex : webex,
    encryptionKeys,
    webhookSecrets,
    visits: {
      joinBeforeHostMinutes: o.visits?.joinBeforeHostMinutes ?? parsed.G2G_JOIN_BEFORE_HOST_MINUTES ?? 5,
      linkTtlMinutes: o.visits?.linkTtlMinutes ?? parsed.G2G_LINK_TTL_MINUTES ?? 60,
    },
    emulatorPort: o.emulatorPort ?? parsed.G2G_EMULATOR_PORT ?? 9400,
    ...metricsToken(o.metricsToken, parsed.G2G_METRICS_TOKEN),
    trustProxy: o.trustProxy ?? parsed.G2G_TRUST_PROXY ?? false,
    rateLimitPerMinute: o.rateLimitPerMinute ?? parsed.G2G_RATE_LIMIT_PER_MINUTE ?? 600,
    ...adminToken(o.adminToken, parsed.G2G_ADMIN_TOKEN),
    ...events,
    warnings,
  };
}

function metricsToken(override: Secret | undefined, fromEnv: string | undefined): { metricsToken?: Secret } {
  if (override !== undefined) return { metricsToken: override };
  return fromEnv === undefined ? {} : { metricsToken: new Secret(fromEnv) };
}

function adminToken(override: Secret | undefined, fromEnv: string | undefined): { adminToken?: Secret } {
  if (override !== undefined) return { adminToken: override };
  return fromEnv === undefined ? {} : { adminToken: new Secret(fromEnv) };
}

function pickKnown(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name } of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function buildWebex(p: ParsedEnv, problems: FieldProblem[]): WebexConfig | undefined {
  const credentials = [p.WEBEX_CLIENT_ID, p.WEBEX_CLIENT_SECRET, p.WEBEX_TOKEN_MANAGER_TOKEN, p.WEBEX_APPLICATION_ID];
  const tmExtras = [p.WEBEX_TOKEN_MANAGER_REFRESH_TOKEN, p.WEBEX_TOKEN_MANAGER_CLIENT_ID, p.WEBEX_TOKEN_MANAGER_CLIENT_SECRET];
  if (![...credentials, ...tmExtras].some((v) => v !== undefined)) {
    if (p.WEBEX_BASE_URL !== undefined) {
      problems.push({ field: 'WEBEX_CLIENT_ID', message: 'is required when WEBEX_BASE_URL is set (with WEBEX_CLIENT_SECRET and WEBEX_TOKEN_MANAGER_TOKEN)' });
    }
    return undefined;
  }
  const need = (name: 'WEBEX_CLIENT_ID' | 'WEBEX_CLIENT_SECRET' | 'WEBEX_TOKEN_MANAGER_TOKEN'): string => {
    const v = p[name];
    if (v === undefined) problems.push({ field: name, message: 'is required once any WEBEX_ credential is set' });
    return v ?? '';
  };
  const clientId = need('WEBEX_CLIENT_ID');
  const clientSecret = need('WEBEX_CLIENT_SECRET');
  const tmToken = need('WEBEX_TOKEN_MANAGER_TOKEN');
  const tokenManager: WebexConfig['tokenManager'] = { accessToken: new Secret(tmToken) };
  if (p.WEBEX_TOKEN_MANAGER_REFRESH_TOKEN !== undefined) {
    tokenManager.refreshToken = new Secret(p.WEBEX_TOKEN_MANAGER_REFRESH_TOKEN);
    for (const name of ['WEBEX_TOKEN_MANAGER_CLIENT_ID', 'WEBEX_TOKEN_MANAGER_CLIENT_SECRET'] as const) {
      if (p[name] === undefined) problems.push({ field: name, message: 'is required with WEBEX_TOKEN_MANAGER_REFRESH_TOKEN' });
    }
  }
  if (p.WEBEX_TOKEN_MANAGER_CLIENT_ID !== undefined) tokenManager.clientId = p.WEBEX_TOKEN_MANAGER_CLIENT_ID;
  if (p.WEBEX_TOKEN_MANAGER_CLIENT_SECRET !== undefined) tokenManager.clientSecret = new Secret(p.WEBEX_TOKEN_MANAGER_CLIENT_SECRET);
  return {
    baseUrl: p.WEBEX_BASE_URL ?? 'https://webexapis.com/v1',
    applicationId: p.WEBEX_APPLICATION_ID ?? deriveApplicationId(clientId),
    clientId,
    clientSecret: new Secret(clientSecret),
    tokenManager,
  };
}

function eventsConfig(o: ConfigOverrides, p: ParsedEnv, dataDir: string, warnings: string[], problems: FieldProblem[]): { events?: EventsConfig } {
  if (o.events !== undefined) return { events: o.events };
  if (p.G2G_EVENTS_URL === undefined) return {};
  return {
    events: {
      url: p.G2G_EVENTS_URL,
      secrets: p.G2G_EVENTS_SECRETS?.length ? p.G2G_EVENTS_SECRETS : devSecrets(dataDir, 'G2G_EVENTS_SECRETS', warnings, problems),
      retryBaseMs: 5000,
      maxRetryDelayMs: 3_600_000,
      maxAttempts: 12,
      pollIntervalMs: 1000,
      timeoutMs: 10_000,
    },
  };
}

function configError(problems: FieldProblem[]): G2GError {
  return new G2GError({
    code: 'config_invalid',
    status: 500,
    message: `invalid configuration: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    fields: problems,
  });
}

/** Development only: the key `g2g start` generated into the data directory (loadConfig itself writes no files). */
function devEncryptionKeys(dataDir: string, warnings: string[], problems: FieldProblem[]): EncryptionKey[] {
  const file = devSecretPath(dataDir, 'G2G_ENCRYPTION_KEYS');
  const kept = readDevSecret(dataDir, 'G2G_ENCRYPTION_KEYS');
  if (kept === undefined) {
    problems.push({ field: 'G2G_ENCRYPTION_KEYS', message: `is required (or run g2g start once: it generates a development key into ${file})` });
    return [];
  }
  const parsed = encryptionKeyList.safeParse(kept);
  if (!parsed.success || parsed.data.length === 0) {
    problems.push({ field: 'G2G_ENCRYPTION_KEYS', message: `unset, and ${file} does not hold kid:base64key entries` });
    return [];
  }
  warnings.push(`G2G_ENCRYPTION_KEYS is unset: using the development key kept in ${file}`);
  return parsed.data;
}

/** Development only: a secret `g2g start` generated into the data directory, so restarts agree. */
function devSecrets(dataDir: string, variable: Exclude<DevSecretVariable, 'G2G_ENCRYPTION_KEYS'>, warnings: string[], problems: FieldProblem[]): Secret[] {
  const file = devSecretPath(dataDir, variable);
  const kept = readDevSecret(dataDir, variable);
  if (kept === undefined) {
    problems.push({ field: variable, message: `is required (or run g2g start once: it generates a development secret into ${file})` });
    return [];
  }
  warnings.push(`${variable} is unset: using the development secret kept in ${file}`);
  return kept.split(',').map((s) => new Secret(s.trim()));
}

/** The configuration table of docs/configuration.md, rendered from CONFIG_VARIABLES. */
export function renderConfigTable(): string {
  const rows = CONFIG_VARIABLES.map((v) => `| \`${v.name}\` | ${v.default} | ${v.description} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PinoPretty } from 'pino-pretty';
import { createLogger, type Logger } from '../logger.js';
import type { CliIo } from './cli-io.js';
import { loadConfig, webexConfigFromSeed, type Config } from '../config.js';
import { createDevSecrets } from '../dev-secrets.js';
import { startEmulator } from '../emulator/index.js';
import { createG2G, type G2G } from '../g2g.js';
import { Secret } from '../secret.js';
import { adminTokenPath, ensureAdminToken } from './admin-token-file.js';

const READY_TIMEOUT_MS = 20_000;

export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Run g2g on G2G_PORT (3000). Without Webex credentials it starts the embedded Webex emulator and authorizes its sandbox org.')
    .action(async () => {
      // On a terminal: the banner and pretty logs on stdout. Otherwise stdout carries only JSON log lines and the
      // banner goes to stderr, so a log shipper never sees prose.
      const tty = io.stdout.isTTY === true;
      const banner = tty ? io.stdout : io.stderr;
      await runStart(io.env, (line) => void banner.write(`${line}\n`), (level) => startLogger(level, tty));
    });
}

function startLogger(level: string, tty: boolean): Logger {
  if (!tty) return createLogger({ level });
  return createLogger({ level, destination: PinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: 1 }) });
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Runs until SIGINT/SIGTERM, then stops g2g and the emulator cleanly. */
export async function runStart(env: Record<string, string | undefined>, print: (line: string) => void, logger?: (level: string) => Logger): Promise<void> {
  // Development keys and secrets the environment lacks are made here, in the data directory: loadConfig only reads.
  const generated = createDevSecrets(env);
  let config = loadConfig({ env });
  let emulator: Emulator | undefined;
  let freshEmulator = false;
  if (config.webex === undefined) {
    // The emulator keeps its state beside g2g's SQLite file, so a re-run finds the meetings and tokens g2g knows.
    const statePath = path.join(config.dataDir, 'emulator-state.json');
    freshEmulator = !existsSync(statePath);
    // Join pages on the next port, like `g2g emulator`: a stable address, so the browser's certificate exception sticks.
    const pagesPort = config.emulatorPort === 0 ? 0 : config.emulatorPort + 1;
    emulator = await startEmulator({ port: config.emulatorPort, host: '127.0.0.1', statePath, pagesTls: true, pagesPort });
    const seed = emulator.seed;
    config = loadConfig({ env, overrides: { webex: webexConfigFromSeed(seed) } });
    if (config.adminToken === undefined) config = { ...config, adminToken: new Secret(ensureAdminToken(config.dataDir)) };
  }
  let g2g: G2G;
  try {
    g2g = await createG2G(config, logger === undefined ? {} : { log: logger(config.logLevel) });
  } catch (error) {
    await emulator?.close();
    throw error;
  }
  for (const warning of [...generated, ...config.warnings]) g2g.log.warn(warning);

  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      print(`\n${signal}: stopping g2g`);
      void (async () => {
        try {
          await g2g.stop();
          await emulator?.close();
        } finally {
          resolve();
        }
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

  try {
    await g2g.start();
    if (emulator !== undefined) await prepareSandbox(g2g, config, emulator, freshEmulator, print);
    else printReady(config, print, undefined);
  } catch (error) {
    await g2g.stop().catch(() => undefined);
    await emulator?.close();
    throw error;
  }
  await stopped;
}

/** Authorizes the sandbox org through the real path and hands out a development API key. */
async function prepareSandbox(g2g: G2G, config: Config, emulator: Emulator, fresh: boolean, print: (line: string) => void): Promise<void> {
  const seed = emulator.seed;
  const org = await g2g.orgs.get(seed.orgId);
  if (fresh || org?.status !== 'ready') {
    // The emulator sends the signed serviceApp:authorized webhook to g2g, which then fetches the org's tokens.
    const res = await fetch(`${seed.controlUrl}/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: seed.orgId, siteUrl: seed.siteUrl }),
    });
    if (!res.ok && res.status !== 409) throw new Error(`the emulator refused to authorize the sandbox org (HTTP ${res.status})`);
    await waitForReady(g2g, seed.orgId);
  }
  // The sandbox's scheduling options start with join before host off: apply what preflight --fix would, so the
  // sandbox's preflight is green out of the box.
  const fixed = await g2g.operator.fixOrg(seed.orgId, { signal: AbortSignal.timeout(20_000) });
  for (const applied of fixed.applied) g2g.log.info({ orgId: seed.orgId }, `sandbox: ${applied}`);
  // The emulator knows its sandbox's license (Webex has no API for it): tell the governor, so guests beyond it wait
  // on g2g's page instead of meeting the license error.
  const apiKey = await devApiKey(g2g, config, seed.orgId);
  const tenant = await g2g.tenants.authenticate(apiKey);
  if (tenant === undefined) throw new Error('the development API key was not accepted right after it was made');
  await g2g.visits.setLicensedCapacity(tenant, seed.orgId, seed.license.concurrentMeetings);
  printReady(config, print, { apiKey, debugUrl: `${seed.controlUrl}/`, orgId: seed.orgId });
}

async function waitForReady(g2g: G2G, orgId: string): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const org = await g2g.orgs.get(orgId);
    if (org?.status === 'ready') return;
    if (org !== undefined && org.status !== 'pending') throw new Error(`the sandbox org is ${org.status}: ${org.statusReason ?? 'see the log'}`);
    if (Date.now() > until) throw new Error('the sandbox org did not become ready in time: is the webhook reaching g2g? see the log');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reuses `{dataDir}/dev-api-key` when it still works (re-runs), else makes one; the key is granted the sandbox org. */
async function devApiKey(g2g: G2G, config: Config, orgId: string): Promise<string> {
  const file = path.join(config.dataDir, 'dev-api-key');
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    const tenant = await g2g.tenants.authenticate(existing);
    if (tenant !== undefined) {
      if (!tenant.orgIds.includes(orgId)) await g2g.tenants.grantOrg(tenant.id, orgId);
      return existing;
    }
  }
  const { apiKey } = await g2g.tenants.createKey({ tenantName: 'dev', orgIds: [orgId] });
  writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}

function printReady(config: Config, print: (line: string) => void, sandbox: { apiKey: string; debugUrl: string; orgId: string } | undefined): void {
  const api = `${config.publicUrl}/api/v1`;
  print('');
  print(`g2g is running`);
  print(`  API:        ${api}`);
  print(`  Docs:       ${config.publicUrl}/docs`);
  if (sandbox === undefined) {
    print(`  Webex:      ${config.webex?.baseUrl ?? ''}`);
    print(`  Webhooks:   ${config.publicUrl}/webhooks/webex (registered for the Service App)`);
    print('  Make an API key with: g2g keys create --tenant NAME --org ORG_ID');
    print('Ctrl-C stops.');
    return;
  }
  print(`  Emulator:   ${sandbox.debugUrl} (embedded Webex emulator, sandbox org ${sandbox.orgId})`);
  print(`  API key:    ${sandbox.apiKey}  (also in ${path.join(config.dataDir, 'dev-api-key')})`);
  if (config.adminToken !== undefined) print(`operator token: ${config.adminToken.reveal()}  (also in ${adminTokenPath(config.dataDir)}; the g2g CLI reads it there)`);
  print('');
  print('Schedule a visit:');
  print(
    `  curl -s -X POST ${api}/visits -H "Authorization: Bearer ${sandbox.apiKey}" -H 'content-type: application/json' \\\n` +
      `    -d '{"title":"Consultation","durationMinutes":30,"participants":[{"displayName":"Dr. Ada","role":"host"},{"displayName":"Pat"}]}'`,
  );
  print('Then open a participant joinUrl in a browser. Ctrl-C stops.');
}

import type { Command } from 'commander';
import { Migrator } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import { isG2GError } from '../core/errors.js';
import { migrationProvider } from '../store/migrations/index.js';
import { openDatabase, parseDatabaseUrl } from '../store/open-database.js';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { adminClient, g2gUrl, type GlobalFlags } from './connection.js';
import { localDatabaseUrl } from './local-database.js';
import type { PreflightView } from './orgs-command.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix: string | null;
}

const DAY = 86_400_000;

/** `g2g doctor`: configuration, database, g2g and Webex reachability, token health, preflight of every org. */
export function registerDoctorCommand(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description('Check configuration, database, Webex reachability, token health and every org; one line each with the fix; exit 1 on any failure')
    .action(
      action(io, async ({ io: cio, out, flags }) => {
        const checks: DoctorCheck[] = [];
        const report = (c: DoctorCheck) => {
          checks.push(c);
          if (!out.json) {
            out.line(`${c.ok ? out.green('ok  ') : out.red('FAIL')} ${c.name.padEnd(22)} ${c.detail}`);
            if (!c.ok && c.fix !== null) out.line(`     fix: ${c.fix}`);
          }
        };
        const config = checkConfig(cio.env, report);
        await checkDatabase(cio.env, report);
        if (config !== undefined) await checkWebex(config, report);
        if (await checkServer(flags, cio, report)) await checkOrgs(flags, cio, report);
        const ok = checks.every((c) => c.ok);
        out.result({ ok, checks }, () => out.line(ok ? 'all checks passed' : `${checks.filter((c) => !c.ok).length} check(s) failed`));
        if (!ok) throw new CliError('doctor found problems: see the fix lines');
      }),
    );
}

function checkConfig(env: CliIo['env'], report: (c: DoctorCheck) => void): Config | undefined {
  try {
    const config = loadConfig({ env });
    report({ name: 'configuration', ok: true, detail: `valid (${config.webex === undefined ? 'embedded Webex emulator' : `Webex at ${config.webex.baseUrl}`}, data in ${config.dataDir})`, fix: null });
    return config;
  } catch (error) {
    const fields = isG2GError(error) ? error.fields.map((f) => `${f.field} ${f.message}`).join('; ') : String(error);
    report({ name: 'configuration', ok: false, detail: fields, fix: 'set the variables named (docs/configuration.md lists them all)' });
    return undefined;
  }
}

async function checkDatabase(env: CliIo['env'], report: (c: DoctorCheck) => void): Promise<void> {
  let url: string;
  try {
    url = localDatabaseUrl(env, { mustExist: true });
  } catch (error) {
    report({ name: 'database', ok: false, detail: (error as Error).message, fix: 'g2g migrate creates it (or g2g start)' });
    return;
  }
  try {
    const location = parseDatabaseUrl(url);
    const db = await openDatabase(url, { migrate: false, poolSize: 1 });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider, ...(location.dialect === 'postgres' && location.schema !== undefined ? { migrationTableSchema: location.schema } : {}) });
      const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).length;
      report(
        pending === 0
          ? { name: 'database', ok: true, detail: `${location.dialect === 'sqlite' ? location.file : 'PostgreSQL'} reachable, schema up to date`, fix: null }
          : { name: 'database', ok: false, detail: `${pending} migration(s) pending`, fix: 'g2g migrate (g2g start also migrates)' },
      );
    } finally {
      await db.destroy();
    }
  } catch (error) {
    report({ name: 'database', ok: false, detail: `cannot open: ${(error as Error).message}`, fix: 'check DATABASE_URL and that the database server is up' });
  }
}

async function checkWebex(config: Config, report: (c: DoctorCheck) => void): Promise<void> {
  if (config.webex === undefined) {
    report({ name: 'webex', ok: true, detail: 'no WEBEX_ credentials: g2g start runs the embedded emulator', fix: null });
    return;
  }
  try {
    const res = await fetch(`${config.webex.baseUrl}/people/me`, { signal: AbortSignal.timeout(10_000) });
    report({ name: 'webex', ok: true, detail: `${config.webex.baseUrl} answers (HTTP ${res.status})`, fix: null });
  } catch (error) {
    report({ name: 'webex', ok: false, detail: `${config.webex.baseUrl} unreachable: ${(error as Error).message}`, fix: 'check WEBEX_BASE_URL, DNS and outbound HTTPS from this host' });
  }
}

async function checkServer(flags: GlobalFlags, io: CliIo, report: (c: DoctorCheck) => void): Promise<boolean> {
  const url = g2gUrl(flags, io.env);
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    report(res.ok ? { name: 'g2g', ok: true, detail: `${url} is up`, fix: null } : { name: 'g2g', ok: false, detail: `${url}/healthz answered ${res.status}`, fix: 'see the g2g log' });
    return res.ok;
  } catch {
    report({ name: 'g2g', ok: false, detail: `${url} does not answer`, fix: 'start it (g2g start) or point --url / G2G_URL at it' });
    return false;
  }
}

async function checkOrgs(flags: GlobalFlags, io: CliIo, report: (c: DoctorCheck) => void): Promise<void> {
  let client;
  try {
    client = adminClient(flags, io);
  } catch (error) {
    report({ name: 'orgs', ok: false, detail: (error as Error).message, fix: 'set G2G_ADMIN_TOKEN to check tokens and orgs' });
    return;
  }
  const { items } = await client.json<{ items: { id: string; status: string; accessTokenExpiresAt?: string; refreshTokenExpiresAt?: string }[] }>('GET', '/api/v1/admin/orgs');
  if (items.length === 0) report({ name: 'orgs', ok: false, detail: 'no org has authorized the Service App', fix: 'a Full Admin authorizes it in Control Hub (the sandbox: g2g start does it)' });
  for (const org of items) {
    const refresh = org.refreshTokenExpiresAt === undefined ? undefined : Date.parse(org.refreshTokenExpiresAt);
    const soon = refresh !== undefined && refresh - Date.now() < 7 * DAY;
    report(
      org.accessTokenExpiresAt === undefined
        ? { name: `token ${short(org.id)}`, ok: false, detail: `no tokens stored (org ${org.status})`, fix: 'authorize the Service App again in Control Hub' }
        : soon
          ? { name: `token ${short(org.id)}`, ok: false, detail: `refresh token expires ${org.refreshTokenExpiresAt ?? ''}`, fix: 'authorize the Service App again in Control Hub before then' }
          : { name: `token ${short(org.id)}`, ok: true, detail: `access token until ${org.accessTokenExpiresAt}`, fix: null },
    );
    const preflight = await client.json<PreflightView>('GET', `/api/v1/admin/orgs/${encodeURIComponent(org.id)}/preflight`);
    const failed = preflight.checks.filter((c) => !c.ok);
    report(
      failed.length === 0
        ? { name: `preflight ${short(org.id)}`, ok: true, detail: `all ${preflight.checks.length} checks pass`, fix: null }
        : { name: `preflight ${short(org.id)}`, ok: false, detail: failed.map((c) => `${c.name}: ${c.detail}`).join('; '), fix: failed[0]?.fix ?? `g2g orgs preflight ${org.id} --fix` },
    );
  }
}

function short(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id;
}

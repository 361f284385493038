import type { Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { adminClient, apiScope } from './connection.js';
import type { Output } from './output.js';

interface OrgView {
  id: string;
  status: string;
  siteUrl: string | null;
  scopes: string[];
  statusReason: string | null;
  warnings: string[];
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
  capacity?: { licensed: number | null; inProgress: number };
}

export interface PreflightView {
  orgId: string;
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; fix: string | null }[];
}

const enc = encodeURIComponent;

/** `g2g orgs list|show|preflight [--fix]`. */
export function registerOrgsCommand(program: Command, io: CliIo): void {
  const orgs = program.command('orgs').description('Orgs that authorized the Service App (admin API, or the tenant API with --key)');

  orgs
    .command('list')
    .description('Every org: status, site, capacity, warnings')
    .action(
      action(io, async ({ io: cio, out, flags }) => {
        const scope = apiScope(flags, cio);
        const { items } = await scope.client.json<{ items: OrgView[] }>('GET', `${scope.prefix}/orgs`);
        out.result(items, () =>
          out.table(
            items.map((o) => ({ id: o.id, status: o.status, site: o.siteUrl, licensed: o.capacity?.licensed, inProgress: o.capacity?.inProgress, warnings: o.warnings.length })),
            ['id', 'status', 'site', 'licensed', 'inProgress', 'warnings'],
          ),
        );
      }),
    );

  orgs
    .command('show <orgId>')
    .description('One org: status, scopes, site, token expiry, capacity, warnings')
    .action(
      action(io, async ({ io: cio, out, flags }, orgId: string) => {
        const scope = apiScope(flags, cio);
        const org = await scope.client.json<OrgView>('GET', `${scope.prefix}/orgs/${enc(orgId)}`);
        out.result(org, () => {
          out.line(`${out.bold(org.id)}  ${org.status}${org.statusReason ? ` (${org.statusReason})` : ''}`);
          out.line(`  site:           ${org.siteUrl ?? '-'}`);
          out.line(`  scopes:         ${org.scopes.join(' ') || '-'}`);
          out.line(`  access token:   expires ${org.accessTokenExpiresAt ?? '-'}`);
          out.line(`  refresh token:  expires ${org.refreshTokenExpiresAt ?? '-'}`);
          out.line(`  capacity:       ${org.capacity ? `${org.capacity.inProgress} in progress of ${org.capacity.licensed ?? 'unknown'}` : '-'}`);
          for (const w of org.warnings) out.line(`  warning:        ${w}`);
        });
      }),
    );

  orgs
    .command('preflight <orgId>')
    .description('Check what guest-to-guest needs, live against Webex; exit 1 when a check fails')
    .option('--fix', 'apply the fixes the Webex API allows (join before host) first; needs the operator token')
    .action(
      action(io, async ({ io: cio, out, flags }, orgId: string, opts: { fix?: boolean }) => {
        if (opts.fix === true) {
          const fixed = await adminClient(flags, cio).json<{ applied: string[]; preflight: PreflightView }>('POST', `/api/v1/admin/orgs/${enc(orgId)}/preflight/fix`);
          out.result(fixed, () => {
            for (const a of fixed.applied) out.line(`fixed: ${a}`);
            if (fixed.applied.length === 0) out.line('nothing the API can fix');
            printPreflight(out, fixed.preflight);
          });
          if (!fixed.preflight.ok) throw new CliError(`preflight of ${orgId} still fails: see the fix lines above`);
          return;
        }
        const scope = apiScope(flags, cio);
        const result = await scope.client.json<PreflightView>('GET', `${scope.prefix}/orgs/${enc(orgId)}/preflight`);
        out.result(result, () => printPreflight(out, result));
        if (!result.ok) throw new CliError(`preflight of ${orgId} fails: see the fix lines above (g2g orgs preflight --fix applies what the API can)`);
      }),
    );
}

export function printPreflight(out: Output, p: PreflightView): void {
  for (const c of p.checks) {
    out.line(`${c.ok ? out.green('ok  ') : out.red('FAIL')} ${c.name.padEnd(16)} ${c.detail}`);
    if (!c.ok && c.fix !== null) out.line(`     fix: ${c.fix}`);
  }
}

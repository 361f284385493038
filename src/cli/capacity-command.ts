import { InvalidArgumentError, type Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { apiScope } from './connection.js';

interface CapacityView {
  orgId: string;
  licensed: number | null;
  inProgress: number;
  starting: number;
  available: number | null;
}

const enc = encodeURIComponent;

function licence(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be a whole number from 1 to 100000');
  return n;
}

/** `g2g capacity show|set --org <id>`. */
export function registerCapacityCommand(program: Command, io: CliIo): void {
  const capacity = program.command('capacity').description("An org's concurrent-meeting licence and its use");
  const print = (c: CapacityView) => `${c.orgId}: ${c.inProgress} in progress, ${c.starting} starting, licence ${c.licensed ?? 'unknown'}, ${c.available ?? 'unknown'} available`;

  capacity
    .command('show')
    .description('Licence, meetings in progress, licences available')
    .requiredOption('--org <orgId>', 'the org')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { org: string }) => {
        const scope = apiScope(flags, cio);
        const c = await scope.client.json<CapacityView>('GET', `${scope.prefix}/orgs/${enc(opts.org)}/capacity`);
        out.result(c, () => out.line(print(c)));
      }),
    );

  capacity
    .command('set')
    .description("Record the org's licence (Webex has no API for it)")
    .requiredOption('--org <orgId>', 'the org')
    .requiredOption('--licensed <n>', 'meetings the org may run at once', licence)
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { org: string; licensed: number }) => {
        const scope = apiScope(flags, cio);
        const c = await scope.client.json<CapacityView>('PUT', `${scope.prefix}/orgs/${enc(opts.org)}/capacity`, { body: { licensed: opts.licensed } });
        out.result(c, () => out.line(print(c)));
      }),
    );
}

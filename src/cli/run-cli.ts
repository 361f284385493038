import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isG2GError } from '../core/errors.js';
import { configureFidelityCommand } from '../fidelity/index.js';
import { registerCapacityCommand } from './capacity-command.js';
import type { CliIo } from './cli-io.js';
import { CliError, EXIT } from './cli-error.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerEmulatorCommand } from './emulator-command.js';
import { registerEventsCommand } from './events-command.js';
import { registerKeysCommand } from './keys-command.js';
import { registerLinksCommand } from './links-command.js';
import { registerMigrateCommand } from './migrate-command.js';
import { registerOrgsCommand } from './orgs-command.js';
import { registerStartCommand } from './start-command.js';
import { registerUsageCommand } from './usage-command.js';
import { registerVisitsCommand } from './visits-command.js';

// src/cli/ and dist/cli/ both sit two levels below package.json, which ships in the package.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function buildProgram(io: CliIo): Command {
  const program = new Command('g2g')
    .description('Webex guest-to-guest meetings, end to end')
    .version(version)
    .option('--json', 'print one JSON document on stdout')
    .option('--url <url>', 'the g2g to talk to (default G2G_URL, else http://127.0.0.1:3000)')
    .option('--key <apiKey>', 'API key for tenant commands (default G2G_API_KEY); without one, commands use the operator token')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
  registerStartCommand(program, io);
  registerEmulatorCommand(program);
  registerMigrateCommand(program, io);
  registerDoctorCommand(program, io);
  registerDemoCommand(program, io);
  registerOrgsCommand(program, io);
  registerVisitsCommand(program, io);
  registerLinksCommand(program, io);
  registerCapacityCommand(program, io);
  registerEventsCommand(program, io);
  registerKeysCommand(program, io);
  registerUsageCommand(program, io);
  configureFidelityCommand(program.command('fidelity'), {
    stdout: io.stdout,
    json: () => program.opts<{ json?: boolean }>().json === true,
    fail: (message) => {
      throw new CliError(message, { reported: true });
    },
  });
  return program;
}

/**
 * Runs one g2g command line (argv without node and script) and answers the exit code: 0 ok, 1 failure, 2 usage.
 * Errors are one line on stderr, never a stack trace; with --json, also `{"error": ...}` on stdout.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander printed its own usage message (or the help / version, which exit 0).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const code = error instanceof CliError ? error.exitCode : isG2GError(error) && error.code === 'config_invalid' ? EXIT.usage : EXIT.failure;
    const message = oneLine(error);
    io.stderr.write(`g2g: ${message}\n`);
    if (argv.includes('--json') && !(error instanceof CliError && error.reported)) io.stdout.write(`${JSON.stringify({ error: { message, exitCode: code, ...(error instanceof CliError && error.code !== undefined ? { code: error.code } : {}) } })}\n`);
    return code;
  }
}

function oneLine(error: unknown): string {
  if (isG2GError(error) && error.fields.length > 0) return `${error.message}: ${error.fields.map((f) => `${f.field} ${f.message}`).join('; ')}`;
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}

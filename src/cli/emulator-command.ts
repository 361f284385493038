import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { startEmulator } from '../emulator/index.js';

interface EmulatorFlags {
  port: number;
  host: string;
  license: number;
  state?: string;
  seedOut?: string;
  pagesPort?: number;
  plainHttpPages?: boolean;
  logLevel: string;
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/**
 * `g2g emulator`: a local Webex (API under /v1, control plane under /_emulator, join pages) seeded with a sandbox.
 * The first stdout line is the seed JSON (also written to --seed-out), so scripts can read credentials and URLs.
 */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('Run the local Webex emulator seeded with a guest-to-guest sandbox; prints the seed JSON as the first line')
    .option('--port <port>', 'API and control-plane port (0 picks a free one)', integer(0, 65_535), 9400)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--license <n>', 'meetings in progress at once on the sandbox guest site', integer(0, 100_000), 10)
    .option('--state <file>', 'load the whole state from FILE at start and save it there on change and on exit')
    .option('--seed-out <file>', 'also write the seed JSON to FILE')
    .option('--pages-port <port>', 'join pages port (default: --port + 1, or a free one with --port 0)', integer(0, 65_535))
    .option('--plain-http-pages', 'serve join pages over http instead of https (local demos)')
    .option('--log-level <level>', 'pino level for the emulator log on stderr', 'warn')
    .action(async (flags: EmulatorFlags) => {
      const emulator = await startEmulator({
        port: flags.port,
        host: flags.host,
        license: flags.license,
        pagesPort: flags.pagesPort ?? (flags.port === 0 ? 0 : flags.port + 1),
        pagesTls: flags.plainHttpPages !== true,
        logLevel: flags.logLevel,
        ...(flags.state !== undefined ? { statePath: flags.state } : {}),
      });
      const seedLine = JSON.stringify(emulator.seed);
      if (flags.seedOut !== undefined) writeFileSync(flags.seedOut, `${seedLine}\n`);
      process.stdout.write(`${seedLine}\n`);
      process.stderr.write(`webex emulator: API ${emulator.baseUrl}, control ${emulator.controlUrl}, pages ${emulator.pagesUrl}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Saves the state file one last time.
      await emulator.close();
    });
}

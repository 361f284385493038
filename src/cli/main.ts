#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { configureFidelityCommand } from '../fidelity/index.js';
import { registerEmulatorCommand } from './emulator-command.js';
import { registerKeysCommand } from './keys-command.js';
import { registerStartCommand } from './start-command.js';

// src/cli/ and dist/cli/ both sit two levels below package.json, which ships in the package.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('g2g')
  .description('Webex guest-to-guest meetings, end to end')
  .version(version)
  .exitOverride()
  .showHelpAfterError(false);

registerStartCommand(program);
registerEmulatorCommand(program);
registerKeysCommand(program);
configureFidelityCommand(program.command('fidelity'));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // One line, non-zero exit, never a stack trace (commander already printed its own usage errors).
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`g2g: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

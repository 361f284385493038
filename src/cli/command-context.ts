import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { globalFlags, type GlobalFlags } from './connection.js';
import { createOutput, type Output } from './output.js';

export interface CommandContext {
  io: CliIo;
  out: Output;
  flags: GlobalFlags;
}

/**
 * Wraps a command's action: hands it the IO, the output helper (honouring --json) and the global flags. Commander
 * passes the command object last; its options and the program's are read from there.
 */
export function action<A extends unknown[]>(io: CliIo, run: (ctx: CommandContext, ...args: A) => Promise<void>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const flags = globalFlags(command);
    const args = params.slice(0, -1) as A;
    await run({ io, out: createOutput(io, flags.json === true), flags }, ...args);
  };
}

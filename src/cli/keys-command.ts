import type { Command } from 'commander';

export function registerKeysCommand(program: Command): void {
  program.command('keys').description('(being built)').action(() => {
    throw new Error('g2g keys is not built yet');
  });
}

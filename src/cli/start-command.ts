import type { Command } from 'commander';

export function registerStartCommand(program: Command): void {
  program.command('start').description('(being built)').action(() => {
    throw new Error('g2g start is not built yet');
  });
}

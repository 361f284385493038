import type { Command } from 'commander';

export function registerEmulatorCommand(program: Command): void {
  program.command('emulator').description('(being built)').action(() => {
    throw new Error('g2g emulator is not built yet');
  });
}

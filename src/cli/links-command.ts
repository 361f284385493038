import type { Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { apiScope } from './connection.js';

const enc = encodeURIComponent;

/** `g2g links reissue|revoke <visitId> <participantId>`. */
export function registerLinksCommand(program: Command, io: CliIo): void {
  const links = program.command('links').description("A seat's join link");
  for (const [name, method, description] of [
    ['reissue', 'POST', 'A new join link for the seat; the old one stops working at once'],
    ['revoke', 'DELETE', "Revoke the seat's join link (reissue gives a new one)"],
  ] as const) {
    links
      .command(`${name} <visitId> <participantId>`)
      .description(description)
      .action(
        action(io, async ({ io: cio, out, flags }, visitId: string, participantId: string) => {
          const scope = apiScope(flags, cio);
          const seat = await scope.client.json<{ id: string; displayName: string; joinUrl: string | null }>(method, `${scope.prefix}/visits/${enc(visitId)}/participants/${enc(participantId)}/link`);
          out.result(seat, () => out.line(seat.joinUrl === null ? `${seat.displayName} (${seat.id}): link revoked` : `${seat.displayName} (${seat.id}): ${seat.joinUrl}`));
        }),
      );
  }
}

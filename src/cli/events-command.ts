import type { Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { usageError } from './cli-error.js';
import { adminClient } from './connection.js';

interface EventView {
  id: string;
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** `g2g events list|replay`: outbound event deliveries (admin API). */
export function registerEventsCommand(program: Command, io: CliIo): void {
  const events = program.command('events').description('Outbound events to G2G_EVENTS_URL (operator token)');

  events
    .command('list')
    .description('Newest first, with status, attempts and the last error')
    .option('--status <list>', 'comma list of pending, delivering, failed, delivered, dead (default: all)')
    .option('--from <iso>', 'created at or after')
    .option('--to <iso>', 'created before')
    .option('--limit <n>', 'at most this many (1-500, default 100)')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { status?: string; from?: string; to?: string; limit?: string }) => {
        const { items } = await adminClient(flags, cio).json<{ items: EventView[] }>('GET', '/api/v1/admin/events', { query: { status: opts.status, from: opts.from, to: opts.to, limit: opts.limit } });
        out.result(items, () => out.table(items.map((e) => ({ id: e.id, type: e.type, status: e.status, attempts: e.attempts, created: e.createdAt, lastError: e.lastError })), ['id', 'type', 'status', 'attempts', 'created', 'lastError']));
      }),
    );

  events
    .command('replay [eventId]')
    .description('Deliver one event again, or every failed and dead event created in --from..--to')
    .option('--from <iso>', 'start of the range (with --to)')
    .option('--to <iso>', 'end of the range (with --from)')
    .action(
      action(io, async ({ io: cio, out, flags }, eventId: string | undefined, opts: { from?: string; to?: string }) => {
        const client = adminClient(flags, cio);
        let result: { replayed: string[] };
        if (eventId !== undefined) {
          if (opts.from !== undefined || opts.to !== undefined) throw usageError('give an event id or --from and --to, not both');
          result = await client.json('POST', `/api/v1/admin/events/${encodeURIComponent(eventId)}/replay`);
        } else {
          if (opts.from === undefined || opts.to === undefined) throw usageError('give an event id, or both --from and --to');
          result = await client.json('POST', '/api/v1/admin/events/replay', { body: { from: opts.from, to: opts.to } });
        }
        out.result(result, () => out.line(`replayed ${result.replayed.length} event(s)${result.replayed.length ? `: ${result.replayed.join(', ')}` : ''}`));
      }),
    );
}

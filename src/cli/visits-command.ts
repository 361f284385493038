import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { usageError } from './cli-error.js';
import { apiScope, tenantClient } from './connection.js';
import type { Output } from './output.js';

export interface VisitView {
  id: string;
  tenantId?: string;
  orgId: string;
  status: string;
  title: string;
  start: string;
  end: string;
  participants: { id: string; displayName: string; role: string; joinUrl: string | null; joinedAt: string | null; leftAt: string | null }[];
}

const enc = encodeURIComponent;

/** `g2g visits create|list|show|cancel|reschedule`. */
export function registerVisitsCommand(program: Command, io: CliIo): void {
  const visits = program.command('visits').description('Visits (admin API across tenants, or the tenant API with --key)');

  visits
    .command('create')
    .description("Schedule a visit from the API's JSON body (needs --key / G2G_API_KEY)")
    .requiredOption('--file <path|->', 'the POST /api/v1/visits body, as a file or - for stdin')
    .option('--idempotency-key <key>', 'a retry with the same key never makes a second meeting')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { file: string; idempotencyKey?: string }) => {
        const text = opts.file === '-' ? await cio.readStdin() : readBody(opts.file);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw usageError(`--file ${opts.file} is not JSON: it must hold the POST /api/v1/visits body`);
        }
        const visit = await tenantClient(flags, cio).json<VisitView>('POST', '/api/v1/visits', { body, ...(opts.idempotencyKey ? { headers: { 'idempotency-key': opts.idempotencyKey } } : {}) });
        out.result(visit, () => printVisit(out, visit));
      }),
    );

  visits
    .command('list')
    .description('Visits by start time')
    .option('--org <orgId>', 'only this org')
    .option('--tenant <tenantId>', 'only this tenant (admin)')
    .option('--status <status>', 'scheduled, in_progress, ended, cancelled or missed')
    .option('--external-id <id>', 'your externalId')
    .option('--from <iso>', 'starting at or after')
    .option('--to <iso>', 'starting before')
    .option('--limit <n>', 'page size (1-200)')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { org?: string; tenant?: string; status?: string; externalId?: string; from?: string; to?: string; limit?: string; cursor?: string }) => {
        const scope = apiScope(flags, cio);
        if (opts.tenant !== undefined && scope.kind === 'tenant') throw usageError('--tenant needs the operator token (G2G_ADMIN_TOKEN), not --key');
        const page = await scope.client.json<{ items: VisitView[]; nextCursor: string | null }>('GET', `${scope.prefix}/visits`, {
          query: { orgId: opts.org, tenantId: opts.tenant, status: opts.status, externalId: opts.externalId, from: opts.from, to: opts.to, limit: opts.limit, cursor: opts.cursor },
        });
        out.result(page, () => {
          out.table(
            page.items.map((v) => ({ id: v.id, status: v.status, start: v.start, title: v.title, seats: v.participants.length, ...(v.tenantId !== undefined ? { tenant: v.tenantId } : {}) })),
            scope.kind === 'admin' ? ['id', 'status', 'start', 'title', 'seats', 'tenant'] : ['id', 'status', 'start', 'title', 'seats'],
          );
          if (page.nextCursor !== null) out.line(`more: --cursor ${page.nextCursor}`);
        });
      }),
    );

  visits
    .command('show <visitId>')
    .description('One visit with its seats and join links')
    .action(
      action(io, async ({ io: cio, out, flags }, visitId: string) => {
        const scope = apiScope(flags, cio);
        const visit = await scope.client.json<VisitView>('GET', `${scope.prefix}/visits/${enc(visitId)}`);
        out.result(visit, () => printVisit(out, visit));
      }),
    );

  visits
    .command('cancel <visitId>')
    .description('Cancel a scheduled visit (its Webex meeting is deleted, its links stop working)')
    .action(
      action(io, async ({ io: cio, out, flags }, visitId: string) => {
        const scope = apiScope(flags, cio);
        const visit = await scope.client.json<VisitView>('DELETE', `${scope.prefix}/visits/${enc(visitId)}`);
        out.result(visit, () => out.line(`visit ${visit.id} is ${visit.status}`));
      }),
    );

  visits
    .command('reschedule <visitId>')
    .description('Move or retitle a scheduled visit')
    .option('--start <iso>', 'new start (ISO 8601)')
    .option('--duration <minutes>', 'new length in minutes')
    .option('--title <title>', 'new title')
    .action(
      action(io, async ({ io: cio, out, flags }, visitId: string, opts: { start?: string; duration?: string; title?: string }) => {
        const patch: Record<string, unknown> = {};
        if (opts.start !== undefined) patch['start'] = opts.start;
        if (opts.title !== undefined) patch['title'] = opts.title;
        if (opts.duration !== undefined) {
          const minutes = Number(opts.duration);
          if (!Number.isInteger(minutes)) throw usageError('--duration must be a whole number of minutes');
          patch['durationMinutes'] = minutes;
        }
        if (Object.keys(patch).length === 0) throw usageError('give at least one of --start, --duration, --title');
        const scope = apiScope(flags, cio);
        const visit = await scope.client.json<VisitView>('PATCH', `${scope.prefix}/visits/${enc(visitId)}`, { body: patch });
        out.result(visit, () => out.line(`visit ${visit.id}: "${visit.title}" ${visit.start} - ${visit.end} (${visit.status})`));
      }),
    );
}

function readBody(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`--file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function printVisit(out: Output, v: VisitView): void {
  out.line(`${out.bold(v.id)}  ${v.status}  "${v.title}"  ${v.start} - ${v.end}${v.tenantId !== undefined ? `  tenant ${v.tenantId}` : ''}`);
  out.table(
    v.participants.map((p) => ({ participant: p.id, name: p.displayName, role: p.role, joined: p.joinedAt, left: p.leftAt, joinUrl: p.joinUrl })),
    ['participant', 'name', 'role', 'joined', 'left', 'joinUrl'],
  );
}

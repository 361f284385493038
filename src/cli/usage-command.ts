import type { Command } from 'commander';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { apiScope } from './connection.js';

interface UsageReportView {
  orgId: string;
  from: string;
  to: string;
  licensed: number | null;
  totals: Record<string, number>;
  buckets: ({ start: string } & Record<string, number | string>)[];
  licenceNeeded: { licensed: number; busiestHour: string | null };
}

/** `g2g usage --org <id> [--from --to] [--granularity] [--csv]`. */
export function registerUsageCommand(program: Command, io: CliIo): void {
  program
    .command('usage')
    .description("An org's usage report: meetings, minutes, participants, peak vs licence, deferrals, waits")
    .requiredOption('--org <orgId>', 'the org')
    .option('--from <iso>', 'start (default: 7 days before --to)')
    .option('--to <iso>', 'end (default: now)')
    .option('--granularity <day|hour>', 'bucket size', 'day')
    .option('--csv', 'print CSV (one line per bucket, then a total line)')
    .action(
      action(io, async ({ io: cio, out, flags }, opts: { org: string; from?: string; to?: string; granularity: string; csv?: boolean }) => {
        const scope = apiScope(flags, cio);
        const path = `${scope.prefix}/orgs/${encodeURIComponent(opts.org)}/usage`;
        const query = { from: opts.from, to: opts.to, granularity: opts.granularity };
        if (opts.csv === true) {
          cio.stdout.write(await scope.client.text('GET', path, { query: { ...query, format: 'csv' } }));
          return;
        }
        const report = await scope.client.json<UsageReportView>('GET', path, { query });
        out.result(report, () => {
          out.line(`${out.bold(report.orgId)} ${report.from} - ${report.to}, licence ${report.licensed ?? 'unknown'}`);
          out.table(
            report.buckets.map((b) => ({ start: b.start, meetings: b['meetings'], minutes: b['meetingMinutes'], participants: b['participants'], guests: b['uniqueGuests'], peak: b['peakConcurrent'], deferred: b['deferredClicks'], p95Wait: b['p95WaitSeconds'] })),
            ['start', 'meetings', 'minutes', 'participants', 'guests', 'peak', 'deferred', 'p95Wait'],
          );
          const t = report.totals;
          out.line(`total: ${t['meetings']} meetings, ${t['meetingMinutes']} minutes, ${t['participants']} participants (${t['uniqueGuests']} people), peak ${t['peakConcurrent']}, ${t['deferredClicks']} deferred clicks, wait ${t['totalWaitSeconds']} s (p95 ${t['p95WaitSeconds']} s)`);
          out.line(`licence that would have served the busiest hour with no deferral: ${report.licenceNeeded.licensed}${report.licenceNeeded.busiestHour ? ` (${report.licenceNeeded.busiestHour})` : ''}`);
        });
      }),
    );
}

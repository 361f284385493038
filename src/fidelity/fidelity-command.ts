import { InvalidArgumentError, type Command } from 'commander';
import { formatParityTable } from './parity-table.js';
import { runFidelity } from './run-fidelity.js';

interface FidelityFlags {
  baseUrl: string;
  token: string;
  siteUrl?: string;
  timeoutMs: number;
  json?: boolean;
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an http(s) URL such as https://webexapis.com/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('must be an http(s) URL such as https://webexapis.com/v1');
  if (url.username !== '' || url.password !== '') throw new InvalidArgumentError('must not carry credentials; pass the token with --token');
  return value;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value.trim();
}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 300_000) throw new InvalidArgumentError('must be a whole number of milliseconds from 100 to 300000');
  return n;
}

/**
 * `g2g fidelity`: runs the parity scenario against any Webex-compatible base URL and prints the parity table
 * (docs/emulator.md "Parity check"). Exit 0 when every step answered as Webex documents; otherwise it throws (exit 1).
 */
export function configureFidelityCommand(command: Command, stdout: { write(text: string): unknown } = process.stdout): void {
  command
    .description('Check a Webex-compatible API (real Webex or `g2g emulator`) against what Webex documents; prints a parity table')
    .requiredOption('--base-url <url>', 'API base, e.g. https://webexapis.com/v1 or http://127.0.0.1:9400/v1', httpUrl)
    .requiredOption('--token <token>', 'a Service App access token for an org with a guest-to-guest site (never printed)', nonEmpty)
    .option('--site-url <site>', 'the guest-to-guest site to schedule on (default: your default site)')
    .option('--timeout-ms <ms>', 'per-request timeout', milliseconds, 20_000)
    .option('--json', 'print the report as JSON instead of a table')
    .action(async (flags: FidelityFlags, self: Command) => {
      // `--json` may also be the program's global flag (then commander hands it to the parent).
      const json = flags.json === true || self.optsWithGlobals<{ json?: boolean }>().json === true;
      const report = await runFidelity({
        baseUrl: flags.baseUrl,
        token: flags.token,
        timeoutMs: flags.timeoutMs,
        ...(flags.siteUrl !== undefined ? { siteUrl: flags.siteUrl } : {}),
      });
      stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatParityTable(report)}\n`);
      // Thrown, so whatever runs the program turns it into exit code 1 with one line on stderr.
      if (report.mismatches > 0) throw new Error(`${report.mismatches} of ${report.rows.length} steps differ from what Webex documents`);
    });
}

import { InvalidArgumentError, type Command } from 'commander';
import { formatParityTable } from './parity-table.js';
import { runFidelity } from './run-fidelity.js';

interface FidelityFlags {
  baseUrl: string;
  token: string;
  siteUrl?: string;
  timeoutMs: number;
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
 * (docs/emulator.md "Parity check"). Exit 0 when every step answered as Webex documents, 1 otherwise.
 */
/** Where the command writes, and how it reads the CLI's global flags and reports a failed check. */
export interface FidelityCommandIo {
  stdout: { write(text: string): unknown };
  /** Whether the CLI's `--json` is set (it is a global flag of `g2g`). */
  json(): boolean;
  /** Ends the command with a failure (exit 1) after the table was printed. */
  fail(message: string): never;
}

export function configureFidelityCommand(command: Command, io: FidelityCommandIo): void {
  command
    .description('Check a Webex-compatible API (real Webex or `g2g emulator`) against what Webex documents; prints a parity table')
    .requiredOption('--base-url <url>', 'API base, e.g. https://webexapis.com/v1 or http://127.0.0.1:9400/v1', httpUrl)
    .requiredOption('--token <token>', 'a Service App access token for an org with a guest-to-guest site (never printed)', nonEmpty)
    .option('--site-url <site>', 'the guest-to-guest site to schedule on (default: your default site)')
    .option('--timeout-ms <ms>', 'per-request timeout', milliseconds, 20_000)
    .action(async (flags: FidelityFlags) => {
      const report = await runFidelity({
        baseUrl: flags.baseUrl,
        token: flags.token,
        timeoutMs: flags.timeoutMs,
        ...(flags.siteUrl !== undefined ? { siteUrl: flags.siteUrl } : {}),
      });
      io.stdout.write(io.json() ? `${JSON.stringify(report)}\n` : `${formatParityTable(report)}\n`);
      if (report.mismatches > 0) io.fail(`${report.mismatches} step(s) did not answer as Webex documents (see the table)`);
    });
}

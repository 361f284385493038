import type { CliIo } from './cli-io.js';

/** How a command prints: one JSON document with --json, else lines and tables for people (colour only on a TTY). */
export interface Output {
  readonly json: boolean;
  /** Prints the command's result: `data` as JSON with --json, else what `human` prints. */
  result(data: unknown, human: () => void): void;
  line(text?: string): void;
  /** Progress and narration: on stderr with --json (stdout stays one JSON document), else on stdout. */
  progress(text: string): void;
  table(rows: readonly Record<string, unknown>[], columns: readonly string[]): void;
  bold(text: string): string;
  green(text: string): string;
  red(text: string): string;
}

export function createOutput(io: CliIo, json: boolean): Output {
  const colour = io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  const paint = (code: string) => (text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const bold = paint('1');
  const out: Output = {
    json,
    result(data, human) {
      if (json) io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else human();
    },
    line(text = '') {
      io.stdout.write(`${text}\n`);
    },
    progress(text) {
      (json ? io.stderr : io.stdout).write(`${text}\n`);
    },
    table(rows, columns) {
      if (rows.length === 0) {
        out.line('(none)');
        return;
      }
      const cells = rows.map((r) => columns.map((c) => cell(r[c])));
      const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] as string).length)));
      out.line(bold(columns.map((c, i) => c.toUpperCase().padEnd(widths[i] as number)).join('  ').trimEnd()));
      for (const row of cells) out.line(row.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd());
    },
    bold,
    green: paint('32'),
    red: paint('31'),
  };
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.map(cell).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Exit codes, as docs/cli.md documents them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error the CLI prints as one line (never a stack trace) before exiting with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: 1 | 2;
  /** The server's problem code, when the API refused. */
  readonly code: string | undefined;
  /** The command already printed its JSON document (a report saying what failed): --json gets no second one. */
  readonly reported: boolean;
  constructor(message: string, opts: { exitCode?: 1 | 2; code?: string; cause?: unknown; reported?: boolean } = {}) {
    super(message, { cause: opts.cause });
    this.exitCode = opts.exitCode ?? 1;
    this.code = opts.code;
    this.reported = opts.reported ?? false;
  }
}

/** A flag or variable is missing or malformed: exit 2. */
export function usageError(message: string): CliError {
  return new CliError(message, { exitCode: 2 });
}

import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { createOutput } from '../../src/cli/output.js';

function io(tty: boolean, env: Record<string, string> = {}): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s), isTTY: tty }, stderr: { write: (s: string) => (err += s) }, env, readStdin: () => Promise.resolve('') },
    out: () => out,
    err: () => err,
  };
}

describe('CLI output', () => {
  const rows = [{ id: 'a', status: 'ready', n: 3 }, { id: 'bbbb', status: null, n: [1, 2] }];

  it('prints aligned tables without colour when stdout is not a terminal', () => {
    const t = io(false);
    createOutput(t.io, false).table(rows, ['id', 'status', 'n']);
    expect(t.out()).toBe('ID    STATUS  N\na     ready   3\nbbbb  -       1,2\n');
  });

  it('uses colour only on a TTY, and never with NO_COLOR', () => {
    const tty = io(true);
    createOutput(tty.io, false).table(rows, ['id']);
    expect(tty.out()).toContain('\x1b[1m');
    const noColour = io(true, { NO_COLOR: '1' });
    createOutput(noColour.io, false).table(rows, ['id']);
    expect(noColour.out()).not.toContain('\x1b[');
  });

  it('with --json prints exactly one JSON document on stdout and sends progress to stderr', () => {
    const t = io(true);
    const out = createOutput(t.io, true);
    out.progress('step 1');
    out.result({ ok: true }, () => out.line('human'));
    expect(JSON.parse(t.out())).toEqual({ ok: true });
    expect(t.err()).toBe('step 1\n');
  });
});

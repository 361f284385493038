import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const main = path.join(repoRoot, 'src/cli/main.ts');
const run = promisify(execFile);

/** The g2g binary as a user runs it, from `cwd`; answers the exit code instead of throwing. */
async function g2g(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [main, ...args], { cwd: opts.cwd, env: { PATH: process.env['PATH'] ?? '', ...opts.env }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the g2g binary', () => {
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'g2g-elsewhere-'));
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('exits 2 with one line naming the variable when run away from its data, and creates no ./data', async () => {
    const res = await g2g(['keys', 'create', '--tenant', 'clinic', '--org', 'doesnotexist'], { cwd: elsewhere });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(path.join(elsewhere, 'data', 'g2g.sqlite'));
    expect(res.stderr).toContain('G2G_DATA_DIR');
    expect(existsSync(path.join(elsewhere, 'data'))).toBe(false);
    const unknown = await g2g(['orgs', 'frobnicate'], { cwd: elsewhere });
    expect(unknown.code).toBe(2);
  });

  it('g2g demo runs the whole seed flow on the embedded emulator, narrated, and exits 0 with a summary table', async () => {
    const res = await g2g(['demo'], { cwd: elsewhere, env: { G2G_PORT: String(await freePort()), G2G_EMULATOR_PORT: String(await freePort()) } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const step of ['authorize', 'tokens', 'visit', 'both guests join', 'meeting in progress', 'ended', 'events delivered']) expect(res.stdout).toContain(`✓ ${step}: `);
    expect(res.stdout).toMatch(/STEP\s+RESULT\s+MS/);
    expect(res.stdout).toContain('visit.ended');
    expect(existsSync(path.join(elsewhere, 'data'))).toBe(false);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { compareAnswer, formatParityTable, runFidelity } from '../../src/fidelity/index.js';
import { startTestEmulator } from '../emulator/support/emulator-harness.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

/** Runs `g2g fidelity` through tsx; resolves with exit code and output instead of throwing. */
async function g2gFidelity(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'fidelity', ...args], { cwd: repo, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe('g2g fidelity against the emulator (what CI runs)', () => {
  it('prints a parity table with no mismatch, exits 0, and never prints the token', async () => {
    const token = emu.seed.serviceApp.accessToken;
    const out = await g2gFidelity(['--base-url', emu.baseUrl, '--token', token]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('MISMATCH');
    expect(out.stdout).toContain('parity: all 11 steps answered as Webex documents');
    for (const step of ['who am I', 'create', 'get', 'list series', 'list occurrences', 'update', 'join link', 'delete', 'get deleted']) expect(out.stdout).toContain(step);
    expect(out.stdout + out.stderr).not.toContain(token);
    // The scenario cleans up after itself: no meeting left.
    const left = await fetch(`${emu.baseUrl}/meetings?meetingType=meetingSeries`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('reports a service that answers differently: a 500 on get and a 401 for a bad token are mismatches (exit 1)', async () => {
    await fetch(`${emu.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'GET', path: '/v1/meetings/*', status: 500, count: 1 }) });
    const report = await runFidelity({ baseUrl: emu.baseUrl, token: emu.seed.serviceApp.accessToken });
    expect(report.rows.filter((r) => !r.ok).map((r) => [r.step, r.status])).toEqual([['get', 500]]);
    expect(formatParityTable(report)).toContain('500 (want 200)');

    const denied = await g2gFidelity(['--base-url', emu.baseUrl, '--token', 'not-a-token', '--json']);
    expect(denied.code).toBe(1);
    const parsed = JSON.parse(denied.stdout) as { mismatches: number; rows: { status: number }[] };
    expect(parsed.mismatches).toBeGreaterThan(0);
    expect(parsed.rows[0]?.status).toBe(401);
  });

  it('asks a lagging list again before calling it a mismatch (the emulator read lag, 1.5 s of real time)', async () => {
    const lag = (ms: number) => fetch(`${emu.controlUrl}/read-lag`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
    await lag(1500);
    try {
      const impatient = await runFidelity({ baseUrl: emu.baseUrl, token: emu.seed.serviceApp.accessToken, readRetries: 0 });
      expect(impatient.rows.filter((r) => !r.ok).map((r) => [r.step, r.notes])).toEqual([
        ['list series', ['the meeting is not listed']],
        ['list occurrences', ['expected 1 occurrence, got 0']],
      ]);
      const patient = await runFidelity({ baseUrl: emu.baseUrl, token: emu.seed.serviceApp.accessToken, readRetries: 5, readRetryDelayMs: 500 });
      expect(patient.mismatches).toBe(0);
    } finally {
      await lag(0);
    }
  });

  it('refuses bad flags in one line with a non-zero exit', async () => {
    const bad = await g2gFidelity(['--base-url', 'ftp://example.com', '--token', 'x']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--base-url');
    const missing = await g2gFidelity(['--base-url', emu.baseUrl]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--token');
  });
});

describe('compareAnswer', () => {
  it('names missing keys, values outside an enum, and a wrong status', () => {
    const expected = { status: 200, keys: ['id', 'state'], enums: { state: ['active', 'expired'] } };
    expect(compareAnswer('s', 'GET /x', expected, 200, { id: 'a', state: 'active' }).ok).toBe(true);
    expect(compareAnswer('s', 'GET /x', expected, 200, { state: 'running' })).toMatchObject({ ok: false, missingKeys: ['id'], badEnums: ['state="running"'] });
    expect(compareAnswer('s', 'GET /x', { ...expected, list: true }, 200, { items: [{ id: 'a' }, { id: 'b', state: 'x' }] })).toMatchObject({ missingKeys: ['items[0].state'], badEnums: ['items[1].state="x"'] });
    expect(compareAnswer('s', 'GET /x', expected, 404, { message: 'no' })).toMatchObject({ ok: false, missingKeys: [], status: 404 });
  });
});

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'g2g-emulator-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SeedLine {
  baseUrl: string;
  controlUrl: string;
  orgId: string;
  siteUrl: string;
  serviceApp: { accessToken: string; applicationId: string };
  license: { concurrentMeetings: number };
}

/** Spawns `g2g emulator` through tsx and resolves with the first stdout line, parsed. */
function spawnEmulator(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; seed: SeedLine }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'emulator', ...args], { cwd: repoRoot });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, seed: JSON.parse(line) as SeedLine }));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('g2g emulator', () => {
  it('prints the seed as the first line, writes --seed-out, saves --state on exit and starts from it again', async () => {
    const statePath = path.join(dir, 'state.json');
    const seedPath = path.join(dir, 'seed.json');
    const first = await spawnEmulator(['--port', '0', '--license', '3', '--plain-http-pages', '--state', statePath, '--seed-out', seedPath]);
    expect(first.seed.license.concurrentMeetings).toBe(3);
    expect(JSON.parse(readFileSync(seedPath, 'utf8'))).toEqual(first.seed);
    const me = await fetch(`${first.seed.baseUrl}/people/me`, { headers: { authorization: `Bearer ${first.seed.serviceApp.accessToken}` } });
    expect(me.status).toBe(200);
    const org = await fetch(`${first.seed.controlUrl}/orgs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Persisted' }) });
    const { orgId } = (await org.json()) as { orgId: string };
    expect(await stop(first.child)).toBe(0);

    const second = await spawnEmulator(['--port', '0', '--plain-http-pages', '--state', statePath]);
    try {
      expect(second.seed.orgId).toBe(first.seed.orgId);
      expect(second.seed.serviceApp.accessToken).toBe(first.seed.serviceApp.accessToken);
      const again = await fetch(`${second.seed.baseUrl}/people/me`, { headers: { authorization: `Bearer ${second.seed.serviceApp.accessToken}` } });
      expect(again.status).toBe(200);
      const overview = (await (await fetch(`${second.seed.controlUrl}/overview`)).json()) as { orgs: { orgId: string }[] };
      expect(overview.orgs.map((o) => o.orgId)).toContain(orgId);
    } finally {
      await stop(second.child);
    }
  });

  it('refuses a bad flag with a one-line error and a non-zero exit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'emulator', '--port', 'abc'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('--port');
    expect(stderr).not.toContain('    at ');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../support/emulator.js';
import { freePort } from '../support/free-port.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


/** Runs `g2g start` as a user would (a child process), until it prints that it is ready. */
async function startG2G(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; stdout: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`g2g start did not get ready:\n${out}`)), 25_000);
    const check = () => {
      if (out.includes('Ctrl-C stops')) {
        clearTimeout(timer);
        resolve();
      }
    };
    // Not a TTY: stdout carries only JSON log lines, the banner goes to stderr.
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`g2g start exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out, stdout: () => stdout };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

describe('g2g start (no Webex credentials: embedded emulator)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('authorizes the sandbox through the webhook, prints a working API key, stops on Ctrl-C and keeps its key on a re-run', async () => {
    const env = {
      G2G_PORT: String(await freePort()),
      G2G_EMULATOR_PORT: String(await freePort()),
      G2G_DATA_DIR: dataDir,
      G2G_LOG_LEVEL: 'warn',
    };
    const first = await startG2G({ ...env, G2G_LOG_LEVEL: 'info' });
    // Not a TTY: stdout is JSON log lines only (the banner went to stderr).
    const stdoutLines = first.stdout().split('\n').filter((l) => l !== '');
    expect(stdoutLines.length).toBeGreaterThan(0);
    for (const line of stdoutLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    const apiKey = readFileSync(path.join(dataDir, 'dev-api-key'), 'utf8').trim();
    expect(first.output()).toContain(`API key:    ${apiKey}`);
    expect(first.output()).toContain(`http://127.0.0.1:${env.G2G_PORT}/docs`);
    // The operator token: printed once, kept 0600 in the data directory, and it opens the admin API.
    const operatorToken = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    expect(statSync(path.join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(first.output().split(`operator token: ${operatorToken}`)).toHaveLength(2);
    const adminOrgs = await fetch(`http://127.0.0.1:${env.G2G_PORT}/api/v1/admin/orgs`, { headers: { authorization: `Bearer ${operatorToken}` } });
    expect(adminOrgs.status).toBe(200);
    // Green out of the box: g2g start applied what preflight --fix does on the sandbox.
    const orgId = ((await adminOrgs.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
    const preflight = await fetch(`http://127.0.0.1:${env.G2G_PORT}/api/v1/admin/orgs/${encodeURIComponent(orgId)}/preflight`, { headers: { authorization: `Bearer ${operatorToken}` } });
    expect(((await preflight.json()) as { ok: boolean }).ok).toBe(true);
    const api = `http://127.0.0.1:${env.G2G_PORT}/api/v1`;
    const res = await fetch(`${api}/visits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Consultation', participants: [{ displayName: 'Dr. Ada', role: 'host' }, { displayName: 'Pat' }] }),
    });
    expect(res.status).toBe(201);
    const visit = (await res.json()) as { id: string; orgId: string; participants: { joinUrl: string }[] };
    // The sandbox's license (the emulator's default 10) is recorded for the governor out of the box.
    const capacity = await fetch(`${api}/orgs/${encodeURIComponent(visit.orgId)}/capacity`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(await capacity.json()).toEqual({ orgId: visit.orgId, licensed: 10, inProgress: 0, starting: 0, available: 10 });
    const join = await fetch(visit.participants[0]?.joinUrl ?? '', { redirect: 'manual' });
    expect(join.status).toBe(302);
    expect(join.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    expect(await stop(first.child)).toBe(0);

    const second = await startG2G(env);
    expect(readFileSync(path.join(dataDir, 'dev-api-key'), 'utf8').trim()).toBe(apiKey);
    const again = await fetch(`${api}/visits/${visit.id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(again.status).toBe(200);
    const more = await fetch(`${api}/visits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Second run', participants: [{ displayName: 'Pat' }] }),
    });
    expect(more.status).toBe(201);
    expect(await stop(second.child)).toBe(0);
  });

  it('on a terminal prints the human banner and pretty logs, no JSON lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'g2g-start-tty-'));
    const env = { PATH: process.env['PATH'] ?? '', G2G_PORT: String(await freePort()), G2G_EMULATOR_PORT: String(await freePort()), G2G_DATA_DIR: dir, G2G_LOG_LEVEL: 'info', TERM: 'xterm' };
    // util-linux `script` runs the command on a pseudo-terminal, as a person's shell would.
    const child = spawn('script', ['-qefc', `${path.join(repoRoot, 'node_modules/.bin/tsx')} src/cli/main.ts start`, '/dev/null'], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`g2g start did not get ready on a TTY:\n${out}`)), 25_000);
        child.stdout?.on('data', () => {
          if (out.includes('Ctrl-C stops')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(out).toContain('g2g is running');
      expect(out).toMatch(/operator token: g2gop_/);
      expect(out).toMatch(/INFO.*g2g listening/);
      expect(out).not.toMatch(/^\{"level"/m);
    } finally {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs against a configured Webex (here a separate emulator) with nothing else changed: webhooks registered, authorization delivered to it', async () => {
    const webex = await startTestEmulator();
    const seed = webex.seed;
    const dir = mkdtempSync(path.join(tmpdir(), 'g2g-start-webex-'));
    const port = await freePort();
    const run = await startG2G({
      G2G_PORT: String(port),
      G2G_DATA_DIR: dir,
      G2G_LOG_LEVEL: 'warn',
      WEBEX_BASE_URL: seed.baseUrl,
      WEBEX_APPLICATION_ID: seed.serviceApp.applicationId,
      WEBEX_CLIENT_ID: seed.serviceApp.clientId,
      WEBEX_CLIENT_SECRET: seed.serviceApp.clientSecret,
      WEBEX_TOKEN_MANAGER_TOKEN: seed.tokenManager.accessToken,
    });
    try {
      expect(run.output()).toContain(`Webex:      ${seed.baseUrl}`);
      expect(run.output()).not.toContain('API key:');
      const hooks = await webex.control.requests({ method: 'POST', path: '/v1/webhooks' });
      expect(hooks.length).toBeGreaterThanOrEqual(1);
      await webex.control.authorize(seed.serviceApp.applicationId, { orgId: seed.orgId });
      await webex.control.flushDeliveries();
      const delivered = await webex.control.deliveries({ resource: 'serviceApp', event: 'authorized' });
      expect(delivered.some((d) => d.targetUrl === `http://127.0.0.1:${port}/webhooks/webex` && d.status === 'delivered')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      expect(await stop(run.child)).toBe(0);
      await webex.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

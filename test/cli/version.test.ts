import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('g2g --version', () => {
  it('prints the version package.json declares, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--version'], { cwd: repoRoot });
    expect(stdout.trim()).toBe(version);
  });
});

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts/check-doc-links.mjs');

/** Runs the checker on `root`; resolves with its exit code and output instead of throwing on failure. */
async function checkLinks(root: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, root]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway repository holding the given Markdown files. */
function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'g2g-doc-links-'));
  scratch.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('documentation links', () => {
  it('resolves every relative link and anchor in README.md and docs/', async () => {
    const result = await checkLinks(repo);
    expect(result.out).toMatch(/relative links in \d+ Markdown files resolve/);
    expect(result.code).toBe(0);
  });

  it('accepts links to files, headings (with § and dots) and repeated headings', async () => {
    const root = repoWith({
      'README.md': '[a](docs/a.md) [b](docs/a.md#11-post-meetings-create) [c](docs/a.md#notes-1) [d](#top) [e](https://x.org/#y)\n# Top\n',
      'docs/a.md': '# A\n## §1.1 POST /meetings (create)\n## Notes\n## Notes\n```\n[not a link](missing.md)\n```\n',
    });
    const result = await checkLinks(root);
    expect(result.out).toContain('4 relative links in 2 Markdown files resolve');
    expect(result.code).toBe(0);
  });

  it('fails naming the file, line and target when a page, an anchor or the repository boundary is wrong', async () => {
    const root = repoWith({
      'README.md': '# g2g\n\nSee [gone](docs/gone.md).\n',
      'docs/a.md': '# A\n\n[x](../README.md#no-such-heading)\n[y](../../outside.md)\n',
    });
    const result = await checkLinks(root);
    expect(result.code).toBe(1);
    expect(result.out).toContain('README.md:3: docs/gone.md: no such file');
    expect(result.out).toContain('docs/a.md:3: ../README.md#no-such-heading: no heading #no-such-heading in README.md');
    expect(result.out).toContain('docs/a.md:4: ../../outside.md points outside the repository');
  });
});

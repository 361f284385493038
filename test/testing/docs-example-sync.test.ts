import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

describe('docs/testing-kit.md', () => {
  it('shows exactly the example the suite runs (test/testing/docs-example.test.ts)', () => {
    const doc = readFileSync(path.join(repo, 'docs/testing-kit.md'), 'utf8');
    const block = /## A vitest example[\s\S]*?```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBe(readFileSync(path.join(repo, 'test/testing/docs-example.test.ts'), 'utf8'));
    expect(block).toContain("from 'g2g/testing'");
  });
});

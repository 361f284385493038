import { describe, expect, it } from 'vitest';
import { createPerKeyQueue } from '../../src/core/per-key-queue.js';

/** A promise the test settles by hand, so the order of work is set by the test and not by timing. */
function gate(): { promise: Promise<void>; open(): void; fail(error: Error): void } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('createPerKeyQueue', () => {
  it('runs tasks of one key in the order they were queued, each after the previous one settled', async () => {
    const queue = createPerKeyQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue('org-1', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue('org-1', async () => {
      log.push('b');
      return 'b';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('lets another key run while one key waits', async () => {
    const queue = createPerKeyQueue();
    const held = gate();
    const slow = queue('org-1', () => held.promise);
    expect(await queue('org-2', async () => 'other')).toBe('other');
    held.open();
    await slow;
  });

  it('hands a failure to its caller and still runs the next task of that key', async () => {
    const queue = createPerKeyQueue();
    const held = gate();
    const failing = queue('org-1', () => held.promise);
    const next = queue('org-1', async () => 'next');
    held.fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });
});

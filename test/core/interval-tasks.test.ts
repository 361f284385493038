import { describe, expect, it } from 'vitest';
import { createIntervalTasks } from '../../src/core/interval-tasks.js';
import { createBackgroundRunner } from '../../src/core/run-in-background.js';
import { createLogger } from '../../src/logger.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('interval tasks report whether each loop is alive', () => {
  it('is not started before any timer, alive while ticks finish, stale when a loop stops finishing', async () => {
    const tasks = createIntervalTasks(createBackgroundRunner(createLogger({ level: 'silent' })));
    expect(tasks.health()).toEqual({ status: 'not_started', stale: [] });
    let hang = false;
    tasks.every('quick', 10, async () => {
      if (hang) await new Promise(() => undefined);
    });
    tasks.every('failing', 10, () => Promise.reject(new Error('a failed tick still means the loop runs')));
    await wait(60);
    expect(tasks.health({ graceMs: 0 })).toEqual({ status: 'ok', stale: [] });
    hang = true;
    await wait(120);
    expect(tasks.health({ graceMs: 0 })).toEqual({ status: 'stale', stale: ['quick'] });
    tasks.stop();
    expect(tasks.health().status).toBe('not_started');
  });
});

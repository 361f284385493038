import type { Logger } from '../logger.js';
import { describeError } from './describe-error.js';

export interface BackgroundRunner {
  /** Starts `task` without awaiting it: a failure is caught, logged with `fields`, and counted. Never a floating promise. */
  run(name: string, task: () => Promise<void>, fields?: Record<string, unknown>): void;
  /** Resolves once every task started so far (and those they start) has settled. Tests and stop() wait on it. */
  idle(): Promise<void>;
  /** How many tasks are running now. */
  readonly active: number;
  /** How many tasks have failed since start (for health and metrics). */
  readonly failures: number;
}

/** One place for background work (docs/contributing.md §7): catches, logs and counts, so nothing rejects unhandled. */
export function createBackgroundRunner(log: Logger): BackgroundRunner {
  const running = new Set<Promise<void>>();
  let failures = 0;
  return {
    run(name, task, fields = {}) {
      const p: Promise<void> = Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          failures += 1;
          log.error({ ...fields, task: name, err: describeError(error) }, 'background task failed');
        })
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get active() {
      return running.size;
    },
    get failures() {
      return failures;
    },
  };
}

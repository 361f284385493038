import type { BackgroundRunner } from './run-in-background.js';

export interface IntervalTasks {
  /** Runs `task` every `ms` through the background runner (a failure is logged and counted); `ms <= 0` turns it off. */
  every(name: string, ms: number, task: () => Promise<unknown>): void;
  /** Whether any timer is running (a second start() must not add more). */
  readonly running: boolean;
  /** Clears every timer; tasks already running finish on the background runner. */
  stop(): void;
}

/** g2g's timers, in one place: unref'd (they never keep the process alive) and cleared together on stop. */
export function createIntervalTasks(background: BackgroundRunner): IntervalTasks {
  const timers: NodeJS.Timeout[] = [];
  return {
    every(name, ms, task) {
      if (ms <= 0) return;
      const timer = setInterval(() => background.run(name, async () => void (await task())), ms);
      timer.unref();
      timers.push(timer);
    },
    get running() {
      return timers.length > 0;
    },
    stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}

import type { BackgroundRunner } from './run-in-background.js';

/** Whether the loops run: `stale` names those that finished no tick for 3 intervals (plus a grace). */
export interface LoopHealth {
  status: 'ok' | 'stale' | 'not_started';
  stale: string[];
}

export interface IntervalTasks {
  /** Runs `task` every `ms` through the background runner (a failure is logged and counted); `ms <= 0` turns it off. */
  every(name: string, ms: number, task: () => Promise<unknown>): void;
  /** Whether any timer is running (a second start() must not add more). */
  readonly running: boolean;
  /** For `/readyz`: a loop whose ticks stopped finishing (a hung Webex or database call) is stale. Default grace 30 s. */
  health(opts?: { graceMs?: number }): LoopHealth;
  /** Clears every timer; tasks already running finish on the background runner. */
  stop(): void;
}

interface Loop {
  name: string;
  ms: number;
  timer: NodeJS.Timeout;
  /** Wall-clock ms of the last finished tick (or of the start): liveness is about real time, not the g2g clock. */
  lastDoneAt: number;
}

/** g2g's timers, in one place: unref'd (they never keep the process alive) and cleared together on stop. */
export function createIntervalTasks(background: BackgroundRunner): IntervalTasks {
  const loops: Loop[] = [];
  return {
    every(name, ms, task) {
      if (ms <= 0) return;
      const loop: Loop = { name, ms, lastDoneAt: Date.now(), timer: undefined as unknown as NodeJS.Timeout };
      loop.timer = setInterval(
        () =>
          background.run(name, async () => {
            try {
              await task();
            } finally {
              // A failed tick still shows the loop turning; only a tick that never ends stops this clock.
              loop.lastDoneAt = Date.now();
            }
          }),
        ms,
      );
      loop.timer.unref();
      loops.push(loop);
    },
    get running() {
      return loops.length > 0;
    },
    health({ graceMs = 30_000 } = {}) {
      if (loops.length === 0) return { status: 'not_started', stale: [] };
      const now = Date.now();
      const stale = loops.filter((l) => now - l.lastDoneAt > 3 * l.ms + graceMs).map((l) => l.name);
      return { status: stale.length > 0 ? 'stale' : 'ok', stale };
    },
    stop() {
      for (const loop of loops.splice(0)) clearInterval(loop.timer);
    },
  };
}

/**
 * The client's own seam for time (webex/ imports nothing else of src/): tests pass timers whose `sleep` returns at
 * once and records the delay, so Retry-After and backoff are checked without waiting.
 */
export interface WebexTimers {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A signal that aborts after `ms` (the per-attempt timeout), and `clear` to drop the timer once the attempt is
   * over (a cleared timer costs nothing; thousands of pending `AbortSignal.timeout` timers do).
   */
  timeout(ms: number): { signal: AbortSignal; clear(): void };
}

export const systemTimers: WebexTimers = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  timeout: (ms) => new AttemptTimeout(ms),
};

/** One attempt's deadline: a controller and a timer, no closures (built for every attempt of every call). */
class AttemptTimeout {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(ms: number) {
    this.timer = setTimeout(abortAfter, ms, this.controller, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function abortAfter(controller: AbortController, ms: number): void {
  controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
}

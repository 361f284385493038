/** Anything that tells the time in epoch ms (the shape of g2g's Clock, restated: the emulator imports nothing of g2g). */
export interface TimeSource {
  now(): number;
}

/**
 * The emulator's clock: a base time source plus an offset that only grows. `advance` is Stripe's test clock idea:
 * tokens expire, scheduled meetings become ready or missed and join links expire without anybody waiting.
 */
export interface EmulatorClock extends TimeSource {
  advance(ms: number): void;
  /** For reset and state import only: put the offset back where a snapshot had it. */
  setOffset(ms: number): void;
  readonly offsetMs: number;
}

export function createEmulatorClock(base: TimeSource = { now: () => Date.now() }, initialOffsetMs = 0): EmulatorClock {
  let offset = initialOffsetMs;
  return {
    now: () => base.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
    setOffset(ms: number) {
      offset = ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}

/** ISO 8601 with milliseconds, the way the messaging APIs (rooms, memberships, webhooks) print times. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

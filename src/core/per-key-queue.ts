/** Runs a task after the task queued before it under the same key; for one key: `(key, run) => result`. */
export type PerKeyQueue = <T>(key: string, run: () => Promise<T>) => Promise<T>;

/**
 * Tasks of one key run one after another, in the order they were queued; tasks of other keys run freely.
 * A failed task does not block the next one (its caller still gets the rejection). Empty keys are forgotten.
 */
export function createPerKeyQueue(): PerKeyQueue {
  const tails = new Map<string, Promise<void>>();
  return (key, run) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

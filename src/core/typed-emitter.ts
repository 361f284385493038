import type { Logger } from '../logger.js';
import { describeError } from './describe-error.js';

export type Listener<P> = (payload: P) => void | Promise<void>;

/** What a failed handler is reported as, on the `error` event. */
export interface HandlerFailure {
  event: string;
  error: unknown;
}

/** The emitting side, all a producer needs (it names only the events it sends). */
export interface EventSink<M> {
  emit<K extends keyof M & string>(name: K, payload: M[K]): void;
}

/** `on(name, listener)` typed by an event map: unknown names or payloads fail to compile. */
export interface TypedEmitter<M extends { error: HandlerFailure }> extends EventSink<M> {
  on<K extends keyof M & string>(name: K, listener: Listener<M[K]>): () => void;
  /** Resolves once every handler started so far has settled (tests and stop()). */
  idle(): Promise<void>;
}

/**
 * g2g's one emitter, behind `g2g.on`, with one error policy for every handler: handlers run after the current
 * work (a slow company handler never holds a request or a webhook row, and a failing one cannot undo a stored
 * state change); a handler that throws or rejects is logged with the event name, counted by `onHandlerFailed`
 * (the failure metric), and reported on `error` (a failing `error` handler is logged and counted only).
 */
export function createTypedEmitter<M extends { error: HandlerFailure }>(deps: { log: Logger; onHandlerFailed?: (event: string) => void }): TypedEmitter<M> {
  const listeners = new Map<string, Set<Listener<never>>>();
  const running = new Set<Promise<void>>();
  const emitter: TypedEmitter<M> = {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as Listener<never>);
      listeners.set(name, set);
      return () => set.delete(listener as Listener<never>);
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        const run: Promise<void> = Promise.resolve()
          .then(() => (listener as Listener<typeof payload>)(payload))
          .catch((error: unknown) => {
            deps.log.error({ event: name, err: describeError(error) }, 'event handler failed');
            deps.onHandlerFailed?.(name);
            if (name !== 'error') emitter.emit('error', { event: name, error } as M['error']);
          })
          .finally(() => running.delete(run));
        running.add(run);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
  return emitter;
}

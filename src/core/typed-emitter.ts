import type { Logger } from '../logger.js';
import { describeError } from './describe-error.js';

export type Listener<P> = (payload: P) => void | Promise<void>;

/** `on(name, listener)` typed by an event map: unknown names or payloads fail to compile. */
export interface TypedEmitter<M> {
  on<K extends keyof M & string>(name: K, listener: Listener<M[K]>): () => void;
  emit<K extends keyof M & string>(name: K, payload: M[K]): void;
}

/**
 * Listener errors (sync or async) are logged with the event name, never thrown back into the code
 * that emitted (a failing subscriber must not undo a stored state change).
 */
export function createTypedEmitter<M>(log: Logger): TypedEmitter<M> {
  const listeners = new Map<string, Set<Listener<never>>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as Listener<never>);
      listeners.set(name, set);
      return () => set.delete(listener as Listener<never>);
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        const fail = (error: unknown) =>
          log.error({ event: name, err: describeError(error) }, 'event listener failed');
        try {
          const result = (listener as Listener<typeof payload>)(payload);
          if (result instanceof Promise) result.catch(fail);
        } catch (error) {
          fail(error);
        }
      }
    },
  };
}

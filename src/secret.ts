import { inspect } from 'node:util';

/**
 * A configuration value that must never be printed: it reads as `[redacted]` in logs,
 * JSON, template strings and `util.inspect`. Call `reveal()` only where the raw value is sent.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

import { randomUUID } from 'node:crypto';

/** One injected fault (LocalStack's chaos API idea): matched per request by method and path glob. */
export interface Fault {
  id: string;
  method?: string;
  path: string;
  status?: number;
  /** Remaining matches; undefined means until removed. */
  count?: number;
  probability?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
  message?: string;
  /**
   * `before` (default): the request fails before anything changes. `after`: the change is made, then the answer is
   * lost: replaced by `status` (e.g. 504), or the connection is reset (`lose: 'reset'`) or left hanging until the
   * client gives up (`lose: 'timeout'`, held `latencyMs`, default 120 s, then dropped).
   */
  when?: 'before' | 'after';
  lose?: 'reset' | 'timeout';
}

export interface FaultInput {
  method?: unknown;
  path?: unknown;
  status?: unknown;
  count?: unknown;
  probability?: unknown;
  latencyMs?: unknown;
  retryAfterSeconds?: unknown;
  message?: unknown;
  when?: unknown;
  lose?: unknown;
}

/** Validates a fault from the control plane; returns the problems naming each bad field. */
export function parseFault(input: unknown): { ok: true; fault: Fault } | { ok: false; problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: ['body must be a JSON object'] };
  const v = input as FaultInput;
  const problems: string[] = [];
  const fault: Fault = { id: randomUUID(), path: '' };
  if (typeof v.path !== 'string' || v.path === '' || !v.path.startsWith('/')) problems.push("'path' is required: a path glob starting with '/', e.g. '/v1/meetings*'");
  else fault.path = v.path;
  if (v.method !== undefined) {
    if (typeof v.method !== 'string' || !/^[A-Za-z]+$/.test(v.method)) problems.push("'method' must be an HTTP method such as 'POST'");
    else fault.method = v.method.toUpperCase();
  }
  if (v.status !== undefined) {
    if (!Number.isInteger(v.status) || (v.status as number) < 400 || (v.status as number) > 599) problems.push("'status' must be an integer from 400 to 599");
    else fault.status = v.status as number;
  }
  if (v.count !== undefined) {
    if (!Number.isInteger(v.count) || (v.count as number) < 1) problems.push("'count' must be a positive integer");
    else fault.count = v.count as number;
  }
  if (v.probability !== undefined) {
    if (typeof v.probability !== 'number' || v.probability < 0 || v.probability > 1) problems.push("'probability' must be a number from 0 to 1");
    else fault.probability = v.probability;
  }
  if (v.latencyMs !== undefined) {
    if (!Number.isInteger(v.latencyMs) || (v.latencyMs as number) < 0 || (v.latencyMs as number) > 120_000) problems.push("'latencyMs' must be an integer from 0 to 120000");
    else fault.latencyMs = v.latencyMs as number;
  }
  if (v.retryAfterSeconds !== undefined) {
    if (!Number.isInteger(v.retryAfterSeconds) || (v.retryAfterSeconds as number) < 0) problems.push("'retryAfterSeconds' must be a non-negative integer");
    else fault.retryAfterSeconds = v.retryAfterSeconds as number;
  }
  if (v.message !== undefined) {
    if (typeof v.message !== 'string') problems.push("'message' must be a string");
    else fault.message = v.message;
  }
  if (v.when !== undefined) {
    if (v.when !== 'before' && v.when !== 'after') problems.push("'when' must be 'before' (fail before the change) or 'after' (make the change, lose the answer)");
    else fault.when = v.when;
  }
  if (v.lose !== undefined) {
    if (v.lose !== 'reset' && v.lose !== 'timeout') problems.push("'lose' must be 'reset' or 'timeout'");
    else if (fault.when !== 'after') problems.push("'lose' needs 'when': 'after'");
    else fault.lose = v.lose;
  }
  if (fault.when === 'after') {
    if ((fault.status === undefined) === (fault.lose === undefined)) problems.push("an 'after' fault needs exactly one of 'status' (e.g. 504) or 'lose' ('reset' or 'timeout')");
  } else if (fault.status === undefined && fault.latencyMs === undefined) problems.push("give 'status', 'latencyMs' or both");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fault };
}

/** `*` matches any run of characters (slashes included), `?` one character; the rest is literal. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (const char of glob) {
    if (char === '*') pattern += '.*';
    else if (char === '?') pattern += '.';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

export interface FaultBook {
  add(fault: Fault): void;
  list(): readonly Fault[];
  remove(id: string): boolean;
  clear(): void;
  /** The fault that applies to this request, consuming one of its `count`; undefined if none. */
  take(method: string, path: string, random?: () => number): Fault | undefined;
  readonly size: number;
}

export function createFaultBook(): FaultBook {
  let faults: { fault: Fault; pattern: RegExp }[] = [];
  return {
    add(fault) {
      faults.push({ fault, pattern: globToRegExp(fault.path) });
    },
    list: () => faults.map((f) => f.fault),
    remove(id) {
      const before = faults.length;
      faults = faults.filter((f) => f.fault.id !== id);
      return faults.length !== before;
    },
    clear() {
      faults = [];
    },
    take(method, path, random = Math.random) {
      for (const entry of faults) {
        const { fault } = entry;
        if (fault.method !== undefined && fault.method !== method) continue;
        if (!entry.pattern.test(path)) continue;
        if (fault.probability !== undefined && random() >= fault.probability) continue;
        if (fault.count !== undefined) {
          fault.count -= 1;
          if (fault.count <= 0) faults = faults.filter((f) => f !== entry);
        }
        return fault;
      }
      return undefined;
    },
    get size() {
      return faults.length;
    },
  };
}

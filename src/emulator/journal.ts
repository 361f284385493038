import { globToRegExp } from './faults.js';

export interface JournalEntry {
  method: string;
  path: string;
  query: string;
  /** What the emulator did (an `after` fault still records the real status here). */
  status: number;
  /** Set when an `after` fault lost the answer: the status sent instead, or 'reset' / 'timeout'. */
  lost?: number | 'reset' | 'timeout';
  /** Emulator time, ISO 8601 (formatted when read: recording stays cheap). */
  at: string;
}

export interface JournalRecord extends Omit<JournalEntry, 'at'> {
  atMs: number;
}

/** A ring of the most recent /v1 requests, newest last; tests ask "did g2g call X, how often". */
export interface RequestJournal {
  record(entry: JournalRecord): void;
  find(filter: { method?: string; path?: string; limit?: number }): JournalEntry[];
  clear(): void;
}

export function createRequestJournal(capacity: number): RequestJournal {
  let entries: JournalRecord[] = [];
  return {
    record(entry) {
      entries.push(entry);
      // Trim in batches so recording stays O(1) amortized.
      if (entries.length > capacity * 2) entries = entries.slice(-capacity);
    },
    find({ method, path, limit }) {
      const upper = method?.toUpperCase();
      const pattern = path === undefined ? undefined : path.includes('*') || path.includes('?') ? globToRegExp(path) : undefined;
      const kept = entries.slice(-capacity).filter(
        (e) =>
          (upper === undefined || e.method === upper) &&
          (path === undefined || (pattern ? pattern.test(e.path) : e.path === path.replace(/(.)\/$/, '$1'))),
      );
      const chosen = limit !== undefined && limit < kept.length ? kept.slice(-limit) : kept;
      return chosen.map(({ atMs, ...rest }) => ({ ...rest, at: new Date(atMs).toISOString() }));
    },
    clear() {
      entries = [];
    },
  };
}

import type { Logger } from 'pino';
import type { EmulatorClock } from './emulator-clock.js';
import type { FaultBook } from './faults.js';
import type { RequestJournal } from './journal.js';
import type { RateLimiter } from './rate-limit.js';
import type { EmulatorState, Meeting, Seed, StateSnapshot } from './state.js';
import type { WebhookDispatcher } from './webhook-delivery.js';

export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
}

/** What every route and rule of the emulator works with; one per running emulator (no module-level state). */
export interface EmulatorContext {
  /** Replaced wholesale by reset and PUT /state; always read through the context. */
  state: EmulatorState;
  clock: EmulatorClock;
  log: Logger;
  webhooks: WebhookDispatcher;
  faults: FaultBook;
  journal: RequestJournal;
  rateLimiter: RateLimiter;
  /**
   * Read-after-write lag (emulator-clock ms, 0 = off): meetings created and participants joined this recently are not
   * yet visible to REST reads, as Webex's REST resources trail their webhooks (docs/webex-contract.md §5.2).
   */
  readLag: { ms: number };
  tokenLifetimes: TokenLifetimes;
  /** Public base URLs, known once the servers listen. */
  urls: { baseUrl: string; controlUrl: string; pagesUrl: string };
  /** Called after every change that should reach `--state FILE`. */
  onChange: () => void;
  /** Serialized meeting views by meeting id (see seriesJson), bounded: oldest entries leave first. */
  viewCache: Map<string, { key: string; json: string; meeting: Meeting }>;
  /** Back to the freshly seeded sandbox (same credentials), clearing faults, journal and deliveries. */
  reset: () => void;
  exportState: () => StateSnapshot;
  importState: (snapshot: StateSnapshot) => void;
  seed: () => Seed;
}

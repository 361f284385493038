import type { PendingEvent } from '../events-out/pending-event.js';
import type { Visit, VisitChanges } from './visit.js';

export interface VisitListFilter {
  /** null: every tenant's visits (operators only, through the admin API). */
  tenantId: string | null;
  status?: string | undefined;
  externalId?: string | undefined;
  orgId?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  /** Keyset cursor: visits strictly after (startAt, id). */
  after?: { startAt: number; id: string } | undefined;
  limit: number;
}

/** Reading and moving stored visits (the API's view of them, the join broker, the sweeps). */
export interface VisitStore {
  /** Tenant first: no cross-tenant reads. Reservations (`creating`) are returned too; callers hide them. */
  find(tenantId: string, visitId: string): Promise<Visit | undefined>;
  /** For the join broker and meeting events, which are not tenant requests. */
  findById(visitId: string): Promise<Visit | undefined>;
  /** The tenant's (or, with tenantId null, every tenant's) visits (never reservations), ordered by (startAt, id). */
  list(filter: VisitListFilter): Promise<Visit[]>;
  /** `events` are stored in the same transaction, only when the visit moved. Compare-and-set when `from` is given: false when the visit was not in one of `from` (someone moved it first). */
  update(visitId: string, changes: VisitChanges, from?: readonly string[], events?: readonly PendingEvent[]): Promise<boolean>;
}

import type { Migration, MigrationProvider } from 'kysely';
import * as orgs from './2026-11-25-001-orgs.js';
import * as visits from './2026-11-25-002-visits.js';
import * as orgEventOrder from './2026-11-25-003-org-event-order.js';
import * as orgWebhooksProblem from './2026-11-25-004-org-webhooks-problem.js';
import * as visitStartHolds from './2026-11-25-005-visit-start-holds.js';
import * as eventOutbox from './2026-11-25-006-event-outbox.js';
import * as visitMedia from './2026-11-25-007-visit-media.js';
import * as outboxOrderKey from './2026-12-02-harden-001-outbox-order-key.js';
import * as tenantBrands from './2026-12-02-lead-001-tenant-brands.js';
import * as adminKeyExpiryAndDeferrals from './2026-12-02-admin-001-key-expiry-and-deferrals.js';
import * as perfReadIndexes from './2026-12-02-perf-001-read-indexes.js';

/**
 * Every migration, in order, in code (no directory scanning: works the same from src/ under tsx,
 * from dist/, and bundled). Names sort in the order they run. Parallel work names its files `<date>-<author>-NNN-<what>` so two branches never collide.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-orgs': orgs,
  '2026-11-25-002-visits': visits,
  '2026-11-25-003-org-event-order': orgEventOrder,
  '2026-11-25-004-org-webhooks-problem': orgWebhooksProblem,
  '2026-11-25-005-visit-start-holds': visitStartHolds,
  '2026-11-25-006-event-outbox': eventOutbox,
  '2026-11-25-007-visit-media': visitMedia,
  '2026-12-02-harden-001-outbox-order-key': outboxOrderKey,
  '2026-12-02-lead-001-tenant-brands': tenantBrands,
  '2026-12-02-admin-001-key-expiry-and-deferrals': adminKeyExpiryAndDeferrals,
  '2026-12-02-perf-001-read-indexes': perfReadIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

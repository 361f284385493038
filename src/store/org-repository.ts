import type { Kysely, Selectable } from 'kysely';
import type { OrgStatus } from '../core/orgs/org.js';
import type { OrgRecord, OrgStore, OrgWebhookStore } from '../core/orgs/org-store.js';
import { claimOrgEventOrder, findOrgRow, listOrgRows, markOrgWebhooksRegistered, setOrgStatus, setOrgWebhooksProblem, upsertAuthorizedOrg } from './org-store.js';
import { insertOutboxEvents } from './outbox-repository.js';
import type { Database } from './schema.js';
import type { OrgsTable } from './schema-orgs.js';

export type OrgRepository = OrgStore & OrgWebhookStore;

/** The orgs table, for core's OrgStore and OrgWebhookStore (over the row functions of org-store.ts). */
export function createOrgRepository(db: Kysely<Database>): OrgRepository {
  return {
    find: async (orgId) => {
      const row = await findOrgRow(db, orgId);
      return row && toOrgRecord(row);
    },
    list: async (orgIds) => (await listOrgRows(db, orgIds)).map(toOrgRecord),
    recordAuthorization: async (org, now, events = []) => {
      if (events.length === 0) return upsertAuthorizedOrg(db, org, now);
      await db.transaction().execute(async (trx) => {
        await upsertAuthorizedOrg(trx, org, now);
        await insertOutboxEvents(trx, events);
      });
    },
    setStatus: async (orgId, status, reason, now, from, events = []) => {
      if (events.length === 0) return setOrgStatus(db, orgId, status, reason, now, from);
      return db.transaction().execute(async (trx) => {
        const moved = await setOrgStatus(trx, orgId, status, reason, now, from);
        if (moved) await insertOutboxEvents(trx, events);
        return moved;
      });
    },
    claimEventOrder: (orgId, receivedAt) => claimOrgEventOrder(db, orgId, receivedAt),
    markWebhooksRegistered: (orgId, now) => markOrgWebhooksRegistered(db, orgId, now),
    setWebhooksProblem: (orgId, problem, now) => setOrgWebhooksProblem(db, orgId, problem, now),
  };
}

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

function toOrgRecord(row: Selectable<OrgsTable>): OrgRecord {
  return {
    id: row.id,
    // Only g2g writes this column, always one of ORG_STATUSES.
    status: row.status as OrgStatus,
    siteUrl: row.site_url,
    scopes: parseScopes(row.scopes),
    authorizedAt: numOrNull(row.authorized_at),
    statusReason: row.status_reason,
    webhooksRegisteredAt: numOrNull(row.webhooks_registered_at),
    webhooksProblem: row.webhooks_problem,
    lastEventReceivedAt: numOrNull(row.last_event_received_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function parseScopes(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

import type { Secret } from '../../secret.js';
import { isWebexApiError, type WebexClient } from '../../webex/index.js';
import { ensureWebhooksSettled } from './ensure-webhooks.js';
import type { OrgWebhookStore } from './org-store.js';
import { planMeetingWebhooks, type WebhookGap } from './plan-meeting-webhooks.js';

export interface MeetingWebhooksResult {
  created: number;
  updated: number;
  /** Webhooks the scopes do not allow (not attempted). */
  gaps: WebhookGap[];
  /** Why some allowed webhooks are missing (Webex refused or failed), or null when all are in place. */
  problem: string | null;
}

/**
 * Registers the meeting webhooks the org's scopes allow and records the outcome on the org.
 * A Webex error (a 5xx, a timeout, a 403 Webex disagrees with us on) is recorded as the org's
 * webhooks problem for the reconcile pass to retry, never thrown: scheduling works without webhooks,
 * so it must not keep the org from being ready. Errors that are not Webex's (the org's token is
 * gone, the database failed) are thrown.
 */
export async function registerMeetingWebhooks(deps: {
  orgStore: OrgWebhookStore;
  orgId: string;
  scopes: readonly string[];
  client: WebexClient;
  targetUrl: string;
  secret: Secret;
  now: () => number;
}): Promise<MeetingWebhooksResult> {
  const { wanted, gaps } = planMeetingWebhooks(deps.scopes);
  let problem: string | null;
  let created = 0;
  let updated = 0;
  try {
    const result = await ensureWebhooksSettled(deps.client, wanted, deps.targetUrl, deps.secret);
    created = result.created;
    updated = result.updated;
    problem = result.failures.length === 0 ? null : result.failures.map((f) => `${f.webhook.resource}:${f.webhook.event}: ${describeWebexError(f.error)}`).join('; ');
    const unexpected = result.failures.find((f) => !isWebexApiError(f.error));
    if (unexpected !== undefined) throw unexpected.error;
  } catch (error) {
    if (!isWebexApiError(error)) throw error;
    problem = `listing webhooks: ${describeWebexError(error)}`;
  }
  if (problem === null) await deps.orgStore.markWebhooksRegistered(deps.orgId, deps.now());
  else await deps.orgStore.setWebhooksProblem(deps.orgId, problem, deps.now());
  return { created, updated, gaps, problem };
}

/** Code, status and Webex's message (which the client already stripped of secrets); never the request. */
function describeWebexError(error: unknown): string {
  if (!isWebexApiError(error)) return error instanceof Error ? error.name : 'unknown error';
  return `${error.code}${error.status ? ` ${error.status}` : ''}${error.webexMessage ? ` (${error.webexMessage})` : ''}`;
}

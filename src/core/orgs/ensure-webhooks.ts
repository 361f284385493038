import type { Secret } from '../../secret.js';
import type { CreateWebhookBody, Webhook, WebexClient } from '../../webex/index.js';

export interface WantedWebhook {
  name: string;
  resource: CreateWebhookBody['resource'];
  event: CreateWebhookBody['event'];
  filter?: string;
}

export function serviceAppWebhooks(applicationId: string): WantedWebhook[] {
  return (['authorized', 'deauthorized'] as const).map((event) => ({
    name: `g2g serviceApp ${event}`,
    resource: 'serviceApp' as const,
    event,
    filter: `id=${applicationId}`,
  }));
}

/**
 * Makes sure each wanted webhook exists at `targetUrl` and is active with our current secret:
 * creates the missing, re-activates disabled ones (Webex disables after 100 failures in 5 minutes),
 * and updates a secret that rotated. Returns how many were created or changed; throws the first
 * failure once every attempt has settled.
 */
export async function ensureWebhooks(
  client: WebexClient,
  wanted: readonly WantedWebhook[],
  targetUrl: string,
  secret: Secret,
  opts: { signal?: AbortSignal } = {},
): Promise<{ created: number; updated: number }> {
  const result = await ensureWebhooksSettled(client, wanted, targetUrl, secret, opts);
  const [first] = result.failures;
  if (first !== undefined) throw first.error;
  return { created: result.created, updated: result.updated };
}

/** A webhook Webex would not create or update, with why. */
export interface WebhookFailure {
  webhook: WantedWebhook;
  error: unknown;
}

/**
 * ensureWebhooks without giving up at the first failure: each wanted webhook is tried, and the ones
 * Webex refused are returned (so the others still get registered). Listing failing throws.
 */
export async function ensureWebhooksSettled(
  client: WebexClient,
  wanted: readonly WantedWebhook[],
  targetUrl: string,
  secret: Secret,
  opts: { signal?: AbortSignal } = {},
): Promise<{ created: number; updated: number; failures: WebhookFailure[] }> {
  if (wanted.length === 0) return { created: 0, updated: 0, failures: [] };
  const existing: Webhook[] = [];
  for await (const hook of client.webhooks.list({ max: 100 }, opts)) existing.push(hook);
  const outcomes = await Promise.allSettled(
    wanted.map(async (want): Promise<'created' | 'updated' | 'unchanged'> => {
      const found = existing.find((h) => h.targetUrl === targetUrl && h.resource === want.resource && h.event === want.event);
      if (found === undefined) {
        await client.webhooks.create(
          { name: want.name, targetUrl, resource: want.resource, event: want.event, secret: secret.reveal(), ...(want.filter !== undefined ? { filter: want.filter } : {}) },
          opts,
        );
        return 'created';
      }
      const secretChanged = found.secret !== undefined && found.secret !== secret.reveal();
      if (found.status !== 'active' || secretChanged) {
        await client.webhooks.update(found.id, { name: found.name, targetUrl, secret: secret.reveal(), status: 'active' }, opts);
        return 'updated';
      }
      return 'unchanged';
    }),
  );
  const failures: WebhookFailure[] = [];
  let created = 0;
  let updated = 0;
  outcomes.forEach((o, i) => {
    if (o.status === 'rejected') failures.push({ webhook: wanted[i] as WantedWebhook, error: o.reason });
    else if (o.value === 'created') created += 1;
    else if (o.value === 'updated') updated += 1;
  });
  return { created, updated, failures };
}

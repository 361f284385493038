import type { Secret } from '../../secret.js';
import type { CreateWebhookBody, Webhook, WebexClient } from '../../webex/index.js';

export interface WantedWebhook {
  name: string;
  resource: CreateWebhookBody['resource'];
  event: CreateWebhookBody['event'];
  filter?: string;
}

/** g2g's meeting webhooks per org (api-notes 5.2: `all` does not cover started/ended/joined/left, so one each). */
export const MEETING_WEBHOOKS: readonly WantedWebhook[] = [
  ...(['created', 'updated', 'deleted', 'started', 'ended'] as const).map((event) => ({ name: `g2g meetings ${event}`, resource: 'meetings' as const, event })),
  ...(['joined', 'left'] as const).map((event) => ({ name: `g2g meetingParticipants ${event}`, resource: 'meetingParticipants' as const, event })),
];

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
 * and updates a secret that rotated. Returns how many were created or changed.
 */
export async function ensureWebhooks(
  client: WebexClient,
  wanted: readonly WantedWebhook[],
  targetUrl: string,
  secret: Secret,
  opts: { signal?: AbortSignal } = {},
): Promise<{ created: number; updated: number }> {
  const existing: Webhook[] = [];
  for await (const hook of client.webhooks.list({ max: 100 }, opts)) existing.push(hook);
  let created = 0;
  let updated = 0;
  await Promise.all(
    wanted.map(async (want) => {
      const found = existing.find((h) => h.targetUrl === targetUrl && h.resource === want.resource && h.event === want.event);
      if (found === undefined) {
        await client.webhooks.create(
          { name: want.name, targetUrl, resource: want.resource, event: want.event, secret: secret.reveal(), ...(want.filter !== undefined ? { filter: want.filter } : {}) },
          opts,
        );
        created += 1;
        return;
      }
      const secretChanged = found.secret !== undefined && found.secret !== secret.reveal();
      if (found.status !== 'active' || secretChanged) {
        await client.webhooks.update(found.id, { name: found.name, targetUrl, secret: secret.reveal(), status: 'active' }, opts);
        updated += 1;
      }
    }),
  );
  return { created, updated };
}

import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The Webex webhook delivery envelope (docs/webex-contract.md §5.2). Unknown fields pass through untouched. */
export const webhookEnvelopeSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  resource: z.string().min(1),
  event: z.string().min(1),
  filter: z.string().optional(),
  orgId: z.string().optional(),
  createdBy: z.string().optional(),
  appId: z.string().optional(),
  ownedBy: z.string().optional(),
  status: z.string().optional(),
  actorId: z.string().optional(),
  created: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

export type InboundWebhook = z.infer<typeof webhookEnvelopeSchema>;

/**
 * Webex signs no timestamp and may redeliver: this content key is our only replay guard.
 * The same event sent to two of our webhooks (or twice to one) has the same key; a later,
 * different event about the same object differs in its data (state, times).
 */
export function webhookDedupeKey(envelope: InboundWebhook): string {
  const hash = createHash('sha256').update(JSON.stringify({ orgId: envelope.orgId ?? null, data: envelope.data })).digest('hex');
  return `${envelope.resource}:${envelope.event}:${hash}`;
}

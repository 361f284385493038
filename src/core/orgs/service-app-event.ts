import type { InboundWebhook } from '../webhooks/webhook-envelope.js';

/** What g2g reads from a `serviceApp` authorized/deauthorized delivery (docs/webex-contract.md §5.3: field names vary, so accept the known spellings). */
export interface ServiceAppEvent {
  kind: 'authorized' | 'deauthorized';
  applicationId: string | undefined;
  orgId: string;
  scopes: string[];
  siteUrls: string[];
  authorizedAt: number | undefined;
}

/** Pure: reads the envelope; undefined when it is not a serviceApp event we can act on. */
export function readServiceAppEvent(envelope: InboundWebhook): ServiceAppEvent | undefined {
  if (envelope.resource !== 'serviceApp') return undefined;
  if (envelope.event !== 'authorized' && envelope.event !== 'deauthorized') return undefined;
  const data = envelope.data;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const orgId = text(data['orgId']) ?? text(data['authorizerOrgId']) ?? text(envelope.orgId);
  if (orgId === undefined) return undefined;
  const list = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : [];
  const date = text(data['authorizationDate']);
  const parsedDate = date === undefined ? undefined : Date.parse(date);
  return {
    kind: envelope.event,
    applicationId: text(data['id']) ?? text(data['applicationId']),
    orgId,
    scopes: list(data['scopes'] ?? data['scope']),
    siteUrls: list(data['siteUrls'] ?? data['sites'] ?? data['siteUrl']),
    authorizedAt: parsedDate !== undefined && Number.isFinite(parsedDate) ? parsedDate : undefined,
  };
}

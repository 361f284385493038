import type { OrgEvents } from '../orgs/org-events.js';
import type { G2GEvents } from '../visits/visit-events.js';

/** The events g2g POSTs to G2G_EVENTS_URL. */
export const OUTBOUND_EVENT_TYPES = [
  'visit.scheduled',
  'visit.started',
  'visit.ended',
  'visit.cancelled',
  'visit.missed',
  'participant.joined',
  'participant.left',
  'capacity.exhausted',
  'org.authorized',
  'org.deauthorized',
  'org.needs_reauth',
] as const satisfies readonly (keyof G2GEvents | keyof OrgEvents)[];

export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];
export type OutboundSource = G2GEvents & OrgEvents;

/** The body POSTed: `{ id, type, occurredAt, data }`. */
export interface OutboundEventBody {
  id: string;
  type: OutboundEventType;
  occurredAt: string;
  data: Record<string, string | number | boolean | null | string[]>;
}

const VISIT_STATUS: Partial<Record<OutboundEventType, string>> = {
  'visit.scheduled': 'scheduled',
  'visit.started': 'in_progress',
  'visit.ended': 'ended',
  'visit.cancelled': 'cancelled',
  'visit.missed': 'missed',
};

/**
 * Picks what leaves g2g, field by field (an allow-list, not a spread): ids, states and counts only. A new field
 * added to an in-process event never reaches the company's endpoint by accident, and join links, join codes,
 * guest tokens, display names and free-text reasons stay inside.
 */
export function outboundData<K extends OutboundEventType>(type: K, payload: OutboundSource[K]): { data: OutboundEventBody['data']; at: number | undefined } {
  const p = payload as Partial<Record<string, unknown>>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : null);
  const at = typeof p['at'] === 'number' ? (p['at'] as number) : undefined;
  if (type.startsWith('org.')) {
    const data: OutboundEventBody['data'] = { orgId: str('orgId') };
    if (type === 'org.authorized') {
      data['siteUrl'] = str('siteUrl');
      data['scopes'] = Array.isArray(p['scopes']) ? (p['scopes'] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    }
    data['status'] = type === 'org.authorized' ? 'authorized' : type === 'org.deauthorized' ? 'deauthorized' : 'needs_reauth';
    return { data, at };
  }
  const data: OutboundEventBody['data'] = { visitId: str('visitId'), tenantId: str('tenantId'), orgId: str('orgId'), externalId: str('externalId') };
  const status = VISIT_STATUS[type];
  if (status !== undefined) data['status'] = status;
  if (type === 'visit.scheduled' || type === 'visit.started' || type === 'visit.ended') data['meetingId'] = str('meetingId');
  if (type === 'visit.scheduled') {
    data['start'] = str('start');
    data['end'] = str('end');
  }
  if (type === 'visit.cancelled') data['by'] = str('by');
  if (type === 'participant.joined' || type === 'participant.left') {
    data['participantId'] = str('participantId');
    data['role'] = str('role');
  }
  if (type === 'capacity.exhausted') {
    data['inProgress'] = num('inProgress');
    data['starting'] = num('starting');
    data['licensed'] = num('licensed');
  }
  return { data, at };
}

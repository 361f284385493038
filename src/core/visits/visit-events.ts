/** What g2g tells the company's app, typed so an unknown event name fails to compile. */
export interface VisitEventBase {
  visitId: string;
  tenantId: string;
  orgId: string;
  externalId: string | null;
  /** Epoch ms of the fact (from Webex when it said, else g2g's clock). */
  at: number;
}

export interface G2GEvents {
  'visit.scheduled': VisitEventBase & { start: string; end: string; meetingId: string | null };
  'visit.started': VisitEventBase & { meetingId: string | null };
  'visit.ended': VisitEventBase & { meetingId: string | null };
  'visit.cancelled': VisitEventBase & { by: 'api' | 'webex' };
  'visit.missed': VisitEventBase;
  'participant.joined': VisitEventBase & { participantId: string; displayName: string; role: string };
  'participant.left': VisitEventBase & { participantId: string; displayName: string; role: string };
  /**
   * A guest opened a link of a visit whose meeting is not running while every license of the org is in use: g2g
   * showed a waiting page instead of Webex's license error. Sent at most once a minute per visit while guests wait.
   * `inProgress`: meetings running; `starting`: meetings let through to start but not seen running yet.
   */
  'capacity.exhausted': VisitEventBase & { inProgress: number; starting: number; licensed: number };
  /** A handler threw: never swallowed, surfaced here and in the log. */
  error: { event: string; error: unknown };
}

export type G2GEventName = keyof G2GEvents;

/** Every name of G2GEvents, for routing by name at run time; checked both ways at compile time so it cannot drift. */
export const G2G_EVENT_NAMES = [
  'visit.scheduled',
  'visit.started',
  'visit.ended',
  'visit.cancelled',
  'visit.missed',
  'participant.joined',
  'participant.left',
  'capacity.exhausted',
  'error',
] as const satisfies readonly G2GEventName[];
const _everyEventNamed: Exclude<G2GEventName, (typeof G2G_EVENT_NAMES)[number]> extends never ? true : never = true;
export type G2GEventHandler<K extends G2GEventName> = (payload: G2GEvents[K]) => void | Promise<void>;

export interface VisitEventHub {
  on<K extends G2GEventName>(name: K, handler: G2GEventHandler<K>): () => void;
  emit<K extends G2GEventName>(name: K, payload: G2GEvents[K]): void;
}

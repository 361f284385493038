import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { pendingEvents, type EventRecorder } from '../events-out/pending-event.js';
import type { EventSink } from '../typed-emitter.js';
import type { OrgEvents } from './org-events.js';
import type { OrgStore } from './org-store.js';

/** Webex refused the org's refresh token: a ready or pending org becomes `needs_reauth`, once (logged, emitted, and its outbound event stored with the move). */
export async function markNeedsReauth(
  deps: { orgStore: Pick<OrgStore, 'setStatus'>; clock: Clock; log: Logger; events: EventSink<Pick<OrgEvents, 'org.needs_reauth'>>; outbox?: EventRecorder | undefined },
  orgId: string,
  reason: string,
): Promise<void> {
  if (await deps.orgStore.setStatus(orgId, 'needs_reauth', reason, deps.clock.now(), ['ready', 'pending'], pendingEvents(deps.outbox, 'org.needs_reauth', { orgId, reason }))) {
    deps.log.warn({ orgId, reason }, 'org needs re-authorization');
    deps.events.emit('org.needs_reauth', { orgId, reason });
  }
}

import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import { setOrgStatus } from '../../store/org-store.js';
import type { Database } from '../../store/schema.js';
import type { Clock } from '../clock.js';
import type { EventSink } from '../typed-emitter.js';
import type { OrgEvents } from './org-events.js';

/** Webex refused the org's refresh token: a ready or pending org becomes `needs_reauth`, once (logged and emitted). */
export async function markNeedsReauth(
  deps: { db: Kysely<Database>; clock: Clock; log: Logger; events: EventSink<Pick<OrgEvents, 'org.needs_reauth'>> },
  orgId: string,
  reason: string,
): Promise<void> {
  if (await setOrgStatus(deps.db, orgId, 'needs_reauth', reason, deps.clock.now(), ['ready', 'pending'])) {
    deps.log.warn({ orgId, reason }, 'org needs re-authorization');
    deps.events.emit('org.needs_reauth', { orgId, reason });
  }
}

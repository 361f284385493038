import type { Clock } from '../clock.js';
import type { InboundWebhook } from './webhook-envelope.js';

/** What g2g stored of a meeting it just created. */
export interface CreatedMeeting {
  meetingId: string;
  startAt: number;
  endAt: number;
  state: string | null;
}

/**
 * The `meetings:created` webhook Webex sends for every meeting g2g itself creates carries nothing g2g does not
 * already hold. This remembers each meeting this instance just created (for `ttlMs`, at most `max`), so the inbox
 * can answer that echo without storing or working it (docs/performance.md §3). An echo that says anything new (other
 * times or state, a missed meeting, an instance) is not one, and goes through the inbox like any event.
 */
export interface OwnMeetingEchoes {
  remember(meeting: CreatedMeeting): void;
  /** True once per remembered meeting, for its created echo when that repeats what was stored. */
  isEcho(envelope: InboundWebhook): boolean;
}

export function createOwnMeetingEchoes(opts: { clock: Clock; ttlMs?: number; max?: number }): OwnMeetingEchoes {
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const max = opts.max ?? 10_000;
  const recent = new Map<string, CreatedMeeting & { until: number }>();
  return {
    remember(meeting) {
      recent.set(meeting.meetingId, { ...meeting, until: opts.clock.now() + ttlMs });
      if (recent.size > max) {
        const oldest = recent.keys().next();
        if (oldest.done !== true) recent.delete(oldest.value);
      }
    },
    isEcho(envelope) {
      if (envelope.resource !== 'meetings' || envelope.event !== 'created') return false;
      const { id, state, start, end, meetingType } = envelope.data;
      if (typeof id !== 'string') return false;
      const known = recent.get(id);
      if (known === undefined) return false;
      recent.delete(id);
      if (known.until < opts.clock.now() || meetingType === 'meeting' || id.includes('_I_')) return false;
      // The same test as the meetings handler's "nothing new": times that both parse and differ, or another state.
      const startAt = typeof start === 'string' ? Date.parse(start) : Number.NaN;
      const endAt = typeof end === 'string' ? Date.parse(end) : Number.NaN;
      const moved = !Number.isNaN(startAt) && !Number.isNaN(endAt) && (startAt !== known.startAt || endAt !== known.endAt);
      const sameState = state === undefined || state === known.state;
      return !moved && sameState && state !== 'missed';
    },
  };
}

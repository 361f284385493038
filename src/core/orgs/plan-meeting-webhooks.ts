import type { WantedWebhook } from './ensure-webhooks.js';

/** A meeting webhook g2g cannot register because the org did not grant the read scope it needs. */
export interface WebhookGap {
  resource: 'meetings' | 'meetingParticipants' | 'recordings' | 'meetingTranscripts';
  /** The scope to ask for (the user-level one; the org-level alternatives work too). */
  grant: string;
  /** What the org loses, for the org answer and preflight. */
  effect: string;
}

interface ResourceNeed {
  /** Any one of these lets a token register the resource's webhooks (docs/webex-contract.md §5.1: the read scope, user or org level). */
  anyOf: readonly string[];
  grant: string;
  effect: string;
}

const NEEDS: Record<WebhookGap['resource'], ResourceNeed> = {
  meetings: {
    anyOf: ['meeting:schedules_read', 'meeting:admin_schedule_read', 'spark-compliance:meetings_read'],
    grant: 'meeting:schedules_read',
    effect: "meeting starts, ends and changes made in Webex won't be tracked (visits stay scheduled, then show as missed)",
  },
  meetingParticipants: {
    anyOf: ['meeting:participants_read', 'meeting:admin_participants_read'],
    grant: 'meeting:participants_read',
    effect: "participant joins/leaves won't be tracked",
  },
  recordings: {
    anyOf: ['meeting:recordings_read', 'meeting:admin_recordings_read'],
    grant: 'meeting:recordings_read',
    effect: "recordings of visits with record: true won't be listed",
  },
  meetingTranscripts: {
    anyOf: ['meeting:transcripts_read', 'meeting:admin_transcripts_read'],
    grant: 'meeting:transcripts_read',
    effect: "transcripts of visits with record: true won't be available",
  },
};

/** g2g's meeting webhooks per org (docs/webex-contract.md §5.2: `all` does not cover started/ended/joined/left, so one each). */
export const MEETING_WEBHOOKS: readonly (WantedWebhook & { resource: WebhookGap['resource'] })[] = [
  ...(['created', 'updated', 'deleted', 'started', 'ended'] as const).map((event) => ({ name: `g2g meetings ${event}`, resource: 'meetings' as const, event })),
  ...(['joined', 'left'] as const).map((event) => ({ name: `g2g meetingParticipants ${event}`, resource: 'meetingParticipants' as const, event })),
  // Sent when a recorded meeting's recording / transcript is ready (docs/webex-contract.md §5.2 and 8).
  { name: 'g2g recordings created', resource: 'recordings' as const, event: 'created' as const },
  { name: 'g2g meetingTranscripts created', resource: 'meetingTranscripts' as const, event: 'created' as const },
];

/**
 * Which of g2g's meeting webhooks the granted scopes allow, and what is lost without the others.
 * Scheduling needs only guest-meeting:rw, so a missing read scope degrades tracking, never the org.
 */
export function planMeetingWebhooks(scopes: readonly string[]): { wanted: WantedWebhook[]; gaps: WebhookGap[] } {
  const allowed = (resource: WebhookGap['resource']) => NEEDS[resource].anyOf.some((s) => scopes.includes(s));
  const gaps = (Object.keys(NEEDS) as WebhookGap['resource'][])
    .filter((resource) => !allowed(resource))
    .map((resource) => ({ resource, grant: NEEDS[resource].grant, effect: NEEDS[resource].effect }));
  return { wanted: MEETING_WEBHOOKS.filter((w) => allowed(w.resource)), gaps };
}

/** "participant joins/leaves won't be tracked: grant meeting:participants_read". */
export function describeGap(gap: WebhookGap): string {
  return `${gap.effect}: grant ${gap.grant}`;
}

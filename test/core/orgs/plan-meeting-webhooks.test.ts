import { describe, expect, it } from 'vitest';
import { describeGap, MEETING_WEBHOOKS, planMeetingWebhooks } from '../../../src/core/orgs/plan-meeting-webhooks.js';

const names = (scopes: string[]) => planMeetingWebhooks(scopes).wanted.map((w) => `${w.resource}:${w.event}`);

describe('planMeetingWebhooks (docs/webex-contract.md §5.1: a webhook needs the read scope of its resource)', () => {
  const ALL_READ = ['guest-meeting:rw', 'meeting:schedules_read', 'meeting:participants_read', 'meeting:recordings_read', 'meeting:transcripts_read'];

  it('wants all nine with the four read scopes, and reports nothing', () => {
    expect(MEETING_WEBHOOKS).toHaveLength(9);
    expect(planMeetingWebhooks(ALL_READ)).toEqual({ wanted: [...MEETING_WEBHOOKS], gaps: [] });
  });

  it('accepts the org-level read scopes as well', () => {
    expect(
      planMeetingWebhooks(['guest-meeting:rw', 'meeting:admin_schedule_read', 'meeting:admin_participants_read', 'meeting:admin_recordings_read', 'meeting:admin_transcripts_read']).gaps,
    ).toEqual([]);
  });

  it('registers recordings and meetingTranscripts created with their read scopes, and says what is lost without them', () => {
    expect(names(ALL_READ).slice(-2)).toEqual(['recordings:created', 'meetingTranscripts:created']);
    const withoutMedia = ['guest-meeting:rw', 'meeting:schedules_read', 'meeting:participants_read'];
    expect(names(withoutMedia)).not.toContain('recordings:created');
    expect(names(withoutMedia)).not.toContain('meetingTranscripts:created');
    expect(planMeetingWebhooks(withoutMedia).gaps.map((g) => g.grant)).toEqual(['meeting:recordings_read', 'meeting:transcripts_read']);
    expect(names([...withoutMedia, 'meeting:transcripts_read']).at(-1)).toBe('meetingTranscripts:created');
  });

  it('drops the participant webhooks without meeting:participants_read and says what is lost', () => {
    const scopes = ['guest-meeting:rw', 'meeting:schedules_read', 'meeting:recordings_read', 'meeting:transcripts_read'];
    const plan = planMeetingWebhooks(scopes);
    expect(names(scopes)).toEqual(['meetings:created', 'meetings:updated', 'meetings:deleted', 'meetings:started', 'meetings:ended', 'recordings:created', 'meetingTranscripts:created']);
    expect(plan.gaps.map(describeGap)).toEqual(["participant joins/leaves won't be tracked: grant meeting:participants_read"]);
  });

  it('drops the meeting webhooks without a schedules read scope (guest-meeting:rw is not one in 5.1)', () => {
    expect(names(['guest-meeting:rw', 'meeting:participants_read'])).toEqual(['meetingParticipants:joined', 'meetingParticipants:left']);
    expect(planMeetingWebhooks(['guest-meeting:rw']).gaps.map((g) => g.grant)).toEqual([
      'meeting:schedules_read',
      'meeting:participants_read',
      'meeting:recordings_read',
      'meeting:transcripts_read',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeGap, MEETING_WEBHOOKS, planMeetingWebhooks } from '../../../src/core/orgs/plan-meeting-webhooks.js';

const names = (scopes: string[]) => planMeetingWebhooks(scopes).wanted.map((w) => `${w.resource}:${w.event}`);

describe('planMeetingWebhooks (api-notes 5.1: a webhook needs the read scope of its resource)', () => {
  it('wants all seven with both read scopes, and reports nothing', () => {
    expect(planMeetingWebhooks(['guest-meeting:rw', 'meeting:schedules_read', 'meeting:participants_read'])).toEqual({ wanted: [...MEETING_WEBHOOKS], gaps: [] });
  });

  it('accepts the org-level read scopes as well', () => {
    expect(planMeetingWebhooks(['guest-meeting:rw', 'meeting:admin_schedule_read', 'meeting:admin_participants_read']).gaps).toEqual([]);
  });

  it('drops the participant webhooks without meeting:participants_read and says what is lost', () => {
    const plan = planMeetingWebhooks(['guest-meeting:rw', 'meeting:schedules_read']);
    expect(names(['guest-meeting:rw', 'meeting:schedules_read'])).toEqual(['meetings:created', 'meetings:updated', 'meetings:deleted', 'meetings:started', 'meetings:ended']);
    expect(plan.gaps.map(describeGap)).toEqual(["participant joins/leaves won't be tracked: grant meeting:participants_read"]);
  });

  it('drops the meeting webhooks without a schedules read scope (guest-meeting:rw is not one in 5.1)', () => {
    expect(names(['guest-meeting:rw', 'meeting:participants_read'])).toEqual(['meetingParticipants:joined', 'meetingParticipants:left']);
    expect(planMeetingWebhooks(['guest-meeting:rw']).gaps.map((g) => g.grant)).toEqual(['meeting:schedules_read', 'meeting:participants_read']);
  });
});

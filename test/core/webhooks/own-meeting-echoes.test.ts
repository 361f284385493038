import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/clock.js';
import { createOwnMeetingEchoes } from '../../../src/core/webhooks/own-meeting-echoes.js';
import type { InboundWebhook } from '../../../src/core/webhooks/webhook-envelope.js';

const START = Date.UTC(2026, 11, 3, 9, 0, 0);
const END = START + 30 * 60_000;
const created = (data: Record<string, unknown>, event = 'created'): InboundWebhook => ({ resource: 'meetings', event, orgId: 'org-1', data });
const same = { id: 'm1', state: 'active', start: new Date(START).toISOString(), end: new Date(END).toISOString(), meetingType: 'meetingSeries' };

describe('createOwnMeetingEchoes', () => {
  const setup = () => {
    const clock = createManualClock();
    const echoes = createOwnMeetingEchoes({ clock, ttlMs: 60_000, max: 2 });
    echoes.remember({ meetingId: 'm1', startAt: START, endAt: END, state: 'active' });
    return { clock, echoes };
  };

  it('recognizes the created echo of a meeting it remembers, once', () => {
    const { echoes } = setup();
    expect(echoes.isEcho(created(same))).toBe(true);
    expect(echoes.isEcho(created(same))).toBe(false); // a redelivery goes through the inbox (a no-op there)
  });

  it('lets through anything that says something new, or is not the echo', () => {
    const cases: InboundWebhook[] = [
      created({ ...same, start: new Date(START + 60_000).toISOString() }), // moved in Webex meanwhile
      created({ ...same, state: 'inProgress' }),
      created({ ...same, state: 'missed' }),
      created({ ...same, meetingType: 'meeting' }), // an instance
      created({ ...same, id: 'm1_I_1' }),
      created(same, 'updated'),
      { ...created(same), resource: 'meetingParticipants' },
      created({ ...same, id: 'unknown' }),
    ];
    for (const envelope of cases) {
      const { echoes } = setup();
      expect(echoes.isEcho(envelope), JSON.stringify(envelope)).toBe(false);
    }
  });

  it('forgets after its time to live and past its size', () => {
    const { clock, echoes } = setup();
    clock.advance(60_001);
    expect(echoes.isEcho(created(same))).toBe(false);
    const { echoes: full } = setup();
    full.remember({ meetingId: 'm2', startAt: START, endAt: END, state: 'active' });
    full.remember({ meetingId: 'm3', startAt: START, endAt: END, state: 'active' }); // m1 goes
    expect(full.isEcho(created(same))).toBe(false);
    expect(full.isEcho(created({ ...same, id: 'm3' }))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createVisitMediaEvents } from '../../src/core/visit-media-events.js';
import { createLogger } from '../../src/logger.js';
import { listVisitMedia } from '../../src/store/visit-media-store.js';
import { reserveVisit } from '../../src/store/visit-store.js';
import { testDatabases } from '../support/databases.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const SERIES = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const recording = (over: Record<string, unknown> = {}) => ({
  resource: 'recordings',
  event: 'created',
  data: {
    id: 'rec1',
    meetingId: `${SERIES}_I_1234`,
    scheduledMeetingId: `${SERIES}_20261125T090000Z`,
    createTime: '2026-11-25T09:31:00Z',
    downloadUrl: 'https://site.webex.com/recordingservice/download/rec1',
    playbackUrl: 'https://site.webex.com/recordingservice/playback/rec1',
    password: 'Secret123',
    ...over,
  },
});

describe.each(testDatabases())('visit media events on $name', (database) => {
  it('attaches recordings and transcripts by instance or scheduled id, once, storing ids and times only', async () => {
    const db = await database.open();
    const clock = createManualClock(T0 + 3_600_000);
    await reserveVisit(db, {
      id: 'vis_1', tenant_id: 't', org_id: 'o', status: 'ended', title: 'T', start_at: T0, end_at: T0 + 1_800_000, duration_minutes: 30,
      hostless: 1, space: 0, adhoc: 0, persistent_guests: 0, external_id: null, idempotency_key: null, request_hash: 'h', created_at: T0, updated_at: T0, meeting_id: SERIES,
    });
    const events = createVisitMediaEvents({ db, clock, log: createLogger({ level: 'silent' }) });

    await events.onRecording(recording());
    await events.onRecording(recording()); // redelivered
    // No meetingId / series: the scheduled occurrence id alone finds the visit.
    await events.onTranscript({ resource: 'meetingTranscripts', event: 'created', data: { id: 'tr1', scheduledMeetingId: `${SERIES}_20261125T090000Z`, startTime: '2026-11-25T09:00:30Z', vttDownloadLink: 'https://x/vtt' } });
    // Not a g2g meeting, another event, no id: ignored.
    await events.onRecording(recording({ id: 'rec2', meetingId: 'ffff_I_1', scheduledMeetingId: undefined }));
    await events.onRecording({ ...recording({ id: 'rec3' }), event: 'deleted' });
    await events.onRecording({ resource: 'recordings', event: 'created', data: { meetingId: `${SERIES}_I_1` } });

    const recordings = await listVisitMedia(db, 'vis_1', 'recording');
    expect(recordings).toEqual([
      { id: 'rec1', visit_id: 'vis_1', kind: 'recording', meeting_instance_id: `${SERIES}_I_1234`, recorded_at: Date.parse('2026-11-25T09:31:00Z'), created_at: T0 + 3_600_000 },
    ]);
    expect((await listVisitMedia(db, 'vis_1', 'transcript')).map((t) => [t.id, t.recorded_at])).toEqual([['tr1', Date.parse('2026-11-25T09:00:30Z')]]);
    const all = await db.selectFrom('visit_media').selectAll().execute();
    expect(all).toHaveLength(2);
    expect(JSON.stringify(all)).not.toMatch(/https|Secret123|recordingservice/);
  });
});

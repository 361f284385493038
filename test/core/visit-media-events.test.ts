import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createVisitMediaEvents } from '../../src/core/visit-media-events.js';
import { createLogger } from '../../src/logger.js';
import { createVisitStores } from '../../src/store/visit-stores.js';
import { testDatabases } from '../support/databases.js';
import { aVisit, T0 } from '../support/visit-builders.js';

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
    const stores = createVisitStores(db);
    await stores.reservationStore.reserve(aVisit({ id: 'vis_1', tenantId: 't', orgId: 'o', status: 'ended', endAt: T0 + 1_800_000, meetingId: SERIES }));
    const events = createVisitMediaEvents({ ...stores, clock, log: createLogger({ level: 'silent' }) });

    await events.onRecording(recording());
    await events.onRecording(recording()); // redelivered
    // No meetingId / series: the scheduled occurrence id alone finds the visit.
    await events.onTranscript({ resource: 'meetingTranscripts', event: 'created', data: { id: 'tr1', scheduledMeetingId: `${SERIES}_20261125T090000Z`, startTime: '2026-11-25T09:00:30Z', vttDownloadLink: 'https://x/vtt' } });
    // Not a g2g meeting, another event, no id: ignored.
    await events.onRecording(recording({ id: 'rec2', meetingId: 'ffff_I_1', scheduledMeetingId: undefined }));
    await events.onRecording({ ...recording({ id: 'rec3' }), event: 'deleted' });
    await events.onRecording({ resource: 'recordings', event: 'created', data: { meetingId: `${SERIES}_I_1` } });

    const recordings = await stores.mediaStore.list('vis_1', 'recording');
    expect(recordings).toEqual([
      { id: 'rec1', visitId: 'vis_1', kind: 'recording', meetingInstanceId: `${SERIES}_I_1234`, recordedAt: Date.parse('2026-11-25T09:31:00Z'), createdAt: T0 + 3_600_000 },
    ]);
    expect((await stores.mediaStore.list('vis_1', 'transcript')).map((t) => [t.id, t.recordedAt])).toEqual([['tr1', Date.parse('2026-11-25T09:00:30Z')]]);
    const all = await db.selectFrom('visit_media').selectAll().execute();
    expect(all).toHaveLength(2);
    expect(JSON.stringify(all)).not.toMatch(/https|Secret123|recordingservice/);
  });
});

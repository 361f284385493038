import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { MeetingEventEnvelope } from './meeting-events.js';
import type { VisitDeps } from './visits/visit-deps.js';

// Untrusted until parsed, and only the ids and times: the envelope also carries playback/download links and the
// recording password, which are secrets and must never be stored (they are read fresh from Webex when asked).
const mediaData = z.looseObject({
  id: z.string().min(1),
  meetingId: z.string().optional(),
  scheduledMeetingId: z.string().optional(),
  meetingSeriesId: z.string().optional(),
  createTime: z.string().optional(),
  startTime: z.string().optional(),
});

export interface VisitMediaEvents {
  /** `recordings` created. */
  onRecording(envelope: MeetingEventEnvelope): Promise<void>;
  /** `meetingTranscripts` created. */
  onTranscript(envelope: MeetingEventEnvelope): Promise<void>;
}

type MediaDeps = Pick<VisitDeps, 'meetingVisitStore' | 'mediaStore' | 'clock'> & { log: Logger };

/** Attaches the recordings and transcripts Webex makes of a recorded meeting to its visit (ids and times only). */
export function createVisitMediaEvents(deps: MediaDeps): VisitMediaEvents {
  const log = deps.log.child({ module: 'visit-media-events' });

  async function attach(kind: 'recording' | 'transcript', envelope: MeetingEventEnvelope): Promise<void> {
    if (envelope.event !== 'created') return;
    const parsed = mediaData.safeParse(envelope.data);
    if (!parsed.success) {
      log.warn({ resource: envelope.resource }, 'event without an id ignored');
      return;
    }
    const data = parsed.data;
    // Instance id, scheduled occurrence and series all start with the series id g2g stores (see meeting-events.ts).
    const ids = [data.meetingSeriesId, data.meetingId, data.meetingId && seriesIdOf(data.meetingId), data.scheduledMeetingId && seriesIdOf(data.scheduledMeetingId)];
    const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
    const [visit] = await deps.meetingVisitStore.findByMeetingIds(wanted);
    if (visit === undefined) return; // not a g2g meeting
    const at = Date.parse(data.createTime ?? data.startTime ?? '');
    await deps.mediaStore.add({
      id: data.id,
      visitId: visit.id,
      kind,
      meetingInstanceId: data.meetingId ?? null,
      recordedAt: Number.isNaN(at) ? null : at,
      createdAt: deps.clock.now(),
    });
    log.info({ visitId: visit.id, kind }, 'visit media attached');
  }

  return {
    onRecording: (envelope) => attach('recording', envelope),
    onTranscript: (envelope) => attach('transcript', envelope),
  };
}

function seriesIdOf(id: string): string {
  const cut = id.indexOf('_');
  return cut < 0 ? id : id.slice(0, cut);
}

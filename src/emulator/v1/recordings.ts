import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, authenticate, hasScope, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { invalidItems, notFound } from '../errors.js';
import { recordingView, transcriptView } from '../lifecycle.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, queryOf, responseZone, sendJson, type Query } from '../reply.js';
import type { Recording, Transcript } from '../state.js';
import { formatInZone, parseDateTime } from '../time-zone.js';

const DAY = 24 * 60 * 60_000;

/** /v1/recordings and /v1/meetingTranscripts (docs/webex-contract.md §8): made when a meeting with auto-record on ends. */
export function registerRecordingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const visible = (who: Principal, item: { hostUserId: string; orgId: string }, adminScope: string) =>
    item.hostUserId === who.person.id || (item.orgId === who.person.orgId && hasScope(who, [adminScope]));

  app.get('/v1/recordings', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.recordingsRead);
    const query = queryOf(request);
    const max = parseMax(query.max, 10, 100);
    const cursor = parseCursor(query.cursor);
    const zone = responseZone(request);
    const { from, to } = window(query, ctx.clock.now());
    const meetingFilter = meetingIdFilter(query.meetingId);
    if (query.format !== undefined && !['MP4', 'ARF'].includes(query.format)) throw invalidItems("'format' must be MP4 or ARF");
    if (query.status !== undefined && !['available', 'deleted', 'purged'].includes(query.status)) throw invalidItems("'status' must be available, deleted or purged");
    const page = pageThrough([...ctx.state.recordings.keys()], cursor, max, (id) => {
      const r = ctx.state.recordings.get(id);
      if (!r || !visible(who, r, 'meeting:admin_recordings_read')) return undefined;
      if (r.createTime < from || r.createTime >= to) return undefined;
      if (meetingFilter && !meetingFilter(r)) return undefined;
      if (query.siteUrl !== undefined && r.siteUrl !== query.siteUrl) return undefined;
      if (query.topic !== undefined && r.topic !== query.topic) return undefined;
      if (query.integrationTag !== undefined && !r.integrationTags.includes(query.integrationTag)) return undefined;
      if (query.status !== undefined && query.status !== 'available') return undefined;
      if (query.format === 'ARF') return undefined;
      return recordingView(ctx, r, zone);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/recordings/:recordingId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.recordingsRead);
    const id = paramOf(request, 'recordingId');
    const r = ctx.state.recordings.get(id);
    if (!r || !visible(who, r, 'meeting:admin_recordings_read')) throw notFound(`Recording '${id}' not found`);
    const zone = responseZone(request);
    const base = `${ctx.urls.baseUrl.replace(/\/v1$/, '')}/_emulator/recordings/${r.id}`;
    return sendJson(reply, {
      ...recordingView(ctx, r, zone),
      temporaryDirectDownloadLinks: {
        recordingDownloadLink: `${base}/recording.mp4`,
        audioDownloadLink: `${base}/audio.mp3`,
        transcriptDownloadLink: `${base}/transcript.vtt`,
        expiration: formatInZone(ctx.clock.now() + 3 * 3600_000, zone),
      },
    });
  });

  app.get('/v1/meetingTranscripts', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.transcriptsRead);
    const query = queryOf(request);
    const max = parseMax(query.max, 10, 100);
    const cursor = parseCursor(query.cursor);
    const zone = responseZone(request);
    const { from, to } = window(query, ctx.clock.now());
    const meetingFilter = meetingIdFilter(query.meetingId);
    const page = pageThrough([...ctx.state.transcripts.keys()], cursor, max, (id) => {
      const t = ctx.state.transcripts.get(id);
      if (!t || !visible(who, t, 'meeting:admin_transcripts_read')) return undefined;
      if (t.startTime < from || t.startTime >= to) return undefined;
      if (meetingFilter && !meetingFilter(t)) return undefined;
      if (query.siteUrl !== undefined && t.siteUrl !== query.siteUrl) return undefined;
      return transcriptView(ctx, t, zone);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/meetingTranscripts/:transcriptId/download', async (request: FastifyRequest, reply) => {
    const who = authenticate(ctx, request, SCOPES.transcriptsRead);
    const id = paramOf(request, 'transcriptId');
    const t = ctx.state.transcripts.get(id);
    if (!t || !visible(who, t, 'meeting:admin_transcripts_read')) throw notFound(`Transcript '${id}' not found`);
    const format = queryOf(request).format ?? 'vtt';
    if (format !== 'vtt' && format !== 'txt') throw invalidItems("'format' must be vtt or txt");
    if (format === 'txt') {
      const text = t.lines.map((l) => `${l.speaker}: ${l.text}`).join('\n');
      return reply.header('content-type', 'text/plain;charset=UTF-8').header('content-disposition', `attachment; filename="${t.id}.txt"`).send(`${text}\n`);
    }
    const cues = t.lines.map((l, i) => `${i + 1}\n${cueTime(l.at)} --> ${cueTime(l.at + 3000)}\n${l.speaker}: ${l.text}\n`);
    return reply.header('content-type', 'text/vtt;charset=UTF-8').header('content-disposition', `attachment; filename="${t.id}.vtt"`).send(`WEBVTT\n\n${cues.join('\n')}`);
  });
}

function cueTime(ms: number): string {
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const milli = ms % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

/** Default window: the last 7 days (docs/webex-contract.md §8). */
function window(query: Query, now: number): { from: number; to: number } {
  const read = (name: 'from' | 'to') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const ms = parseDateTime(raw, 'UTC');
    if (ms === undefined) throw invalidItems(`'${name}' '${raw}' is not an ISO 8601 date-time`);
    return ms;
  };
  const to = read('to') ?? now + 1;
  return { from: read('from') ?? to - 7 * DAY, to };
}

/** `meetingId` may be a series, scheduled meeting or instance id (by shape, so deleted meetings still match). */
function meetingIdFilter(meetingId: string | undefined): ((r: Recording | Transcript) => boolean) | undefined {
  if (meetingId === undefined) return undefined;
  if (meetingId.includes('_I_')) return (r) => r.instanceId === meetingId;
  if (/_\d{8}T\d{6}Z$/.test(meetingId)) return (r) => r.scheduledMeetingId === meetingId;
  return (r) => r.seriesId === meetingId;
}

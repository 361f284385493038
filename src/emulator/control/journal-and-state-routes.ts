import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { refusal } from '../errors.js';
import { currentOccurrence } from '../recurrence.js';
import { isoMillis } from '../emulator-clock.js';
import { renderDebugPage } from '../pages/debug-page.js';
import { queryOf, sendJson, sendNoContent } from '../reply.js';
import { isStateSnapshot, type Delivery } from '../state.js';
import { visibleState } from '../lifecycle.js';

const OVERVIEW_SERIES = 200;
const OVERVIEW_INSTANCES = 500;

/** Journal of requests and deliveries, the overview for people debugging, state export/import and reset. */
export function registerJournalAndStateRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/_emulator', async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(renderDebugPage()));

  app.get('/_emulator/requests', async (request, reply) => {
    const query = queryOf(request);
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw refusal(400, 'invalid_request', "'limit' must be a positive integer");
    const items = ctx.journal.find({
      ...(query.method ? { method: query.method } : {}),
      ...(query.path ? { path: query.path } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    return sendJson(reply, { items });
  });
  app.delete('/_emulator/requests', async (_request, reply) => {
    ctx.journal.clear();
    return sendNoContent(reply);
  });

  app.get('/_emulator/deliveries', async (request, reply) => {
    const query = queryOf(request);
    const items = ctx.webhooks
      .deliveries()
      .filter(
        (d) =>
          (query.webhookId === undefined || d.webhookId === query.webhookId) &&
          (query.resource === undefined || d.resource === query.resource) &&
          (query.event === undefined || d.event === query.event),
      )
      .map(deliveryView);
    return sendJson(reply, { items });
  });

  app.post('/_emulator/deliveries/flush', async (request, reply) => {
    const body = (request.body ?? {}) as { timeoutMs?: unknown };
    const timeoutMs = typeof body.timeoutMs === 'number' && body.timeoutMs > 0 ? Math.min(body.timeoutMs, 60_000) : 10_000;
    const pending = await ctx.webhooks.flush(timeoutMs);
    return sendJson(reply, { pending });
  });

  app.get('/_emulator/overview', async (_request, reply) => {
    const { state } = ctx;
    const orgs = [...state.orgs.values()].map((org) => ({
      orgId: org.id,
      name: org.name,
      sites: [...state.sites.values()]
        .filter((s) => s.orgId === org.id)
        .map((s) => ({ siteUrl: s.siteUrl, concurrentMeetings: s.concurrentMeetings, participantsPerMeeting: s.participantsPerMeeting, inProgress: state.inProgressCount(s.siteUrl) })),
    }));
    const meetings: Record<string, unknown>[] = [];
    const series = [...state.meetings.values()].slice(-OVERVIEW_SERIES);
    for (const meeting of series) {
      meetings.push({
        id: meeting.id,
        meetingType: 'meetingSeries',
        title: meeting.title,
        state: meeting.state,
        occurrenceState: meeting.occurrenceState,
        visibleState: visibleState(ctx, meeting),
        siteUrl: meeting.siteUrl,
        start: new Date(currentOccurrence(meeting).start).toISOString(),
        end: new Date(currentOccurrence(meeting).end).toISOString(),
        participants: [],
      });
    }
    const instances = [...state.instances.values()];
    const shown = instances.filter((i, index) => i.state !== 'ended' || index >= instances.length - OVERVIEW_INSTANCES);
    for (const instance of shown) {
      const meeting = state.meetings.get(instance.seriesId);
      meetings.push({
        id: instance.id,
        meetingSeriesId: instance.seriesId,
        meetingType: 'meeting',
        title: meeting?.title ?? '(deleted meeting)',
        state: instance.state,
        siteUrl: instance.siteUrl,
        participants: instance.participantIds
          .map((id) => state.participants.get(id))
          .filter((p) => p !== undefined)
          .map((p) => ({ id: p.id, displayName: p.displayName, email: p.email, role: p.host ? 'host' : 'attendee', host: p.host, state: p.state })),
      });
    }
    const deliveries = ctx.webhooks.deliveries().slice(-50).map(deliveryView);
    return sendJson(reply, {
      orgs,
      meetings,
      deliveries,
      webhooks: [...state.webhooks.values()].map((w) => ({ id: w.id, name: w.name, resource: w.resource, event: w.event, targetUrl: w.targetUrl, status: w.status })),
      clock: { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs },
    });
  });

  // The targets of recordings' temporaryDirectDownloadLinks: placeholder media, so the links a client follows work.
  app.get('/_emulator/recordings/:recordingId/:file', async (request, reply) => {
    const { recordingId, file } = request.params as { recordingId: string; file: string };
    const recording = ctx.state.recordings.get(recordingId);
    if (!recording) throw refusal(404, 'recording_not_found', 'No such recording');
    if (file === 'transcript.vtt') {
      const transcript = [...ctx.state.transcripts.values()].find((t) => t.instanceId === recording.instanceId);
      const cues = (transcript?.lines ?? []).map((l, i) => `${i + 1}\n00:00:${String(Math.min(59, Math.floor(l.at / 1000))).padStart(2, '0')}.000 --> 00:00:${String(Math.min(59, Math.floor(l.at / 1000) + 3)).padStart(2, '0')}.000\n${l.speaker}: ${l.text}\n`);
      return reply.header('content-type', 'text/vtt;charset=UTF-8').send(`WEBVTT\n\n${cues.join('\n')}`);
    }
    if (file !== 'recording.mp4' && file !== 'audio.mp3') throw refusal(404, 'file_not_found', 'No such file');
    const bytes = Buffer.from(`emulated ${file} of ${recording.topic}, ${recording.durationSeconds} s\n`, 'utf8');
    return reply.header('content-type', file.endsWith('.mp4') ? 'video/mp4' : 'audio/mpeg').header('content-disposition', `attachment; filename="${recording.id}-${file}"`).send(bytes);
  });

  app.get('/_emulator/seed', async (_request, reply) => sendJson(reply, ctx.seed()));

  app.post('/_emulator/reset', async (_request, reply) => {
    ctx.reset();
    return sendJson(reply, ctx.seed());
  });

  app.get('/_emulator/state', async (_request, reply) => sendJson(reply, ctx.exportState()));

  app.put('/_emulator/state', async (request, reply) => {
    if (!isStateSnapshot(request.body)) throw refusal(400, 'invalid_state', 'The body must be a state snapshot from GET /_emulator/state (version 1)');
    try {
      // Built aside and swapped in only when whole: a failed import leaves the running state as it was.
      ctx.importState(request.body);
    } catch {
      throw refusal(400, 'invalid_state', 'The snapshot could not be loaded; export one with GET /_emulator/state');
    }
    return sendNoContent(reply);
  });
}

function deliveryView(d: Delivery): Record<string, unknown> {
  return {
    id: d.id,
    webhookId: d.webhookId,
    resource: d.resource,
    event: d.event,
    targetUrl: d.targetUrl,
    status: d.status,
    attempts: d.attempts,
    ...(d.lastStatusCode !== undefined ? { lastStatusCode: d.lastStatusCode } : {}),
    ...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
    at: isoMillis(d.at),
    body: d.body,
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

interface RecordingItem { id: string; createdAt: string; durationSeconds: number; format: string; playbackUrl: string; downloadUrl: string }

describe.each(testDatabases())('visit recordings and transcript through the emulator on $name', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** Schedules a hostless visit, opens the guest's link (the meeting starts), ends the meeting, settles. */
  async function runVisit(body: Record<string, unknown>): Promise<VisitView> {
    const created = await stack.api('POST', '/api/v1/visits', { body: { title: 'Recorded consult', participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }], ...body } });
    expect(created.status, created.body).toBe(201);
    const visit = created.json as VisitView;
    const redirect = await stack.api('GET', new URL(visit.participants[0]?.joinUrl ?? '').pathname, { key: null });
    expect(redirect.status).toBe(302);
    const opened = await stack.control.openLink({ url: String(redirect.headers.location) });
    if (!opened.ok) throw new Error(`link did not open: ${JSON.stringify(opened)}`);
    await stack.settle();
    await stack.control.endMeeting(opened.meetingId);
    await stack.settle();
    return visit;
  }

  it('registers the recordings and transcripts webhooks for an org that granted the read scopes', async () => {
    const org = await stack.g2g.orgs.get(stack.orgId);
    expect(org?.warnings).toEqual([]);
    const token = await stack.internals.vault.accessToken(stack.orgId);
    const res = await fetch(`${stack.emulator.seed.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${token}` } });
    const hooks = ((await res.json()) as { items: { resource: string; event: string; targetUrl: string }[] }).items;
    const mine = hooks.filter((h) => h.targetUrl.startsWith(stack.config.publicUrl) || h.targetUrl.includes('/webhooks/webex'));
    expect(mine.map((h) => `${h.resource}:${h.event}`)).toEqual(expect.arrayContaining(['recordings:created', 'meetingTranscripts:created']));
  });

  it('record: true -> Webex records; the recording is listed with current links and the transcript answers WebVTT; nothing secret is stored', async () => {
    await stack.control.clearRequests();
    const visit = await runVisit({ record: true });
    const creates = await stack.control.requests({ method: 'POST', path: '/v1/meetings' });
    expect(creates).toHaveLength(1);
    expect(((await stack.api('GET', `/api/v1/visits/${visit.id}`)).json as VisitView).status).toBe('ended');

    const recordings = await stack.api('GET', `/api/v1/visits/${visit.id}/recordings`);
    expect(recordings.status, recordings.body).toBe(200);
    expect(recordings.headers['cache-control']).toBe('no-store');
    const items = (recordings.json as { items: RecordingItem[] }).items;
    expect(items).toHaveLength(1);
    const [rec] = items;
    expect(rec).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), format: 'MP4', playbackUrl: expect.stringMatching(/^https:\/\//), downloadUrl: expect.stringMatching(/^https:\/\//) });
    expect(rec?.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(Number.isNaN(Date.parse(rec?.createdAt ?? ''))).toBe(false);
    // Fetched from Webex at request time, with the org's token.
    expect(await stack.control.requests({ method: 'GET', path: `/v1/recordings/${rec?.id ?? ''}` })).toHaveLength(1);

    const vtt = await stack.api('GET', `/api/v1/visits/${visit.id}/transcript`);
    expect(vtt.status, vtt.body).toBe(200);
    expect(String(vtt.headers['content-type'])).toMatch(/^text\/vtt/);
    expect(vtt.body.startsWith('WEBVTT')).toBe(true);
    expect(vtt.body).toContain('Pat');
    const txt = await stack.api('GET', `/api/v1/visits/${visit.id}/transcript?format=txt`);
    expect(txt.status, txt.body).toBe(200);
    expect(String(txt.headers['content-type'])).toMatch(/^text\/plain/);
    expect(txt.body).not.toContain('WEBVTT');
    expect(txt.body).toContain('Pat');
    const badFormat = await stack.api('GET', `/api/v1/visits/${visit.id}/transcript?format=pdf`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body).toContain('format');

    // Only Webex ids and times are stored; links, download URLs and the password never reach the database.
    const media = await stack.db.selectFrom('visit_media').selectAll().where('visit_id', '=', visit.id).orderBy('kind').execute();
    expect(media.map((m) => m.kind)).toEqual(['recording', 'transcript']);
    expect(media.find((m) => m.kind === 'recording')?.id).toBe(rec?.id);
    const stored = JSON.stringify(media);
    expect(stored).not.toMatch(/https?:|recordingservice|download|playback/i);
    const inbox = await stack.db.selectFrom('webhook_events').select('body').where('resource', 'in', ['recordings', 'meetingTranscripts']).execute();
    expect(inbox).toHaveLength(2);
    for (const row of inbox) {
      // The stored envelope keeps the event's data, with its links and password redacted.
      const data = JSON.stringify((JSON.parse(row.body) as { data: unknown }).data);
      expect(data).toContain('[redacted]');
      expect(data).not.toMatch(/https?:\/\/|recordingservice/);
      expect(row.body).not.toContain(rec?.playbackUrl ?? 'x');
    }
  });

  it('another tenant gets 404 for both routes', async () => {
    const visit = (await stack.api('GET', '/api/v1/visits?limit=1')).json as { items: VisitView[] };
    const id = visit.items[0]?.id ?? '';
    const other = (await stack.g2g.tenants.createKey({ tenantName: 'other tenant', orgIds: [stack.orgId] })).apiKey;
    for (const path of [`/api/v1/visits/${id}/recordings`, `/api/v1/visits/${id}/transcript`]) {
      const answer = await stack.api('GET', path, { key: other });
      expect(answer.status, path).toBe(404);
      expect(String(answer.headers['content-type'])).toMatch(/^application\/problem\+json/);
    }
  });

  it('a visit without record lists no recordings and has no transcript (404 problem+json)', async () => {
    const visit = await runVisit({});
    const recordings = await stack.api('GET', `/api/v1/visits/${visit.id}/recordings`);
    expect(recordings.status).toBe(200);
    expect(recordings.json).toEqual({ items: [] });
    const transcript = await stack.api('GET', `/api/v1/visits/${visit.id}/transcript`);
    expect(transcript.status).toBe(404);
    expect(String(transcript.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(transcript.json).toMatchObject({ code: 'not_found' });
    expect(await stack.db.selectFrom('visit_media').selectAll().where('visit_id', '=', visit.id).execute()).toEqual([]);
  });

  it('the routes are documented in the OpenAPI document', async () => {
    const doc = (await stack.g2g.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/visits/{id}/recordings', '/api/v1/visits/{id}/transcript']));
  });
});

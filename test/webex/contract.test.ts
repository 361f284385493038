/**
 * Contract: every operation the client offers builds a request the official OpenAPI subset accepts (method, path,
 * query, content type, JSON body, checked strictly: no undeclared fields), and every response example of the spec
 * parses into our types without loss (each field of the example is declared in our type with the right kind,
 * checked with the compiler-bound shapes of src/webex, see shape.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebexClient, type CreateMeetingBody, type WebexClient } from '../../src/webex/index.js';
import { tokenResponseShape } from '../../src/webex/applications.js';
import { guestShape } from '../../src/webex/guests.js';
import { participantShape } from '../../src/webex/meeting-participants.js';
import { meetingPreferencesShape, meetingSiteShape, meetingSitesShape, schedulingOptionsShape } from '../../src/webex/meeting-preference-types.js';
import { transcriptShape } from '../../src/webex/meeting-transcripts.js';
import { joinMeetingResponseShape, meetingShape } from '../../src/webex/meeting-types.js';
import { membershipShape } from '../../src/webex/memberships.js';
import { personShape } from '../../src/webex/people.js';
import { recordingShape } from '../../src/webex/recordings.js';
import { roomShape } from '../../src/webex/rooms.js';
import { webhookShape } from '../../src/webex/webhooks.js';
import { parseErrorBody } from '../../src/webex/errors.js';
import { findShapeMismatches, type ObjectShape } from '../../src/webex/shape.js';
import { findWebexOperation, listWebexOperations, loadWebexSpec, validateWebexRequest, validateWebexResponse } from '../support/openapi.js';
import { startRecorder, type RecordedRequest, type Recorder } from '../support/http-recorder.js';

interface OperationCase {
  operationId: string;
  call: (client: WebexClient) => Promise<unknown>;
}

const g2gMeeting: CreateMeetingBody = {
  title: 'Consultation',
  agenda: 'Follow-up',
  start: '2026-12-01T10:00:00Z',
  end: '2026-12-01T10:30:00Z',
  timezone: 'UTC',
  enabledJoinBeforeHost: true,
  joinBeforeHostMinutes: 5,
  enableConnectAudioBeforeHost: true,
  unlockedMeetingJoinSecurity: 'allowJoin',
  sendEmail: false,
  siteUrl: 'acme-g2g.webex.com',
  integrationTags: ['visit_123'],
  invitees: [{ email: 'patient@example.com', displayName: 'Pat', coHost: false }],
  meetingOptions: { enabledChat: true, enabledVideo: true },
  audioConnectionOptions: { audioConnectionType: 'VoIP', entryAndExitTone: 'noTone' },
};

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** One call per operation the client offers, with every filter it supports where there are filters. */
const CASES: OperationCase[] = [
  { operationId: 'createMeeting', call: (c) => c.meetings.create(g2gMeeting) },
  {
    operationId: 'listMeetings',
    call: (c) =>
      collect(
        c.meetings.list({ meetingType: 'meeting', state: 'inProgress', from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z', siteUrl: 'acme-g2g.webex.com', max: 100, integrationTag: 'visit_123' }),
      ),
  },
  { operationId: 'listMeetings', call: (c) => c.meetings.listPage({ meetingSeriesId: 'abc', meetingType: 'scheduledMeeting', current: true }) },
  { operationId: 'getMeetingById', call: (c) => c.meetings.get('870f51ff287b41be84648412901e0402', { current: true, hostEmail: 'sa@example.com' }) },
  { operationId: 'updateMeeting', call: (c) => c.meetings.update('870f51ff287b41be84648412901e0402', { title: 'Moved', start: '2026-12-01T11:00:00Z', end: '2026-12-01T11:30:00Z', enabledJoinBeforeHost: true }) },
  { operationId: 'patchMeeting', call: (c) => c.meetings.patch('870f51ff287b41be84648412901e0402', { title: 'Renamed', unlockedMeetingJoinSecurity: 'allowJoinWithLobby' }) },
  { operationId: 'deleteMeeting', call: (c) => c.meetings.delete('870f51ff287b41be84648412901e0402', { sendEmail: false }) },
  { operationId: 'endMeeting', call: (c) => c.meetings.end('870f51ff287b41be84648412901e0402_I_1', { reason: 'visit over' }) },
  { operationId: 'endMeeting', call: (c) => c.meetings.end('870f51ff287b41be84648412901e0402') },
  {
    operationId: 'meetingJoin',
    call: (c) => c.meetings.join({ meetingId: '870f51ff287b41be84648412901e0402', email: 'patient@example.com', displayName: 'Pat', password: 'BgJep@43', expirationMinutes: 60 }),
  },
  { operationId: 'Get Meeting Preference Details', call: (c) => c.meetingPreferences.get({ siteUrl: 'acme-g2g.webex.com' }) },
  { operationId: 'Get Scheduling Options', call: (c) => c.meetingPreferences.getSchedulingOptions() },
  {
    operationId: 'Update Scheduling Options',
    call: (c) => c.meetingPreferences.updateSchedulingOptions({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, enabledAutoShareRecording: false, enabledWebexAssistantByDefault: false }),
  },
  { operationId: 'Get Site List', call: (c) => c.meetingPreferences.listSites() },
  { operationId: 'Update Default Site', call: (c) => c.meetingPreferences.updateDefaultSite('acme-g2g.webex.com') },
  { operationId: 'List Meeting Participants', call: (c) => collect(c.meetingParticipants.list({ meetingId: '870f_I_1', max: 100, joinTimeFrom: '2026-11-25T00:00:00Z' })) },
  { operationId: 'Get Meeting Participant Details', call: (c) => c.meetingParticipants.get('870f_I_1_abc', { hostEmail: 'sa@example.com' }) },
  { operationId: 'Admit Participants', call: (c) => c.meetingParticipants.admit({ items: [{ participantId: '870f_I_1_abc' }] }) },
  { operationId: 'listRecordings', call: (c) => collect(c.recordings.list({ meetingId: '870f_I_1', max: 10, format: 'MP4', status: 'available' })) },
  { operationId: 'getRecordByRecordId', call: (c) => c.recordings.get('4f914b1dfe3c4d11a61730f18c0f5387') },
  { operationId: 'List Meeting Transcripts', call: (c) => collect(c.meetingTranscripts.list({ meetingId: '870f_I_1', max: 10 })) },
  { operationId: 'Download a Meeting Transcript', call: (c) => c.meetingTranscripts.download('5e01eeaadedb_M_0fc6', { format: 'txt' }) },
  { operationId: 'List Webhooks', call: (c) => collect(c.webhooks.list({ max: 100, ownedBy: 'org' })) },
  {
    operationId: 'Create a Webhook',
    call: (c) => c.webhooks.create({ name: 'g2g meetings', targetUrl: 'https://g2g.example.com/webhooks/webex', resource: 'meetings', event: 'started', filter: 'siteUrl=acme-g2g.webex.com', secret: 'whsec_0123456789', ownedBy: 'org' }),
  },
  { operationId: 'Get Webhook Details', call: (c) => c.webhooks.get('Y2lzY29zcGFyazovL3VzL1dFQkhPT0svOTZhYmMy') },
  { operationId: 'Update a Webhook', call: (c) => c.webhooks.update('Y2lzY29zcGFyazovL3VzL1dFQkhPT0svOTZhYmMy', { name: 'g2g meetings', targetUrl: 'https://g2g.example.com/webhooks/webex', status: 'active' }) },
  { operationId: 'Delete a Webhook', call: (c) => c.webhooks.delete('Y2lzY29zcGFyazovL3VzL1dFQkhPT0svOTZhYmMy') },
  { operationId: 'List Rooms', call: (c) => collect(c.rooms.list({ type: 'group', sortBy: 'created', max: 50 })) },
  { operationId: 'Create a Room', call: (c) => c.rooms.create({ title: 'Care team', isLocked: false }) },
  { operationId: 'Get Room Details', call: (c) => c.rooms.get('Y2lzY29zcGFyazovL3VzL1JPT00vYmJj') },
  { operationId: 'Delete a Room', call: (c) => c.rooms.delete('Y2lzY29zcGFyazovL3VzL1JPT00vYmJj') },
  { operationId: 'List Memberships', call: (c) => collect(c.memberships.list({ roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00vYmJj', max: 100 })) },
  { operationId: 'Create a Membership', call: (c) => c.memberships.create({ roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00vYmJj', personEmail: 'guest@appid.ciscospark.com', isModerator: false }) },
  { operationId: 'Get Membership Details', call: (c) => c.memberships.get('Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAv') },
  { operationId: 'Delete a Membership', call: (c) => c.memberships.delete('Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAv') },
  { operationId: 'Get My Own Details', call: (c) => c.people.me() },
  {
    operationId: 'createServiceAppAccessToken',
    call: (c) => c.applications.createToken('Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL0My', { clientId: 'C279cb30', clientSecret: 'sa-secret-0123456789', targetOrgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85' }),
  },
  { operationId: 'Create a Guest', call: (c) => c.guests.createToken({ subject: 'patient-42', displayName: 'Pat' }) },
  { operationId: 'Get Guest Count', call: (c) => c.guests.count() },
];

/** Spec operations the client deliberately does not offer (not needed for guest-to-guest). */
// The last nine are in the spec subset because the emulator serves them (docs/emulator.md); g2g's client does not need them.
const NOT_OFFERED = new Set([
  'List Meeting Invitees',
  'Create a Meeting Invitee',
  'listAuthorizationsForUser',
  'Delete authorization of org and client ID',
  'getTokenExpirationStatus',
  'Get Personal Meeting Room Options',
  'Update Personal Meeting Room Options',
  'Get Audio Options',
  'Update Audio Options',
  'Get Video Options',
  'Update Video Options',
  'Update a Room',
  'Update a Membership',
  'Insert Delegate Emails',
  'Delete Delegate Emails',
]);

/** Our type for each operation's success body, and whether it comes wrapped in `{ items }`. */
const RESPONSE_SHAPES: Record<string, { shape: ObjectShape; list?: true }> = {
  createMeeting: { shape: meetingShape },
  listMeetings: { shape: meetingShape, list: true },
  getMeetingById: { shape: meetingShape },
  updateMeeting: { shape: meetingShape },
  patchMeeting: { shape: meetingShape },
  meetingJoin: { shape: joinMeetingResponseShape },
  'Get Meeting Preference Details': { shape: meetingPreferencesShape },
  'Get Scheduling Options': { shape: schedulingOptionsShape },
  'Update Scheduling Options': { shape: schedulingOptionsShape },
  'Get Site List': { shape: meetingSitesShape },
  'Update Default Site': { shape: meetingSiteShape },
  'List Meeting Participants': { shape: participantShape, list: true },
  'Get Meeting Participant Details': { shape: participantShape },
  listRecordings: { shape: recordingShape, list: true },
  getRecordByRecordId: { shape: recordingShape },
  'List Meeting Transcripts': { shape: transcriptShape, list: true },
  'List Webhooks': { shape: webhookShape, list: true },
  'Create a Webhook': { shape: webhookShape },
  'Get Webhook Details': { shape: webhookShape },
  'Update a Webhook': { shape: webhookShape },
  'List Rooms': { shape: roomShape, list: true },
  'Create a Room': { shape: roomShape },
  'Get Room Details': { shape: roomShape },
  'List Memberships': { shape: membershipShape, list: true },
  'Create a Membership': { shape: membershipShape },
  'Get Membership Details': { shape: membershipShape },
  'Get My Own Details': { shape: personShape },
  createServiceAppAccessToken: { shape: tokenResponseShape },
  'Create a Guest': { shape: guestShape },
};

interface SuccessExample {
  status: number;
  contentType: string | undefined;
  example: unknown;
}

function successExample(method: string, path: string): SuccessExample {
  const match = findWebexOperation(method, path);
  if (!match) throw new Error(`no operation for ${method} ${path}`);
  const [status, response] = Object.entries(match.operation.responses).find(([s]) => s.startsWith('2')) ?? [];
  const [contentType, media] = Object.entries(response?.content ?? {})[0] ?? [];
  return { status: Number(status), contentType, example: media?.example };
}

let recorder: Recorder;
let client: WebexClient;

beforeAll(async () => {
  // The server answers each request with its operation's documented success example, exactly as the spec gives it.
  recorder = await startRecorder((req: RecordedRequest) => {
    if (req.path.endsWith('/access_token')) {
      return { body: { access_token: 'a-0123456789', expires_in: 1209599, refresh_token: 'r-0123456789', refresh_token_expires_in: 7775999, token_type: 'Bearer' } };
    }
    const { status, contentType, example } = successExample(req.method, req.path);
    if (req.path.endsWith('/guests/count')) return { status, headers: { 'content-type': 'text/plain' }, body: '112' };
    if (example === undefined) return { status };
    return { status, headers: { 'content-type': contentType ?? 'application/json' }, body: typeof example === 'string' ? example : JSON.stringify(example) };
  });
  client = createWebexClient({ baseUrl: recorder.baseUrl, token: () => Promise.resolve('contract-test-token') });
});

afterAll(async () => {
  await recorder.close();
});

describe('requests the client builds validate against the OpenAPI subset', () => {
  it.each(CASES.map((c, i) => [`${c.operationId} #${i}`, c] as const))('%s', async (_name, testCase) => {
    const before = recorder.requests.length;
    const result = await testCase.call(client);
    const sent = recorder.requests.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const req of sent) {
      const validation = validateWebexRequest({
        method: req.method,
        path: req.url,
        body: req.bodyText === '' ? undefined : req.bodyText,
        ...(req.headers['content-type'] !== undefined ? { contentType: req.headers['content-type'] } : {}),
      });
      expect(validation.operationId).toBe(testCase.operationId);
      expect(validation.errors).toEqual([]);
      expect(req.headers.authorization).toBe('Bearer contract-test-token');
    }
    // What came back is exactly the spec's example (nothing dropped or altered on the way through the client).
    const first = sent[0]!;
    const { example } = successExample(first.method, first.path);
    if (first.path.endsWith('/guests/count')) expect(result).toBe(112);
    else if (example === undefined) expect(result).toBeUndefined();
    else if (Array.isArray(result)) expect(result).toEqual((example as { items: unknown[] }).items);
    else if (result !== null && typeof result === 'object' && 'nextPageUrl' in result) expect((result as unknown as { items: unknown }).items).toEqual((example as { items: unknown[] }).items);
    else expect(result).toEqual(example);
  });

  it('sends PATCH as application/json-patch+json with a merge object, and join with joinDirectly false', () => {
    const patch = recorder.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['content-type']).toBe('application/json-patch+json');
    expect(patch?.json).toEqual({ title: 'Renamed', unlockedMeetingJoinSecurity: 'allowJoinWithLobby' });
    const join = recorder.requests.find((r) => r.path.endsWith('/meetings/join'));
    expect(join?.json).toMatchObject({ joinDirectly: false });
  });

  it('covers every operation of the subset, except the ones listed as not offered', () => {
    const covered = new Set(CASES.map((c) => c.operationId));
    const missing = listWebexOperations().filter((op) => !covered.has(op.operationId) && !NOT_OFFERED.has(op.operationId));
    expect(missing).toEqual([]);
  });

  it('refreshes with POST /access_token as Webex documents it (the spec does not cover OAuth: docs/webex-contract.md §4.3)', async () => {
    const before = recorder.requests.length;
    const tokens = await client.oauth.refreshToken({ clientId: 'C1', clientSecret: 'secret-0123456789', refreshToken: 'refresh-0123456789' });
    expect(findShapeMismatches(tokenResponseShape, tokens)).toEqual([]);
    const req = recorder.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/access_token');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers.authorization).toBeUndefined();
    expect([...new URLSearchParams(req.bodyText).keys()].sort()).toEqual(['client_id', 'client_secret', 'grant_type', 'refresh_token']);
  });
});

describe('the spec response examples parse into our types without loss', () => {
  const spec = loadWebexSpec();
  const rows = listWebexOperations()
    .filter((op) => RESPONSE_SHAPES[op.operationId])
    .map((op) => {
      const operation = spec.paths[op.template]?.[op.method.toLowerCase()];
      const ok = Object.entries(operation?.responses ?? {}).find(([s]) => s.startsWith('2'));
      const media = Object.values(ok?.[1].content ?? {})[0];
      return [op.operationId, op, media?.example] as const;
    });

  it('has an example for each operation with a JSON body', () => {
    expect(rows.filter(([, , example]) => example === undefined).map(([id]) => id)).toEqual([]);
    expect(rows).toHaveLength(Object.keys(RESPONSE_SHAPES).length);
  });

  it.each(rows)('%s', (operationId, op, example) => {
    const { shape, list } = RESPONSE_SHAPES[operationId]!;
    const bodies = list ? (example as { items: unknown[] }).items : [example];
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(findShapeMismatches(shape, body)).toEqual([]);
    // And the example is a valid answer for the spec itself (sanity of the example we just used).
    expect(validateWebexResponse({ method: op.method, path: op.template, status: 200, body: example }).errors).toEqual([]);
  });

  it('notices a field our types would lose, and a value of the wrong kind', () => {
    expect(findShapeMismatches(roomShape, { id: 'r', title: 't', colour: 'blue' })).toEqual(['$.colour: not declared in our type (it would be lost)']);
    expect(findShapeMismatches(meetingShape, { id: 'm', state: 'paused', telephony: { callInNumbers: [{ tollType: 'free' }] } })).toEqual([
      '$.state: "paused" is not one of ["active","scheduled","ready","lobby","inProgress","ended","missed","expired"]',
      '$.telephony.callInNumbers[0].tollType: "free" is not one of ["toll","tollFree"]',
    ]);
  });
});

describe('the spec error examples parse into WebexApiError fields without loss', () => {
  const spec = loadWebexSpec();
  const examples = listWebexOperations().flatMap((op) =>
    Object.entries(spec.paths[op.template]?.[op.method.toLowerCase()]?.responses ?? {})
      .filter(([status]) => Number(status) >= 400)
      .flatMap(([status, response]) =>
        Object.values(response.content ?? {})
          .filter((media) => media.example !== undefined)
          .map((media) => [`${op.operationId} ${status}`, media.example as { message: string; errors?: { description: string }[]; trackingId: string }] as const),
      ),
  );

  it('has error examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('%s', (_name, example) => {
    const parsed = parseErrorBody(JSON.stringify(example));
    expect(parsed).toEqual({
      webexMessage: example.message,
      descriptions: (example.errors ?? []).map((e) => e.description),
      trackingId: example.trackingId,
      oauthError: undefined,
    });
  });
});

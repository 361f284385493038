import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, authenticate, hasScope } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, conflict, forbidden, invalidItems, notFound } from '../errors.js';
import { emitMeetingEvent } from '../events.js';
import { createDigits, createHexId } from '../ids.js';
import { endInstance, settleMeeting } from '../lifecycle.js';
import { parseMeetingBody, type MeetingFields } from '../meeting-rules.js';
import { instanceView, occurrenceStateAt, resolveMeetingId, scheduledView, seriesJson, seriesView, viewOf, type MeetingRef } from '../meeting-view.js';
import { currentOccurrence, occurrenceStarts, occurrenceTimes } from '../recurrence.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, parseBooleanQuery, queryOf, meetingZone, sendJson, sendJsonText, sendNoContent, type Query } from '../reply.js';
import type { Meeting, Person } from '../state.js';
import { parseDateTime } from '../time-zone.js';
import { canChangeMeeting, canSeeMeeting, hostFor, meetingNotFound } from './meeting-access.js';
import { cancelOccurrence, updateOccurrence } from './meeting-occurrences.js';
import { applyUpdate } from '../apply-meeting-update.js';
import { isLagging } from '../read-lag.js';

const DAY = 24 * 60 * 60_000;
/** The `state` values the list accepts (the spec's meeting state enum). */
const MEETING_STATES = ['active', 'scheduled', 'ready', 'lobby', 'inProgress', 'ended', 'missed', 'expired'] as const;

/** /v1/meetings: create, list, get, update (PUT and PATCH), delete, end (docs/webex-contract.md §1); join is meeting-join.ts. */
export function registerMeetingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/v1/meetings', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsWrite);
    // Read every input before changing anything: a bad timezone header must not leave a meeting behind.
    const zone = meetingZone(request);
    const now = ctx.clock.now();
    const parsed = parseMeetingBody(request.body, 'create', now);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    const fields = parsed.value;
    if (fields.roomId !== undefined) {
      // Webex asks for spark:all with roomId; a G2G Service App schedules space meetings with guest-meeting:rw (S5).
      if (!hasScope(who, ['spark:all', 'guest-meeting:rw'])) throw forbidden("Scheduling a meeting in a space ('roomId') needs the spark:all scope");
      const room = ctx.state.rooms.get(fields.roomId);
      if (!room || !isRoomMember(ctx, fields.roomId, who.person.id)) throw notFound(`Room '${fields.roomId}' not found`);
      if (fields.adhoc === true) {
        // An ongoing ad-hoc meeting of the room is returned instead of a new one (docs/webex-contract.md §1.1).
        const ongoing = [...ctx.state.meetings.values()].find((m) => m.adhoc === true && m.roomId === fields.roomId && m.state !== 'expired');
        if (ongoing) return sendJson(reply, seriesView(ctx.state, ongoing, zone));
        applyAdhocRules(ctx, fields, fields.roomId, who.person.id, now);
      }
    }
    const host = hostFor(ctx, who, fields.hostEmail, true);
    const siteUrl = fields.siteUrl ?? host.defaultSiteUrl ?? host.siteUrls[0];
    if (siteUrl === undefined) throw forbidden('The user has no Webex Meetings site to schedule on');
    const site = ctx.state.sites.get(siteUrl);
    if (!site || !host.siteUrls.includes(siteUrl)) throw forbidden(`The user cannot schedule meetings on site '${siteUrl}'`);
    if (site.guestToGuest && !hasScope(who, ['guest-meeting:rw', 'meeting:admin_schedule_write'])) {
      throw forbidden(`Scheduling on the guest-to-guest site '${siteUrl}' needs the guest-meeting:rw scope`);
    }
    const meeting = newMeeting(ctx, fields, host, who.person.id, who.token.clientId, siteUrl, now);
    ctx.state.addMeeting(meeting);
    settleMeeting(ctx, meeting, now);
    const view = seriesView(ctx.state, meeting, zone);
    emitMeetingEvent(ctx, 'created', meeting, () => seriesView(ctx.state, meeting, 'UTC'), who.person.id);
    ctx.onChange();
    // Not cached: caching every created meeting's JSON would triple the memory of 100,000 meetings.
    return sendJson(reply, view);
  });

  app.get('/v1/meetings', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsRead);
    const query = queryOf(request);
    const zone = meetingZone(request);
    const now = ctx.clock.now();
    const one = (meeting: Meeting | undefined) => {
      if (!meeting || !canSeeMeeting(who, meeting) || isLagging(ctx, meeting.created)) return [];
      settleMeeting(ctx, meeting, now);
      return [seriesView(ctx.state, meeting, zone)];
    };
    // meetingNumber, webLink and roomId are exclusive and make the other filters moot (docs/webex-contract.md §1.2).
    if (query.meetingNumber !== undefined) {
      const id = ctx.state.meetingsByNumber.get(query.meetingNumber);
      return sendJson(reply, { items: one(id === undefined ? undefined : ctx.state.meetings.get(id)) });
    }
    if (query.webLink !== undefined) {
      const id = ctx.state.meetingsByWebLink.get(query.webLink);
      return sendJson(reply, { items: one(id === undefined ? undefined : ctx.state.meetings.get(id)) });
    }
    const max = parseMax(query.max, 10, 100);
    const cursor = parseCursor(query.cursor);
    const meetingType = query.meetingType ?? 'meetingSeries';
    if (!['meetingSeries', 'scheduledMeeting', 'meeting'].includes(meetingType)) {
      throw invalidItems("'meetingType' must be one of meetingSeries, scheduledMeeting, meeting");
    }
    if (query.state !== undefined && !(MEETING_STATES as readonly string[]).includes(query.state)) throw invalidItems(`'state' must be one of ${MEETING_STATES.join(', ')}`);
    const { from, to } = timeWindow(query, meetingType, now);
    if (from > to) throw invalidItems("'from' cannot be after 'to'");
    const current = parseBooleanQuery(query, 'current', true);
    if (query.meetingSeriesId !== undefined) {
      const meeting = ctx.state.meetings.get(query.meetingSeriesId);
      if (!meeting || !canSeeMeeting(who, meeting) || isLagging(ctx, meeting.created)) return sendJson(reply, { items: [] });
      settleMeeting(ctx, meeting, now);
      // Every occurrence and instance by default; `from`/`to` narrow them only when given (docs/emulator.md).
      const windowed = (query.from !== undefined && query.from !== '') || (query.to !== undefined && query.to !== '');
      const items: Record<string, unknown>[] = [];
      if (query.meetingType !== 'meeting') {
        for (const start of occurrenceStarts(meeting)) {
          if (items.length >= max) break;
          const times = occurrenceTimes(meeting, start);
          if (windowed && times.start >= to) break;
          if (windowed && times.end <= from) continue;
          if (matchesState(query, occurrenceStateAt(meeting, start))) items.push(scheduledView(ctx.state, meeting, zone, start));
        }
      }
      if (query.meetingType !== 'scheduledMeeting') {
        for (const id of meeting.instanceIds) {
          const instance = ctx.state.instances.get(id);
          const at = instance ? (instance.startedAt ?? instance.created) : 0;
          if (windowed && (at < from || at >= to)) continue;
          if (instance && matchesState(query, instance.state)) items.push(instanceView(ctx.state, meeting, instance, zone));
        }
      }
      return sendJson(reply, { items: items.slice(0, max) });
    }
    const host = hostFor(ctx, who, query.hostEmail, false);
    const ids = query.roomId === undefined ? (ctx.state.meetingsByHost.get(host.id) ?? []) : roomMeetingIds(ctx, query.roomId, who.person);
    const page = pageThrough(ids, cursor, max, (id) => {
      const meeting = ctx.state.meetings.get(id);
      if (!meeting || !canSeeMeeting(who, meeting) || isLagging(ctx, meeting.created)) return undefined;
      if (meeting.adhoc === true && meetingType !== 'meeting') return undefined;
      if (query.roomId === undefined && meeting.hostUserId !== host.id) return undefined;
      if (query.siteUrl !== undefined && meeting.siteUrl !== query.siteUrl.toLowerCase()) return undefined;
      if (query.integrationTag !== undefined && !meeting.integrationTags.includes(query.integrationTag)) return undefined;
      if (query.scheduledType !== undefined && meeting.scheduledType !== query.scheduledType) return undefined;
      settleMeeting(ctx, meeting, now);
      if (meetingType === 'meeting') {
        const instances = meeting.instanceIds
          .map((i) => ctx.state.instances.get(i))
          .filter((i) => i !== undefined && (i.startedAt ?? i.created) >= from && (i.startedAt ?? i.created) < to && matchesState(query, i.state));
        const first = instances[0];
        return first ? instanceView(ctx.state, meeting, first, zone) : undefined;
      }
      if (meetingType === 'scheduledMeeting') {
        if (query.isModified !== undefined && String(meeting.isModified) !== query.isModified) return undefined;
        const occurrences: Record<string, unknown>[] = [];
        for (const key of occurrenceStarts(meeting)) {
          const times = occurrenceTimes(meeting, key);
          if (times.start >= to) break;
          const running = meeting.liveInstanceId !== undefined && key === currentOccurrence(meeting).key;
          if ((times.end > from || running) && matchesState(query, occurrenceStateAt(meeting, key))) {
            occurrences.push(scheduledView(ctx.state, meeting, zone, key));
          }
        }
        return occurrences;
      }
      const inWindow = (seriesEnd(meeting) > from && meeting.start < to) || meeting.state === 'inProgress';
      if (!inWindow) return undefined;
      if (!matchesState(query, meeting.state)) return undefined;
      // `current=false` lists every series in the window; `current=true` (the default) drops ones that are over.
      if (current && meeting.state === 'expired' && query.state !== 'expired') return undefined;
      return seriesView(ctx.state, meeting, zone);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/meetings/:meetingId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsRead);
    const ref = visibleRef(ctx, request, who);
    const query = queryOf(request);
    const zone = meetingZone(request);
    if (ref.kind === 'series' && parseBooleanQuery(query, 'current', false)) {
      return sendJson(reply, scheduledView(ctx.state, ref.meeting, zone));
    }
    if (ref.kind === 'series') return sendJsonText(reply, seriesJson(ctx, ref.meeting, zone));
    return sendJson(reply, viewOf(ctx.state, ref, zone));
  });

  const update = (mode: 'put' | 'patch') => async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsWrite);
    const zone = meetingZone(request);
    const ref = visibleRef(ctx, request, who);
    const meeting = ref.meeting;
    if (ref.kind === 'instance') throw badRequest(`Meeting ID '${ref.instance.id}' is not allowed for this API.`);
    if (!canChangeMeeting(who, meeting)) throw meetingNotFound(paramOf(request, 'meetingId'));
    if (meeting.adhoc === true) throw badRequest('Ad-hoc meetings cannot be updated');
    if (meeting.liveInstanceId !== undefined) throw conflict('Meeting is in progress');
    if (meeting.state === 'expired') throw badRequest('The meeting is over and cannot be updated');
    const now = ctx.clock.now();
    if (ref.kind === 'scheduled' && meeting.recurrence !== undefined) {
      updateOccurrence(ctx, meeting, ref.occurrenceStart, request.body, mode, now, who.person.id);
      return sendJson(reply, scheduledView(ctx.state, meeting, zone, ref.occurrenceStart));
    }
    const parsed = parseMeetingBody(request.body, mode, now, meeting);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    applyUpdate(meeting, parsed.value);
    meeting.revision = (meeting.revision ?? 0) + 1;
    if (parsed.value.start !== undefined || parsed.value.recurrence !== undefined) {
      // New times or a new rule cancel what the old occurrences were (docs/webex-contract.md §1.4).
      meeting.occurrenceState = 'scheduled';
      meeting.state = 'active';
      delete meeting.occurrenceIndex;
      delete meeting.pastOccurrences;
      delete meeting.cancelledOccurrences;
      delete meeting.modifiedOccurrences;
      ctx.state.pendingSeries.add(meeting.id);
    }
    settleMeeting(ctx, meeting, now);
    emitMeetingEvent(ctx, 'updated', meeting, () => seriesView(ctx.state, meeting, 'UTC'), who.person.id);
    ctx.onChange();
    return sendJson(reply, ref.kind === 'scheduled' ? scheduledView(ctx.state, meeting, zone) : seriesView(ctx.state, meeting, zone));
  };
  app.put('/v1/meetings/:meetingId', update('put'));
  app.patch('/v1/meetings/:meetingId', update('patch'));

  app.delete('/v1/meetings/:meetingId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsWrite);
    const ref = visibleRef(ctx, request, who);
    if (ref.kind === 'instance') throw badRequest(`Meeting ID '${ref.instance.id}' is not allowed for this API.`);
    const query = queryOf(request);
    parseBooleanQuery(query, 'sendEmail', true);
    const meeting = ref.meeting;
    if (!canChangeMeeting(who, meeting)) throw meetingNotFound(paramOf(request, 'meetingId'));
    if (meeting.adhoc === true) throw badRequest('Ad-hoc meetings cannot be deleted');
    if (ref.kind === 'scheduled' && meeting.recurrence !== undefined) {
      cancelOccurrence(ctx, meeting, ref.occurrenceStart, who.person.id);
      return sendNoContent(reply);
    }
    if (meeting.liveInstanceId !== undefined) throw conflict('Meeting is in progress');
    const view = seriesView(ctx.state, meeting, 'UTC');
    ctx.state.removeMeeting(meeting);
    emitMeetingEvent(ctx, 'deleted', meeting, view, who.person.id);
    ctx.onChange();
    return sendNoContent(reply);
  });

  app.post('/v1/meetings/:meetingId/end', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.meetingsWrite);
    const ref = visibleRef(ctx, request, who);
    if (!canChangeMeeting(who, ref.meeting)) throw meetingNotFound(paramOf(request, 'meetingId'));
    if (request.body !== undefined && request.body !== null) {
      const body = request.body as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw invalidItems('The request body must be a JSON object');
      if (body.reason !== undefined && typeof body.reason !== 'string') throw invalidItems("'reason' must be a string");
    }
    const instanceId = ref.kind === 'instance' ? ref.instance.id : ref.meeting.liveInstanceId;
    const instance = instanceId === undefined ? undefined : ctx.state.instances.get(instanceId);
    if (!instance || instance.state === 'ended') throw conflict('The meeting is not in progress');
    endInstance(ctx, ref.meeting, instance, ctx.clock.now());
    return sendNoContent(reply);
  });

}

function visibleRef(ctx: EmulatorContext, request: FastifyRequest, who: ReturnType<typeof authenticate>): MeetingRef {
  const id = paramOf(request, 'meetingId');
  const ref = resolveMeetingId(ctx.state, id);
  if (!ref || !canSeeMeeting(who, ref.meeting)) throw meetingNotFound(id);
  settleMeeting(ctx, ref.meeting, ctx.clock.now());
  return ref;
}

/** When the last occurrence ends (bounded walk: at most 1000 occurrences). */
function seriesEnd(meeting: Meeting): number {
  if (meeting.recurrence === undefined) return meeting.end;
  let last = meeting.start;
  for (const start of occurrenceStarts(meeting)) last = start;
  return last + (meeting.end - meeting.start);
}

function matchesState(query: Query, state: string): boolean {
  return query.state === undefined || query.state === state;
}

function timeWindow(query: Query, meetingType: string, now: number): { from: number; to: number } {
  const read = (name: 'from' | 'to'): number | undefined => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const ms = parseDateTime(raw, 'UTC');
    if (ms === undefined) throw invalidItems(`'${name}' '${raw}' is not an ISO 8601 date-time`);
    return ms;
  };
  const fromGiven = read('from');
  const toGiven = read('to');
  // Defaults (docs/webex-contract.md §1.2): series and occurrences from now for 7 days; instances the last 7 days.
  if (meetingType === 'meeting') {
    const to = toGiven ?? now + 1;
    return { from: fromGiven ?? to - 7 * DAY, to };
  }
  const from = fromGiven ?? now;
  return { from, to: toGiven ?? from + 7 * DAY };
}

function isRoomMember(ctx: EmulatorContext, roomId: string, personId: string): boolean {
  for (const id of ctx.state.membershipsByRoom.get(roomId) ?? []) if (ctx.state.memberships.get(id)?.personId === personId) return true;
  return false;
}

/** What the API forces for ad-hoc space meetings (docs/webex-contract.md §1.1). */
function applyAdhocRules(ctx: EmulatorContext, f: MeetingFields, roomId: string, callerId: string, now: number): void {
  const start = Math.floor(now / 60_000) * 60_000 + 5 * 60_000;
  f.start = start;
  f.end = start + 15 * 60_000;
  f.timezone = 'UTC';
  f.scheduledType = 'meeting';
  f.joinBeforeHostMinutes = 5;
  f.unlockedMeetingJoinSecurity = 'allowJoinWithLobby';
  Object.assign(f.booleans, {
    enabledJoinBeforeHost: true,
    enableConnectAudioBeforeHost: true,
    allowAnyUserToBeCoHost: true,
    allowAuthenticatedDevices: true,
    sendEmail: false,
  });
  const invitees = [];
  for (const id of ctx.state.membershipsByRoom.get(roomId) ?? []) {
    const m = ctx.state.memberships.get(id);
    const person = m ? ctx.state.people.get(m.personId) : undefined;
    if (person && person.id !== callerId && person.emails[0]) {
      invitees.push({ id: '', email: person.emails[0], displayName: person.displayName, coHost: false, panelist: false });
    }
  }
  f.invitees = invitees;
}

function roomMeetingIds(ctx: EmulatorContext, roomId: string, person: Person): string[] {
  const room = ctx.state.rooms.get(roomId);
  if (!room) return [];
  const member = [...(ctx.state.membershipsByPerson.get(person.id) ?? [])].some((id) => ctx.state.memberships.get(id)?.roomId === roomId);
  if (!member) return [];
  return [...ctx.state.meetings.values()].filter((m) => m.roomId === roomId).map((m) => m.id);
}

function newMeeting(ctx: EmulatorContext, f: MeetingFields, host: Person, createdBy: string, clientId: string, siteUrl: string, now: number): Meeting {
  const id = createHexId();
  let meetingNumber = createDigits(10);
  while (ctx.state.meetingsByNumber.has(meetingNumber)) meetingNumber = createDigits(10);
  const sitePrefix = siteUrl.split('.')[0] ?? 'site';
  const b = f.booleans;
  const prefs = host.schedulingOptions;
  return {
    id,
    orgId: host.orgId,
    siteUrl,
    hostUserId: host.id,
    meetingNumber,
    webLink: `https://${siteUrl}/${sitePrefix}/j.php?MTID=m${createHexId()}`,
    hostKey: createDigits(6),
    password: f.password ?? generatePassword(),
    phonePassword: createDigits(8),
    accessCode: meetingNumber,
    title: f.title ?? 'Meeting',
    ...(typeof f.agenda === 'string' ? { agenda: f.agenda } : {}),
    timezone: f.timezone ?? 'UTC',
    start: f.start ?? now,
    end: f.end ?? now,
    ...(typeof f.recurrence === 'string' ? { recurrence: f.recurrence } : {}),
    scheduledType: f.scheduledType ?? 'meeting',
    enabledAutoRecordMeeting: b.enabledAutoRecordMeeting ?? false,
    allowAnyUserToBeCoHost: b.allowAnyUserToBeCoHost ?? false,
    enabledJoinBeforeHost: b.enabledJoinBeforeHost ?? prefs.enabledJoinBeforeHost,
    enableConnectAudioBeforeHost: b.enableConnectAudioBeforeHost ?? false,
    joinBeforeHostMinutes: f.joinBeforeHostMinutes ?? prefs.joinBeforeHostMinutes,
    excludePassword: b.excludePassword ?? false,
    publicMeeting: b.publicMeeting ?? false,
    reminderTime: f.reminderTime ?? 10,
    unlockedMeetingJoinSecurity: f.unlockedMeetingJoinSecurity ?? 'allowJoinWithLobby',
    enableAutomaticLock: b.enableAutomaticLock ?? false,
    automaticLockMinutes: f.automaticLockMinutes ?? 0,
    allowFirstUserToBeCoHost: b.allowFirstUserToBeCoHost ?? false,
    allowAuthenticatedDevices: b.allowAuthenticatedDevices ?? false,
    sendEmail: b.sendEmail ?? true,
    integrationTags: f.integrationTags ?? [],
    invitees: (f.invitees ?? []).map((i) => ({ ...i, id: `${id}_${createHexId()}` })),
    ...(f.roomId !== undefined ? { roomId: f.roomId } : {}),
    ...(f.adhoc === true ? { adhoc: true } : {}),
    meetingOptions: f.meetingOptions ?? {},
    attendeePrivileges: f.attendeePrivileges ?? {},
    audioConnectionOptions: f.audioConnectionOptions ?? {},
    state: 'active',
    occurrenceState: 'scheduled',
    hostDidJoin: false,
    attendeeDidJoin: false,
    isModified: false,
    created: now,
    instanceIds: [],
    createdBy,
    appClientId: clientId,
  };
}

/** Site-compliant by construction: upper, lower and digits (S1's password rule example). */
function generatePassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const hex = createHexId();
  let out = 'Aa';
  for (let i = 0; i < 4; i += 1) out += letters[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % letters.length] ?? 'x';
  return `${out}${createDigits(2)}`;
}


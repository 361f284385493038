import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { conflict, forbidden, invalidItems, notFound } from '../errors.js';
import { isoMillis } from '../emulator-clock.js';
import { createWebexId } from '../ids.js';
import { isPlainObject } from '../meeting-rules.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, queryOf, sendJson, sendNoContent } from '../reply.js';
import type { Membership, Person, Room } from '../state.js';

/** /v1/rooms and /v1/memberships (docs/webex-contract.md §7): spaces for persistent guests, with webhooks on create. */
export function registerRoomRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const memberOf = (person: Person, roomId: string): Membership | undefined => {
    for (const id of ctx.state.membershipsByRoom.get(roomId) ?? []) {
      const m = ctx.state.memberships.get(id);
      if (m?.personId === person.id) return m;
    }
    return undefined;
  };
  const roomFor = (who: Principal, id: string): Room => {
    const room = ctx.state.rooms.get(id);
    if (!room || !memberOf(who.person, id)) throw notFound(`Room '${id}' not found`);
    return room;
  };
  const addMember = (room: Room, person: Person, isModerator: boolean, actorId: string): Membership => {
    const membership: Membership = {
      id: createWebexId('MEMBERSHIP', `${person.uuid}:${room.id.slice(-36)}`),
      roomId: room.id,
      personId: person.id,
      isModerator,
      isMonitor: false,
      created: ctx.clock.now(),
    };
    ctx.state.addMembership(membership);
    emit(ctx, 'memberships', room, membershipView(ctx, membership), actorId, [person.id, actorId]);
    return membership;
  };

  app.post('/v1/rooms', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.roomsWrite);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.title !== 'string' || body.title.trim() === '' || body.title.length > 256) problems.push("'title' is required: a non-empty string of at most 256 characters");
    for (const key of ['isLocked', 'isPublic', 'isAnnouncementOnly'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') problems.push(`'${key}' must be a boolean`);
    }
    for (const key of ['teamId', 'classificationId', 'description'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'string') problems.push(`'${key}' must be a string`);
    }
    if (body.isPublic === true && typeof body.description !== 'string') problems.push("'description' is required when 'isPublic' is true");
    if (problems.length > 0) throw invalidItems(...problems);
    const now = ctx.clock.now();
    const room: Room = {
      id: createWebexId('ROOM'),
      title: body.title as string,
      type: 'group',
      isLocked: body.isLocked === true,
      ...(typeof body.teamId === 'string' ? { teamId: body.teamId } : {}),
      creatorId: who.person.id,
      ownerId: who.person.orgId,
      orgId: who.person.orgId,
      created: now,
      lastActivity: now,
      isAnnouncementOnly: body.isAnnouncementOnly === true,
      isPublic: body.isPublic === true,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(typeof body.classificationId === 'string' ? { classificationId: body.classificationId } : {}),
    };
    ctx.state.rooms.set(room.id, room);
    emit(ctx, 'rooms', room, roomView(room), who.person.id, [who.person.id]);
    // The creator is added as a member (docs/webex-contract.md §7).
    addMember(room, who.person, room.isLocked, who.person.id);
    ctx.onChange();
    return sendJson(reply, roomView(room));
  });

  app.get('/v1/rooms', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.roomsRead);
    const query = queryOf(request);
    const max = parseMax(query.max, 100, 1000);
    const cursor = parseCursor(query.cursor);
    if (query.type !== undefined && query.type !== 'direct' && query.type !== 'group') throw invalidItems("'type' must be direct or group");
    if (query.sortBy !== undefined && !['id', 'lastactivity', 'created'].includes(query.sortBy)) throw invalidItems("'sortBy' must be id, lastactivity or created");
    const roomIds = [...(ctx.state.membershipsByPerson.get(who.person.id) ?? [])]
      .map((id) => ctx.state.memberships.get(id)?.roomId)
      .filter((id): id is string => id !== undefined);
    const page = pageThrough(roomIds, cursor, max, (id) => {
      const room = ctx.state.rooms.get(id);
      if (!room) return undefined;
      if (query.type !== undefined && room.type !== query.type) return undefined;
      if (query.teamId !== undefined && room.teamId !== query.teamId) return undefined;
      return roomView(room);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/rooms/:roomId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.roomsRead);
    return sendJson(reply, roomView(roomFor(who, paramOf(request, 'roomId'))));
  });

  // Update a Room: title is required; only a moderator may change a locked room or lock it (docs/emulator.md "Where Webex is undocumented").
  app.put('/v1/rooms/:roomId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.roomsWrite);
    const room = roomFor(who, paramOf(request, 'roomId'));
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.title !== 'string' || body.title.trim() === '' || body.title.length > 256) problems.push("'title' is required: a non-empty string of at most 256 characters");
    for (const key of ['isLocked', 'isPublic', 'isAnnouncementOnly', 'isReadOnly'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') problems.push(`'${key}' must be a boolean`);
    }
    for (const key of ['teamId', 'classificationId', 'description'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'string') problems.push(`'${key}' must be a string`);
    }
    const isPublic = typeof body.isPublic === 'boolean' ? body.isPublic : room.isPublic;
    const description = typeof body.description === 'string' ? body.description : room.description;
    if (isPublic && description === undefined) problems.push("'description' is required when 'isPublic' is true");
    if (body.teamId !== undefined && body.teamId !== room.teamId) problems.push("'teamId' cannot be changed: a room cannot move between teams");
    if (problems.length > 0) throw invalidItems(...problems);
    const moderator = memberOf(who.person, room.id)?.isModerator === true;
    const locking = typeof body.isLocked === 'boolean' && body.isLocked !== room.isLocked;
    const announcing = typeof body.isAnnouncementOnly === 'boolean' && body.isAnnouncementOnly !== room.isAnnouncementOnly;
    if ((room.isLocked || locking || announcing) && !moderator) throw forbidden('Only a moderator may change a locked room, lock it or make it announcement-only');
    room.title = body.title as string;
    if (typeof body.isLocked === 'boolean') room.isLocked = body.isLocked;
    room.isPublic = isPublic;
    if (description !== undefined) room.description = description;
    if (typeof body.isAnnouncementOnly === 'boolean') room.isAnnouncementOnly = body.isAnnouncementOnly;
    if (typeof body.isReadOnly === 'boolean') room.isReadOnly = body.isReadOnly;
    if (typeof body.classificationId === 'string') room.classificationId = body.classificationId;
    emit(ctx, 'rooms', room, roomView(room), who.person.id, [who.person.id], 'updated');
    ctx.onChange();
    return sendJson(reply, roomView(room));
  });

  app.delete('/v1/rooms/:roomId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.roomsWrite);
    const room = roomFor(who, paramOf(request, 'roomId'));
    const membership = memberOf(who.person, room.id);
    if (room.creatorId !== who.person.id && !membership?.isModerator) throw forbidden('Only the creator or a moderator may delete the room');
    for (const id of [...(ctx.state.membershipsByRoom.get(room.id) ?? [])]) {
      const m = ctx.state.memberships.get(id);
      if (m) ctx.state.removeMembership(m);
    }
    for (const id of ctx.state.messagesByRoom.get(room.id) ?? []) ctx.state.messages.delete(id);
    ctx.state.messagesByRoom.delete(room.id);
    ctx.state.rooms.delete(room.id);
    emit(ctx, 'rooms', room, roomView(room), who.person.id, [who.person.id], 'deleted');
    ctx.onChange();
    return sendNoContent(reply);
  });

  app.post('/v1/memberships', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.membershipsWrite);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.roomId !== 'string' || body.roomId === '') problems.push("'roomId' is required");
    if ((body.personId === undefined) === (body.personEmail === undefined)) problems.push("Give exactly one of 'personId' or 'personEmail'");
    if (body.personId !== undefined && (typeof body.personId !== 'string' || body.personId === '')) problems.push("'personId' must be a non-empty string");
    if (body.personEmail !== undefined && (typeof body.personEmail !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.personEmail))) {
      problems.push("'personEmail' must be an e-mail address");
    }
    if (body.isModerator !== undefined && typeof body.isModerator !== 'boolean') problems.push("'isModerator' must be a boolean");
    if (problems.length > 0) throw invalidItems(...problems);
    const room = roomFor(who, body.roomId as string);
    let person: Person | undefined;
    if (typeof body.personId === 'string') {
      person = ctx.state.people.get(body.personId);
      if (!person) throw notFound(`Person '${body.personId}' not found`);
    } else {
      const email = body.personEmail as string;
      person = ctx.state.findPersonByEmail(email);
      if (!person) {
        // Adding an unknown address invites a new person (Webex creates a pending user).
        person = createInvitedPerson(ctx, email, room.orgId);
      }
    }
    if (memberOf(person, room.id)) throw conflict('A person may not be added to a room more than once.');
    const membership = addMember(room, person, body.isModerator === true, who.person.id);
    ctx.onChange();
    return sendJson(reply, membershipView(ctx, membership));
  });

  app.get('/v1/memberships', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.membershipsRead);
    const query = queryOf(request);
    const max = parseMax(query.max, 100, 1000);
    const cursor = parseCursor(query.cursor);
    if ((query.personId !== undefined || query.personEmail !== undefined) && query.roomId === undefined) {
      throw invalidItems("'personId' and 'personEmail' need 'roomId'");
    }
    let ids: string[];
    if (query.roomId !== undefined) {
      roomFor(who, query.roomId);
      ids = [...(ctx.state.membershipsByRoom.get(query.roomId) ?? [])];
    } else {
      ids = [...(ctx.state.membershipsByPerson.get(who.person.id) ?? [])];
    }
    const page = pageThrough(ids, cursor, max, (id) => {
      const m = ctx.state.memberships.get(id);
      if (!m) return undefined;
      const view = membershipView(ctx, m);
      if (query.personId !== undefined && m.personId !== query.personId) return undefined;
      if (query.personEmail !== undefined && String(view.personEmail).toLowerCase() !== query.personEmail.toLowerCase()) return undefined;
      return view;
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/memberships/:membershipId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.membershipsRead);
    const id = paramOf(request, 'membershipId');
    const m = ctx.state.memberships.get(id);
    if (!m || !memberOf(who.person, m.roomId)) throw notFound(`Membership '${id}' not found`);
    return sendJson(reply, membershipView(ctx, m));
  });

  // Update a Membership: both fields are required by the spec; only a moderator may change someone's moderator flag,
  // and isRoomHidden is each person's own (docs/emulator.md "Where Webex is undocumented").
  app.put('/v1/memberships/:membershipId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.membershipsWrite);
    const id = paramOf(request, 'membershipId');
    const m = ctx.state.memberships.get(id);
    if (!m || !memberOf(who.person, m.roomId)) throw notFound(`Membership '${id}' not found`);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    for (const key of ['isModerator', 'isRoomHidden'] as const) if (typeof body[key] !== 'boolean') problems.push(`'${key}' is required and must be a boolean`);
    if (problems.length > 0) throw invalidItems(...problems);
    const own = m.personId === who.person.id;
    if (body.isModerator !== m.isModerator && memberOf(who.person, m.roomId)?.isModerator !== true) throw forbidden("Only a moderator may change 'isModerator'");
    if (body.isRoomHidden !== (m.isRoomHidden === true) && !own) throw forbidden("'isRoomHidden' can be changed only on your own membership");
    m.isModerator = body.isModerator as boolean;
    m.isRoomHidden = body.isRoomHidden as boolean;
    const room = ctx.state.rooms.get(m.roomId);
    if (room) emit(ctx, 'memberships', room, membershipView(ctx, m), who.person.id, [m.personId, who.person.id], 'updated');
    ctx.onChange();
    return sendJson(reply, membershipView(ctx, m));
  });

  app.delete('/v1/memberships/:membershipId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.membershipsWrite);
    const id = paramOf(request, 'membershipId');
    const m = ctx.state.memberships.get(id);
    if (!m || !memberOf(who.person, m.roomId)) throw notFound(`Membership '${id}' not found`);
    const room = ctx.state.rooms.get(m.roomId);
    ctx.state.removeMembership(m);
    if (room) emit(ctx, 'memberships', room, membershipView(ctx, m), who.person.id, [m.personId, who.person.id], 'deleted');
    ctx.onChange();
    return sendNoContent(reply);
  });
}

function createInvitedPerson(ctx: EmulatorContext, email: string, orgId: string): Person {
  const name = email.split('@')[0] ?? email;
  const uuid = randomUUID();
  const person: Person = {
    id: createWebexId('PEOPLE', uuid),
    uuid,
    orgId,
    emails: [email],
    displayName: name,
    firstName: name,
    lastName: '',
    type: 'person',
    created: ctx.clock.now(),
    siteUrls: [],
    schedulingOptions: { enabledJoinBeforeHost: false, joinBeforeHostMinutes: 0, enabledAutoShareRecording: false, enabledWebexAssistantByDefault: false, delegateEmails: [] },
    admin: false,
  };
  ctx.state.addPerson(person);
  return person;
}

function emit(ctx: EmulatorContext, resource: 'rooms' | 'memberships', room: Room, data: Record<string, unknown>, actorId: string, owners: string[], event = 'created'): void {
  const fields: Record<string, string | boolean | undefined> = { id: data.id as string, type: room.type, isLocked: room.isLocked, roomId: room.id };
  if (resource === 'memberships') {
    fields.personId = data.personId as string;
    fields.personEmail = data.personEmail as string;
    fields.isModerator = data.isModerator as boolean;
  }
  ctx.webhooks.emit({ resource, event, orgId: room.orgId, actorId, data, filterFields: fields, ownerPersonIds: owners });
}

export function roomView(room: Room): Record<string, unknown> {
  return {
    id: room.id,
    title: room.title,
    type: room.type,
    isLocked: room.isLocked,
    ...(room.teamId !== undefined ? { teamId: room.teamId } : {}),
    lastActivity: isoMillis(room.lastActivity),
    creatorId: room.creatorId,
    created: isoMillis(room.created),
    ownerId: room.ownerId,
    ...(room.classificationId !== undefined ? { classificationId: room.classificationId } : {}),
    isAnnouncementOnly: room.isAnnouncementOnly,
    isReadOnly: room.isReadOnly === true,
    isPublic: room.isPublic,
    ...(room.description !== undefined ? { description: room.description } : {}),
  };
}

export function membershipView(ctx: EmulatorContext, m: Membership): Record<string, unknown> {
  const person = ctx.state.people.get(m.personId);
  const room = ctx.state.rooms.get(m.roomId);
  return {
    id: m.id,
    roomId: m.roomId,
    personId: m.personId,
    personEmail: person?.emails[0] ?? '',
    personDisplayName: person?.displayName ?? '',
    personOrgId: person?.orgId ?? '',
    isModerator: m.isModerator,
    isRoomHidden: m.isRoomHidden === true,
    roomType: room?.type ?? 'group',
    isMonitor: m.isMonitor,
    created: isoMillis(m.created),
  };
}

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SCOPES, authenticate, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { forbidden, invalidItems, notFound } from '../errors.js';
import { isoMillis } from '../emulator-clock.js';
import { createWebexId } from '../ids.js';
import { isPlainObject } from '../meeting-rules.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, queryOf, sendJson, sendNoContent } from '../reply.js';
import type { Membership, Message, Person, Room } from '../state.js';

const MAX_TEXT = 7439;

/**
 * /v1/messages, enough for persistent guests who chat in their space (docs/guest-to-guest.md: "the guests chat outside a
 * meeting") and for messaging clients: post to a room or to a person (a direct room appears), list (also direct
 * messages with one person), get, edit, delete;
 * `messages` created/deleted webhooks carry the message without its text, as Webex's do.
 */
export function registerMessageRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const membership = (personId: string, roomId: string): Membership | undefined => {
    for (const id of ctx.state.membershipsByRoom.get(roomId) ?? []) {
      const m = ctx.state.memberships.get(id);
      if (m?.personId === personId) return m;
    }
    return undefined;
  };
  const roomOf = (who: Principal, roomId: string): Room => {
    const room = ctx.state.rooms.get(roomId);
    if (!room || !membership(who.person.id, roomId)) throw notFound(`Room '${roomId}' not found`);
    return room;
  };

  app.post('/v1/messages', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesWrite);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    const targets = (['roomId', 'toPersonId', 'toPersonEmail'] as const).filter((k) => body[k] !== undefined);
    if (targets.length !== 1) problems.push("Give exactly one of 'roomId', 'toPersonId' or 'toPersonEmail'");
    for (const key of ['roomId', 'toPersonId', 'toPersonEmail', 'parentId'] as const) {
      if (body[key] !== undefined && (typeof body[key] !== 'string' || body[key] === '')) problems.push(`'${key}' must be a non-empty string`);
    }
    for (const key of ['text', 'markdown'] as const) {
      const v = body[key];
      if (v !== undefined && (typeof v !== 'string' || v.length > MAX_TEXT)) problems.push(`'${key}' must be a string of at most ${MAX_TEXT} characters`);
    }
    if (typeof body.text !== 'string' && typeof body.markdown !== 'string') problems.push("'text' or 'markdown' is required");
    if (body.files !== undefined || body.attachments !== undefined) problems.push("'files' and 'attachments' are not emulated; send text or markdown");
    if (problems.length > 0) throw invalidItems(...problems);

    // Everything is checked before a direct room may be created, so a refused message leaves nothing behind.
    let room: Room | undefined;
    let other: Person | undefined;
    if (typeof body.roomId === 'string') {
      room = roomOf(who, body.roomId);
    } else {
      other = typeof body.toPersonId === 'string' ? ctx.state.people.get(body.toPersonId) : ctx.state.findPersonByEmail(body.toPersonEmail as string);
      if (!other) throw notFound('The person to message was not found');
      if (other.id === who.person.id) throw invalidItems('A direct message needs someone other than yourself');
      room = findDirectRoom(ctx, who.person, other, membership);
    }
    if (room?.isLocked && !membership(who.person.id, room.id)?.isModerator && room.creatorId !== who.person.id) {
      throw forbidden('Only moderators may post in this locked space');
    }
    if (typeof body.parentId === 'string') {
      const parent = ctx.state.messages.get(body.parentId);
      if (!parent || parent.roomId !== room?.id) throw invalidItems("'parentId' must be a message of the same room");
    }
    room ??= createDirectRoom(ctx, who.person, other as Person);
    const now = ctx.clock.now();
    const message: Message = {
      id: createWebexId('MESSAGE'),
      roomId: room.id,
      personId: who.person.id,
      ...(typeof body.text === 'string' ? { text: body.text } : {}),
      ...(typeof body.markdown === 'string' ? { markdown: body.markdown } : {}),
      ...(typeof body.parentId === 'string' ? { parentId: body.parentId } : {}),
      created: now,
    };
    ctx.state.addMessage(message);
    room.lastActivity = now;
    emitMessageEvent(ctx, 'created', room, message, who.person.id);
    ctx.onChange();
    return sendJson(reply, messageView(ctx, message));
  });

  app.get('/v1/messages', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesRead);
    const query = queryOf(request);
    if (query.roomId === undefined || query.roomId === '') throw invalidItems("'roomId' is required");
    const room = roomOf(who, query.roomId);
    const max = parseMax(query.max, 50, 100);
    const cursor = parseCursor(query.cursor);
    // Newest first, as Webex lists messages.
    const ids = [...(ctx.state.messagesByRoom.get(room.id) ?? [])].reverse();
    const page = pageThrough(ids, cursor, max, (id) => {
      const m = ctx.state.messages.get(id);
      if (!m) return undefined;
      if (query.parentId !== undefined && m.parentId !== query.parentId) return undefined;
      if (query.mentionedPeople !== undefined) return undefined;
      return messageView(ctx, m);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  // Direct messages with one person, newest first (Webex: personId or personEmail, exactly one).
  app.get('/v1/messages/direct', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesRead);
    const query = queryOf(request);
    if ((query.personId === undefined) === (query.personEmail === undefined)) throw invalidItems("Give exactly one of 'personId' or 'personEmail'");
    const other = query.personId !== undefined ? ctx.state.people.get(query.personId) : ctx.state.findPersonByEmail(query.personEmail ?? '');
    const room = other ? findDirectRoom(ctx, who.person, other, membership) : undefined;
    const items = room
      ? [...(ctx.state.messagesByRoom.get(room.id) ?? [])]
          .reverse()
          .map((id) => ctx.state.messages.get(id))
          .filter((m): m is Message => m !== undefined && (query.parentId === undefined || m.parentId === query.parentId))
          .map((m) => messageView(ctx, m))
      : [];
    return sendJson(reply, { items });
  });

  // Edit a Message: only its author, in the same room, with text or markdown, at most 10 times (the spec's rules).
  app.put('/v1/messages/:messageId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesWrite);
    const id = paramOf(request, 'messageId');
    const message = ctx.state.messages.get(id);
    if (!message || !membership(who.person.id, message.roomId)) throw notFound(`Message '${id}' not found`);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    if (typeof body.roomId !== 'string' || body.roomId === '') problems.push("'roomId' is required");
    else if (body.roomId !== message.roomId) problems.push("'roomId' must be the room of the message");
    for (const key of ['text', 'markdown'] as const) {
      const v = body[key];
      if (v !== undefined && (typeof v !== 'string' || v.length > MAX_TEXT)) problems.push(`'${key}' must be a string of at most ${MAX_TEXT} characters`);
    }
    if (typeof body.text !== 'string' && typeof body.markdown !== 'string') problems.push("'text' or 'markdown' is required");
    if (problems.length > 0) throw invalidItems(...problems);
    if (message.personId !== who.person.id) throw forbidden('Only the author may edit a message');
    if ((message.edits ?? 0) >= 10) throw invalidItems('The edit limit of 10 edits per message has been reached');
    if (typeof body.text === 'string') message.text = body.text;
    else delete message.text;
    if (typeof body.markdown === 'string') message.markdown = body.markdown;
    else delete message.markdown;
    message.edits = (message.edits ?? 0) + 1;
    message.updated = ctx.clock.now();
    const room = ctx.state.rooms.get(message.roomId);
    if (room) emitMessageEvent(ctx, 'updated', room, message, who.person.id);
    ctx.onChange();
    return sendJson(reply, messageView(ctx, message));
  });

  app.get('/v1/messages/:messageId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesRead);
    const id = paramOf(request, 'messageId');
    const message = ctx.state.messages.get(id);
    if (!message || !membership(who.person.id, message.roomId)) throw notFound(`Message '${id}' not found`);
    return sendJson(reply, messageView(ctx, message));
  });

  app.delete('/v1/messages/:messageId', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.messagesWrite);
    const id = paramOf(request, 'messageId');
    const message = ctx.state.messages.get(id);
    const mine = message ? membership(who.person.id, message.roomId) : undefined;
    if (!message || !mine) throw notFound(`Message '${id}' not found`);
    if (message.personId !== who.person.id && !mine.isModerator) throw forbidden('Only the author or a moderator may delete a message');
    ctx.state.messages.delete(id);
    const list = ctx.state.messagesByRoom.get(message.roomId);
    if (list) ctx.state.messagesByRoom.set(message.roomId, list.filter((m) => m !== id));
    const room = ctx.state.rooms.get(message.roomId);
    if (room) emitMessageEvent(ctx, 'deleted', room, message, who.person.id);
    ctx.onChange();
    return sendNoContent(reply);
  });
}

/** The 1:1 room of two people, if they have written to each other before. */
function findDirectRoom(ctx: EmulatorContext, me: Person, other: Person, membership: (personId: string, roomId: string) => Membership | undefined): Room | undefined {
  for (const id of ctx.state.membershipsByPerson.get(me.id) ?? []) {
    const room = ctx.state.rooms.get(ctx.state.memberships.get(id)?.roomId ?? '');
    if (room?.type === 'direct' && membership(other.id, room.id)) return room;
  }
  return undefined;
}

/** Made on the first direct message between two people. */
function createDirectRoom(ctx: EmulatorContext, me: Person, other: Person): Room {
  const now = ctx.clock.now();
  const room: Room = {
    id: createWebexId('ROOM'),
    title: other.displayName,
    type: 'direct',
    isLocked: false,
    creatorId: me.id,
    ownerId: me.orgId,
    orgId: me.orgId,
    created: now,
    lastActivity: now,
    isAnnouncementOnly: false,
    isPublic: false,
  };
  ctx.state.rooms.set(room.id, room);
  for (const person of [me, other]) {
    ctx.state.addMembership({ id: createWebexId('MEMBERSHIP', `${person.uuid}:${randomUUID()}`), roomId: room.id, personId: person.id, isModerator: false, isMonitor: false, created: now });
  }
  return room;
}

function emitMessageEvent(ctx: EmulatorContext, event: 'created' | 'updated' | 'deleted', room: Room, message: Message, actorId: string): void {
  if (!ctx.webhooks.wants('messages', event)) return;
  const author = ctx.state.people.get(message.personId);
  // Webex leaves the text out of webhook data; receivers GET the message (docs/webex-contract.md §5.2).
  const data = {
    id: message.id,
    roomId: room.id,
    roomType: room.type,
    personId: message.personId,
    personEmail: author?.emails[0] ?? '',
    created: isoMillis(message.created),
  };
  const members = [...(ctx.state.membershipsByRoom.get(room.id) ?? [])].map((id) => ctx.state.memberships.get(id)?.personId).filter((id): id is string => id !== undefined);
  ctx.webhooks.emit({
    resource: 'messages',
    event,
    orgId: room.orgId,
    actorId,
    data,
    filterFields: { roomId: room.id, roomType: room.type, personId: message.personId, personEmail: data.personEmail, hasFiles: false },
    ownerPersonIds: members,
  });
}

export function messageView(ctx: EmulatorContext, message: Message): Record<string, unknown> {
  const room = ctx.state.rooms.get(message.roomId);
  const author = ctx.state.people.get(message.personId);
  return {
    id: message.id,
    ...(message.parentId !== undefined ? { parentId: message.parentId } : {}),
    roomId: message.roomId,
    roomType: room?.type ?? 'group',
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.markdown !== undefined ? { markdown: message.markdown } : {}),
    personId: message.personId,
    personEmail: author?.emails[0] ?? '',
    created: isoMillis(message.created),
    ...(message.updated !== undefined ? { updated: isoMillis(message.updated) } : {}),
    isVoiceClip: false,
  };
}

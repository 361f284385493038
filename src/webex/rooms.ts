/**
 * Rooms (spaces), written from the official contract (`components.schemas.Room` and the POST /rooms body).
 * `id`, `title`, `type` and `created` are typed required: Webex always answers them.
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const ROOM_TYPES = ["direct", "group"] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const LIST_ROOMS_QUERY_SORT_BYS = ["id", "lastactivity", "created"] as const;
export type ListRoomsQuerySortBy = (typeof LIST_ROOMS_QUERY_SORT_BYS)[number];

export interface Room {
  /** A unique identifier for the room. */
  id: string;
  /** A user-friendly name for the room. */
  title: string;
  /** The room type. */
  type: RoomType;
  /** Whether the room is moderated (locked) or not. */
  isLocked?: boolean;
  /** The ID for the team with which this room is associated. */
  teamId?: string;
  /** The date and time of the room's last activity. */
  lastActivity?: string;
  /** The ID of the person who created this room. */
  creatorId?: string;
  /** The date and time the room was created. */
  created: string;
  /** The ID of the organization which owns this room. */
  ownerId?: string;
  /** Space classification ID represents the space's current classification. */
  classificationId?: string;
  /** Indicates when a space is in Announcement Mode where only moderators can post messages */
  isAnnouncementOnly?: boolean;
  /** A compliance officer can set a direct room as read-only, which will disallow any new information exchanges in this space, while maintaing historical data. */
  isReadOnly?: boolean;
  /** The room is public and therefore discoverable within the org. */
  isPublic?: boolean;
  /** Date and time when the room was made public. */
  madePublic?: string;
  /** The description of the space. */
  description?: string;
}

export interface CreateRoomBody {
  /** A user-friendly name for the room. */
  title: string;
  /** The ID for the team with which this room is associated. */
  teamId?: string;
  /** The `classificationId` for the room. */
  classificationId?: string;
  /** Set the space as locked/moderated and the creator becomes a moderator */
  isLocked?: boolean;
  /** The room is public and therefore discoverable within the org. */
  isPublic?: boolean;
  /** The description of the space. */
  description?: string;
  /** Sets the space into announcement Mode. */
  isAnnouncementOnly?: boolean;
}

export interface ListRoomsQuery {
  /** List rooms associated with a team, by ID. */
  teamId?: string;
  /** List rooms by type. */
  type?: RoomType;
  /** Shows the org's public spaces joined and unjoined. */
  orgPublicSpaces?: boolean;
  /** Filters rooms, that were made public after this time. */
  from?: string;
  /** Filters rooms, that were made public before this time. */
  to?: string;
  /** Sort results. */
  sortBy?: ListRoomsQuerySortBy;
  /** Limit the maximum number of rooms in the response. */
  max?: number;
}

// Shapes (see shape.ts)

export const roomShape: Shape<Room> = {
  id: 'string',
  title: 'string',
  type: ROOM_TYPES,
  isLocked: 'boolean',
  teamId: 'string',
  lastActivity: 'string',
  creatorId: 'string',
  created: 'string',
  ownerId: 'string',
  classificationId: 'string',
  isAnnouncementOnly: 'boolean',
  isReadOnly: 'boolean',
  isPublic: 'boolean',
  madePublic: 'string',
  description: 'string',
};

export const createRoomBodyShape: Shape<CreateRoomBody> = {
  title: 'string',
  teamId: 'string',
  classificationId: 'string',
  isLocked: 'boolean',
  isPublic: 'boolean',
  description: 'string',
  isAnnouncementOnly: 'boolean',
};

export interface RoomsApi {
  /** Creates a space; never repeated blindly after a lost answer (it would create a second one). */
  create(body: CreateRoomBody, opts?: CallOptions): Promise<Room>;
  list(query?: ListRoomsQuery, opts?: CallOptions): AsyncIterable<Room>;
  listPage(query?: ListRoomsQuery, opts?: PageOptions): Promise<Page<Room>>;
  get(roomId: string, opts?: CallOptions): Promise<Room>;
  delete(roomId: string, opts?: CallOptions): Promise<void>;
}

export function createRoomsApi(transport: Transport): RoomsApi {
  const one = (id: string) => `/rooms/${encodeURIComponent(id)}`;
  return {
    create: async (body, opts) => (await transport.request<Room>({ method: 'POST', path: '/rooms', json: body, signal: opts?.signal })).data,
    list: (query, opts) => paginate<Room>(transport, { path: '/rooms', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Room>(transport, { path: '/rooms', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    get: async (id, opts) => (await transport.request<Room>({ method: 'GET', path: one(id), signal: opts?.signal })).data,
    delete: async (id, opts) => {
      await transport.request({ method: 'DELETE', path: one(id), responseType: 'none', signal: opts?.signal });
    },
  };
}

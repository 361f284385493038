/**
 * Memberships (who is in a space), written from the official contract (`components.schemas.Membership` and the
 * POST /memberships body). `id`, `roomId` and `created` are typed required: Webex always answers them.
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const MEMBERSHIP_ROOM_TYPES = ["direct", "group"] as const;
export type MembershipRoomType = (typeof MEMBERSHIP_ROOM_TYPES)[number];

export interface Membership {
  /** A unique identifier for the membership. */
  id: string;
  /** The room ID. */
  roomId: string;
  /** The person ID. */
  personId?: string;
  /** The email address of the person. */
  personEmail?: string;
  /** The display name of the person. */
  personDisplayName?: string;
  /** The organization ID of the person. */
  personOrgId?: string;
  /** Whether or not the participant is a room moderator. */
  isModerator?: boolean;
  /** Whether or not the direct type room is hidden in the Webex clients. */
  isRoomHidden?: boolean;
  /** The type of room the membership is associated with. */
  roomType?: MembershipRoomType;
  /** Whether or not the participant is a monitoring bot (deprecated). */
  isMonitor?: boolean;
  /** The date and time when the membership was created. */
  created: string;
}

export interface CreateMembershipBody {
  /** The room ID. */
  roomId: string;
  /** The person ID. */
  personId?: string;
  /** The email address of the person. */
  personEmail?: string;
  /** Whether or not the participant is a room moderator. */
  isModerator?: boolean;
}

export interface ListMembershipsQuery {
  /** List memberships associated with a room, by ID. */
  roomId?: string;
  /** List memberships associated with a person, by ID. */
  personId?: string;
  /** List memberships associated with a person, by email address. */
  personEmail?: string;
  /** Limit the maximum number of memberships in the response. */
  max?: number;
}

// Shapes (see shape.ts)

export const membershipShape: Shape<Membership> = {
  id: 'string',
  roomId: 'string',
  personId: 'string',
  personEmail: 'string',
  personDisplayName: 'string',
  personOrgId: 'string',
  isModerator: 'boolean',
  isRoomHidden: 'boolean',
  roomType: MEMBERSHIP_ROOM_TYPES,
  isMonitor: 'boolean',
  created: 'string',
};

export const createMembershipBodyShape: Shape<CreateMembershipBody> = {
  roomId: 'string',
  personId: 'string',
  personEmail: 'string',
  isModerator: 'boolean',
};

export interface MembershipsApi {
  /** Adds a person by `personId` or `personEmail`; adding someone twice answers 409 (`webex_conflict`). */
  create(body: CreateMembershipBody, opts?: CallOptions): Promise<Membership>;
  list(query?: ListMembershipsQuery, opts?: CallOptions): AsyncIterable<Membership>;
  listPage(query?: ListMembershipsQuery, opts?: PageOptions): Promise<Page<Membership>>;
  get(membershipId: string, opts?: CallOptions): Promise<Membership>;
  delete(membershipId: string, opts?: CallOptions): Promise<void>;
}

export function createMembershipsApi(transport: Transport): MembershipsApi {
  const one = (id: string) => `/memberships/${encodeURIComponent(id)}`;
  return {
    create: async (body, opts) => (await transport.request<Membership>({ method: 'POST', path: '/memberships', json: body, signal: opts?.signal })).data,
    list: (query, opts) => paginate<Membership>(transport, { path: '/memberships', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Membership>(transport, { path: '/memberships', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    get: async (id, opts) => (await transport.request<Membership>({ method: 'GET', path: one(id), signal: opts?.signal })).data,
    delete: async (id, opts) => {
      await transport.request({ method: 'DELETE', path: one(id), responseType: 'none', signal: opts?.signal });
    },
  };
}

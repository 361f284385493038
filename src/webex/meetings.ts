import type { CreateMeetingBody, DeleteMeetingQuery, EndMeetingBody, GetMeetingQuery, JoinMeetingBody, JoinMeetingResponse, ListMeetingsQuery, Meeting, PatchMeetingBody, UpdateMeetingBody } from './meeting-types.js';
import { fetchPage, paginate, type Page } from './pagination.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

/** What `join` takes: everything but `joinDirectly`, which the client always sends as false. */
export type JoinMeetingInput = Omit<JoinMeetingBody, 'joinDirectly'>;

export interface MeetingsApi {
  /** Schedules a meeting (200 with the series). Never repeated blindly: a lost answer is `webex_outcome_unknown`. */
  create(body: CreateMeetingBody, opts?: CallOptions): Promise<Meeting>;
  get(meetingId: string, query?: GetMeetingQuery, opts?: CallOptions): Promise<Meeting>;
  /** Every meeting matching the filters, across pages (`max` is the page size, at most 100). */
  list(query?: ListMeetingsQuery, opts?: CallOptions): AsyncIterable<Meeting>;
  listPage(query?: ListMeetingsQuery, opts?: PageOptions): Promise<Page<Meeting>>;
  /** PUT: replaces the updatable fields (Webex will deprecate it for PATCH). */
  update(meetingId: string, body: UpdateMeetingBody, opts?: CallOptions): Promise<Meeting>;
  /** PATCH: changes only the fields given (merge-style object, sent as Webex declares: application/json-patch+json). */
  patch(meetingId: string, body: PatchMeetingBody, opts?: CallOptions): Promise<Meeting>;
  delete(meetingId: string, query?: DeleteMeetingQuery, opts?: CallOptions): Promise<void>;
  /** Ends the meeting in progress (a series id ends its current occurrence). */
  end(meetingId: string, body?: EndMeetingBody, opts?: CallOptions): Promise<void>;
  /**
   * Mints join (and, for the host, start) links. Always `joinDirectly: false`: the default true answers a 302 to the
   * link instead of JSON. Safe to repeat: it creates nothing, a second link is as good as the first.
   */
  join(body: JoinMeetingInput, opts?: CallOptions): Promise<JoinMeetingResponse>;
}

export function createMeetingsApi(transport: Transport): MeetingsApi {
  const one = (id: string) => `/meetings/${encodeURIComponent(id)}`;
  return {
    create: async (body, opts) => (await transport.request<Meeting>({ method: 'POST', path: '/meetings', json: body, signal: opts?.signal })).data,
    get: async (id, query, opts) => (await transport.request<Meeting>({ method: 'GET', path: one(id), query: { ...query }, signal: opts?.signal })).data,
    list: (query, opts) => paginate<Meeting>(transport, { path: '/meetings', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Meeting>(transport, { path: '/meetings', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    update: async (id, body, opts) => (await transport.request<Meeting>({ method: 'PUT', path: one(id), json: body, signal: opts?.signal })).data,
    patch: async (id, body, opts) =>
      (
        await transport.request<Meeting>({
          method: 'PATCH',
          path: one(id),
          json: body,
          // The spec declares this media type for PATCH although the body is a merge object, not RFC 6902 ops.
          contentType: 'application/json-patch+json',
          signal: opts?.signal,
        })
      ).data,
    delete: async (id, query, opts) => {
      await transport.request({ method: 'DELETE', path: one(id), query: { ...query }, responseType: 'none', signal: opts?.signal });
    },
    end: async (id, body, opts) => {
      await transport.request({ method: 'POST', path: `${one(id)}/end`, json: body ?? {}, responseType: 'none', signal: opts?.signal });
    },
    join: async (body, opts) =>
      (
        await transport.request<JoinMeetingResponse>({
          method: 'POST',
          path: '/meetings/join',
          json: { ...body, joinDirectly: false },
          safeToRepeat: true,
          signal: opts?.signal,
        })
      ).data,
  };
}

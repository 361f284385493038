/**
 * Webhooks: registration types written from the official contract (`components.schemas.Webhook` and the
 * POST/PUT /webhooks bodies of webex-g2g-subset.openapi.json), the delivery envelope (docs/webex-contract.md §5.2, not in the
 * spec), and the API. `id`, `name`, `targetUrl`, `resource`, `event`, `status` and `created` are typed required:
 * the spec marks nothing required, but Webex always answers them.
 */
import { paginate, fetchPage, type Page } from './pagination.js';
import type { Shape } from './shape.js';
import type { CallOptions, PageOptions, Transport } from './transport.js';

export const WEBHOOK_RESOURCES = ["attachmentActions", "dataSources", "memberships", "messages", "rooms", "meetings", "recordings", "convergedRecordings", "meetingParticipants", "meetingTranscripts", "telephony_calls", "telephony_conference", "telephony_mwi", "uc_counters", "serviceApp", "adminBatchJobs"] as const;
export type WebhookResource = (typeof WEBHOOK_RESOURCES)[number];

export const WEBHOOK_EVENTS = ["created", "updated", "deleted", "started", "ended", "joined", "left", "migrated", "authorized", "deauthorized", "statusChanged"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_STATUSES = ["active", "inactive"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export const UPDATE_WEBHOOK_BODY_STATUSES = ["active"] as const;
export type UpdateWebhookBodyStatus = (typeof UPDATE_WEBHOOK_BODY_STATUSES)[number];

export interface Webhook {
  /** A unique identifier for the webhook. */
  id: string;
  /** A user-friendly name for the webhook. */
  name: string;
  /** URL that receives POST requests for each event. */
  targetUrl: string;
  /** Resource type for the webhook. */
  resource: WebhookResource;
  /** Event type for the webhook. */
  event: WebhookEvent;
  /** Filter that defines the webhook scope. */
  filter?: string;
  /** Secret used to generate payload signature. */
  secret?: string;
  /** Status of the webhook. */
  status: WebhookStatus;
  /** Date and time the webhook was created. */
  created: string;
  /** Specify `org` when creating an org/admin level webhook. */
  ownedBy?: string;
  /** The org that owns the webhook (real answers carry it; the spec's schema omits it, docs/webex-contract.md §5.1). */
  orgId?: string;
  /** The person who created the webhook (real answers; not in the spec's schema). */
  createdBy?: string;
  /** The app that created the webhook (real answers; not in the spec's schema). */
  appId?: string;
}

export interface CreateWebhookBody {
  /** A user-friendly name for the webhook. */
  name: string;
  /** URL that receives POST requests for each event. */
  targetUrl: string;
  /** Resource type for the webhook. */
  resource: WebhookResource;
  /** Event type for the webhook. */
  event: WebhookEvent;
  /** Filter that defines the webhook scope. */
  filter?: string;
  /** Secret used to generate payload signature. */
  secret?: string;
  /** Specify `org` when creating an org/admin level webhook. */
  ownedBy?: string;
}

export interface UpdateWebhookBody {
  /** A user-friendly name for the webhook. */
  name: string;
  /** URL that receives POST requests for each event. */
  targetUrl: string;
  /** Secret used to generate payload signature. */
  secret?: string;
  /** Specify `org` when creating an org/admin level webhook. */
  ownedBy?: string;
  /** Status of the webhook. */
  status?: UpdateWebhookBodyStatus;
}

export interface ListWebhooksQuery {
  /** Limit the maximum number of webhooks in the response. */
  max?: number;
  /** Limit the result list to org wide webhooks. */
  ownedBy?: string;
}

// Shapes (see shape.ts)

export const webhookShape: Shape<Webhook> = {
  id: 'string',
  name: 'string',
  targetUrl: 'string',
  resource: WEBHOOK_RESOURCES,
  event: WEBHOOK_EVENTS,
  filter: 'string',
  secret: 'string',
  status: WEBHOOK_STATUSES,
  created: 'string',
  ownedBy: 'string',
  orgId: 'string',
  createdBy: 'string',
  appId: 'string',
};

export const createWebhookBodyShape: Shape<CreateWebhookBody> = {
  name: 'string',
  targetUrl: 'string',
  resource: WEBHOOK_RESOURCES,
  event: WEBHOOK_EVENTS,
  filter: 'string',
  secret: 'string',
  ownedBy: 'string',
};

export const updateWebhookBodyShape: Shape<UpdateWebhookBody> = {
  name: 'string',
  targetUrl: 'string',
  secret: 'string',
  ownedBy: 'string',
  status: UPDATE_WEBHOOK_BODY_STATUSES,
};

/** What Webex POSTs to `targetUrl` (docs/webex-contract.md §5.2). Verify `X-Spark-Signature` over the raw bytes before parsing. */
export interface WebhookEnvelope<TData = Record<string, unknown>> {
  id: string;
  name: string;
  resource: WebhookResource;
  event: WebhookEvent;
  filter?: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator' | 'org';
  status: WebhookStatus;
  actorId?: string;
  created?: string;
  data: TData;
}

/** `data` of `serviceApp` `authorized` / `deauthorized` (docs/webex-contract.md §5.3; field set as the emulator sends it). */
export interface ServiceAppAuthorizationData {
  /** The Service App's application id. */
  id: string;
  orgId: string;
  authorizerOrgId: string;
  scopes: string[];
  siteUrls: string[];
  authorizationDate: string;
}

/** `data` of `meetings` events: a subset of the meeting object (docs/webex-contract.md §5.2); re-GET the meeting for the rest. */
export type MeetingEventData = { id: string } & Partial<Omit<import('./meeting-types.js').Meeting, 'id'>>;

/** `data` of `meetingParticipants` `joined` / `left`: the participant, plus `meetingSeriesId` when known. */
export type ParticipantEventData = { id: string; meetingSeriesId?: string } & Partial<Omit<import('./meeting-participants.js').Participant, 'id'>>;

export interface WebhooksApi {
  create(body: CreateWebhookBody, opts?: CallOptions): Promise<Webhook>;
  list(query?: ListWebhooksQuery, opts?: CallOptions): AsyncIterable<Webhook>;
  listPage(query?: ListWebhooksQuery, opts?: PageOptions): Promise<Page<Webhook>>;
  get(webhookId: string, opts?: CallOptions): Promise<Webhook>;
  /** Re-activates a disabled webhook with `status: 'active'`; only name, targetUrl, secret and status change. */
  update(webhookId: string, body: UpdateWebhookBody, opts?: CallOptions): Promise<Webhook>;
  delete(webhookId: string, opts?: CallOptions): Promise<void>;
}

export function createWebhooksApi(transport: Transport): WebhooksApi {
  const one = (id: string) => `/webhooks/${encodeURIComponent(id)}`;
  return {
    create: async (body, opts) => (await transport.request<Webhook>({ method: 'POST', path: '/webhooks', json: body, signal: opts?.signal })).data,
    list: (query, opts) => paginate<Webhook>(transport, { path: '/webhooks', query: { ...query }, signal: opts?.signal }),
    listPage: (query, opts) => fetchPage<Webhook>(transport, { path: '/webhooks', query: { ...query }, signal: opts?.signal }, opts?.pageUrl),
    get: async (id, opts) => (await transport.request<Webhook>({ method: 'GET', path: one(id), signal: opts?.signal })).data,
    update: async (id, body, opts) => (await transport.request<Webhook>({ method: 'PUT', path: one(id), json: body, signal: opts?.signal })).data,
    delete: async (id, opts) => {
      await transport.request({ method: 'DELETE', path: one(id), responseType: 'none', signal: opts?.signal });
    },
  };
}

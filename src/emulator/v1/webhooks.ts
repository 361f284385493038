import type { FastifyInstance } from 'fastify';
import { WEBHOOK_RESOURCE_SCOPES, authenticate, hasScope, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { conflict, forbidden, invalidItems, notFound } from '../errors.js';
import { isoMillis } from '../emulator-clock.js';
import { createWebexId } from '../ids.js';
import { isPlainObject } from '../meeting-rules.js';
import { pageThrough, parseCursor, parseMax, setNextLink } from '../pagination.js';
import { paramOf, queryOf, sendJson, sendNoContent } from '../reply.js';
import type { Webhook } from '../state.js';
import { parseWebhookFilter } from '../webhook-filter.js';

export const WEBHOOK_RESOURCES = [
  'attachmentActions', 'dataSources', 'memberships', 'messages', 'rooms', 'meetings', 'recordings', 'convergedRecordings',
  'meetingParticipants', 'meetingTranscripts', 'telephony_calls', 'telephony_conference', 'telephony_mwi', 'uc_counters',
  'serviceApp', 'adminBatchJobs', 'all',
] as const;
export const WEBHOOK_EVENTS = [
  'created', 'updated', 'deleted', 'started', 'ended', 'joined', 'left', 'migrated', 'authorized', 'deauthorized', 'statusChanged', 'all',
] as const;
const ORG_OWNABLE = ['meetings', 'recordings', 'convergedRecordings', 'meetingParticipants', 'meetingTranscripts', 'rooms', 'memberships', 'messages', 'adminBatchJobs', 'all'];

/** /v1/webhooks CRUD (docs/webex-contract.md §5.1); deliveries are webhook-delivery.ts. */
export function registerWebhookRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const own = (who: Principal, id: string): Webhook => {
    const webhook = ctx.state.webhooks.get(id);
    if (!webhook || !visible(who, webhook)) throw notFound(`Webhook '${id}' not found`);
    return webhook;
  };

  app.post('/v1/webhooks', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    const text = (key: string, required: boolean, max = 2048): string | undefined => {
      const v = body[key];
      if (v === undefined) {
        if (required) problems.push(`'${key}' is required`);
        return undefined;
      }
      if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
        problems.push(`'${key}' must be a non-empty string of at most ${max} characters`);
        return undefined;
      }
      return v;
    };
    const name = text('name', true, 128);
    const targetUrl = text('targetUrl', true);
    const resource = text('resource', true, 64);
    const event = text('event', true, 64);
    const filter = text('filter', false, 1024);
    const secret = text('secret', false, 256);
    const ownedBy = text('ownedBy', false, 16);
    if (targetUrl !== undefined && !isHttpUrl(targetUrl)) problems.push("'targetUrl' must be an http or https URL");
    if (resource !== undefined && !(WEBHOOK_RESOURCES as readonly string[]).includes(resource)) problems.push(`'resource' must be one of ${WEBHOOK_RESOURCES.join(', ')}`);
    if (event !== undefined && !(WEBHOOK_EVENTS as readonly string[]).includes(event)) problems.push(`'event' must be one of ${WEBHOOK_EVENTS.join(', ')}`);
    if (ownedBy !== undefined && ownedBy !== 'org' && ownedBy !== 'creator') problems.push("'ownedBy' must be 'org' or 'creator'");
    if (ownedBy === 'org' && resource !== undefined && !ORG_OWNABLE.includes(resource)) problems.push(`'ownedBy' org is not available for resource '${resource}'`);
    if (filter !== undefined && resource !== undefined) {
      const parsed = parseWebhookFilter(filter, resource);
      if (!parsed.ok) problems.push(parsed.problem);
    }
    if (problems.length > 0) throw invalidItems(...problems);
    const needed = WEBHOOK_RESOURCE_SCOPES[resource ?? ''];
    if (needed && !hasScope(who, needed)) throw forbidden(`A '${resource}' webhook needs one of these scopes: ${needed.join(', ')}`);
    if (ownedBy === 'org') {
      // Org-wide webhooks: one per resource and filter (S2).
      for (const other of ctx.state.webhooks.values()) {
        if (other.ownedBy === 'org' && other.orgId === who.person.orgId && other.resource === resource && other.event === event && (other.filter ?? '') === (filter ?? '')) {
          throw conflict('An org-wide webhook for this resource, event and filter already exists');
        }
      }
    }
    const webhook: Webhook = {
      id: createWebexId('WEBHOOK'),
      name: name ?? '',
      targetUrl: targetUrl ?? '',
      resource: resource ?? '',
      event: event ?? '',
      ...(filter !== undefined ? { filter } : {}),
      ...(secret !== undefined ? { secret } : {}),
      status: 'active',
      created: ctx.clock.now(),
      ownedBy: ownedBy === 'org' ? 'org' : 'creator',
      orgId: who.person.orgId,
      createdBy: who.person.id,
      appId: createWebexId('APPLICATION', who.token.clientId),
      failures: [],
    };
    ctx.state.webhooks.set(webhook.id, webhook);
    ctx.onChange();
    return sendJson(reply, webhookView(webhook));
  });

  app.get('/v1/webhooks', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const query = queryOf(request);
    const max = parseMax(query.max, 100, 100);
    const cursor = parseCursor(query.cursor);
    if (query.ownedBy !== undefined && query.ownedBy !== 'org' && query.ownedBy !== 'creator') throw invalidItems("'ownedBy' must be 'org' or 'creator'");
    const ids = [...ctx.state.webhooks.keys()];
    const page = pageThrough(ids, cursor, max, (id) => {
      const webhook = ctx.state.webhooks.get(id);
      if (!webhook || !visible(who, webhook)) return undefined;
      if (query.ownedBy !== undefined && webhook.ownedBy !== query.ownedBy) return undefined;
      return webhookView(webhook);
    });
    setNextLink(reply, ctx.urls.baseUrl, request.url, page.next, max);
    return sendJson(reply, { items: page.items });
  });

  app.get('/v1/webhooks/:webhookId', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    return sendJson(reply, webhookView(own(who, paramOf(request, 'webhookId'))));
  });

  app.put('/v1/webhooks/:webhookId', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const webhook = own(who, paramOf(request, 'webhookId'));
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    for (const key of ['name', 'targetUrl'] as const) {
      if (typeof body[key] !== 'string' || (body[key] as string).trim() === '') problems.push(`'${key}' is required and must be a non-empty string`);
    }
    if (typeof body.targetUrl === 'string' && !isHttpUrl(body.targetUrl)) problems.push("'targetUrl' must be an http or https URL");
    if (body.secret !== undefined && (typeof body.secret !== 'string' || body.secret === '')) problems.push("'secret' must be a non-empty string");
    // Only re-activation is allowed through PUT (docs/webex-contract.md §5.1).
    if (body.status !== undefined && body.status !== 'active') problems.push("'status' may only be set to 'active'");
    if (body.ownedBy !== undefined && body.ownedBy !== 'org' && body.ownedBy !== 'creator') problems.push("'ownedBy' must be 'org' or 'creator'");
    if (problems.length > 0) throw invalidItems(...problems);
    webhook.name = body.name as string;
    webhook.targetUrl = body.targetUrl as string;
    if (typeof body.secret === 'string') webhook.secret = body.secret;
    if (body.status === 'active' && webhook.status === 'inactive') {
      webhook.status = 'active';
      webhook.reenabledAt = ctx.clock.now();
      webhook.failures = [];
    }
    ctx.onChange();
    return sendJson(reply, webhookView(webhook));
  });

  app.delete('/v1/webhooks/:webhookId', async (request, reply) => {
    const who = authenticate(ctx, request, []);
    const webhook = own(who, paramOf(request, 'webhookId'));
    ctx.state.webhooks.delete(webhook.id);
    ctx.onChange();
    return sendNoContent(reply);
  });
}

/** A person sees their own webhooks; org-owned ones are visible to the org (admins and the app). */
function visible(who: Principal, webhook: Webhook): boolean {
  return webhook.createdBy === who.person.id || (webhook.ownedBy === 'org' && webhook.orgId === who.person.orgId);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function webhookView(webhook: Webhook): Record<string, unknown> {
  return {
    id: webhook.id,
    name: webhook.name,
    targetUrl: webhook.targetUrl,
    resource: webhook.resource,
    event: webhook.event,
    ...(webhook.filter !== undefined ? { filter: webhook.filter } : {}),
    ...(webhook.secret !== undefined ? { secret: webhook.secret } : {}),
    status: webhook.status,
    created: isoMillis(webhook.created),
    ownedBy: webhook.ownedBy,
    orgId: webhook.orgId,
    createdBy: webhook.createdBy,
    appId: webhook.appId,
  };
}

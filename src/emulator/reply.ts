import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidItems } from './errors.js';
import { isValidTimeZone } from './time-zone.js';

/** Webex's JSON content type, exactly (docs/webex-contract.md §10, §12). */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function sendJson(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(body));
}

/** For bodies already serialized (cached views). */
export function sendJsonText(reply: FastifyReply, json: string, status = 200): FastifyReply {
  return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(json);
}

export function sendNoContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}

/** The `timezone` request header picks the zone of times in meeting responses (default UTC). */
export function responseZone(request: FastifyRequest): string {
  const header = request.headers.timezone;
  if (header === undefined || header === '') return 'UTC';
  const zone = Array.isArray(header) ? (header[0] ?? 'UTC') : header;
  if (!isValidTimeZone(zone)) throw invalidItems(`'timezone' header '${zone}' is not an IANA time zone name`);
  return zone;
}

/** The zone meeting times are answered in: the `timezone` header's, or undefined for each meeting's own zone. */
export function meetingZone(request: FastifyRequest): string | undefined {
  const header = request.headers.timezone;
  return header === undefined || header === '' ? undefined : responseZone(request);
}

export type Query = Record<string, string | undefined>;

/** Query strings as a flat record of strings (repeated keys keep the last value). */
export function queryOf(request: FastifyRequest): Query {
  const raw = request.query as Record<string, string | string[] | undefined>;
  const out: Query = {};
  for (const [key, value] of Object.entries(raw ?? {})) out[key] = Array.isArray(value) ? value[value.length - 1] : value;
  return out;
}

export function paramOf(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

export function parseBooleanQuery(query: Query, name: string, fallback: boolean): boolean {
  const value = query[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidItems(`'${name}' must be true or false`);
}

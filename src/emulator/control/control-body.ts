import type { FastifyRequest } from 'fastify';
import { refusal } from '../errors.js';
import { isPlainObject } from '../meeting-rules.js';

/** Small readers for control-plane bodies: each bad field answers 400 `invalid_request` naming it. */
export function controlBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (!isPlainObject(body)) throw refusal(400, 'invalid_request', 'The request body must be a JSON object');
  return body;
}

export function optionalString(body: Record<string, unknown>, key: string, max = 256): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) throw refusal(400, 'invalid_request', `'${key}' must be a non-empty string of at most ${max} characters`);
  return v;
}

export function requiredString(body: Record<string, unknown>, key: string, max = 2048): string {
  const v = optionalString(body, key, max);
  if (v === undefined) throw refusal(400, 'invalid_request', `'${key}' is required`);
  return v;
}

export function optionalInt(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw refusal(400, 'invalid_request', `'${key}' must be an integer from ${min} to ${max}`);
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw refusal(400, 'invalid_request', `'${key}' must be a boolean`);
  return v;
}

export function optionalStringList(body: Record<string, unknown>, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) throw refusal(400, 'invalid_request', `'${key}' must be an array of non-empty strings`);
  return v as string[];
}

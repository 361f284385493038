import type { FastifyReply } from 'fastify';
import { invalidItems } from './errors.js';

/**
 * `max` plus an opaque cursor, answered with `Link: <...>; rel="next"` (RFC 5988, docs/webex-contract.md §10). The cursor is the
 * position in the underlying ordered list, so a page costs O(page) plus the items skipped by filters.
 */
export function parseMax(raw: unknown, defaultMax: number, upper: number): number {
  if (raw === undefined || raw === '') return defaultMax;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidItems(`'max' must be a positive integer, got '${String(raw)}'`);
  // Values above an endpoint's maximum are clamped, not rejected (docs/webex-contract.md §10).
  return Math.min(n, upper);
}

export function parseCursor(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string') throw invalidItems("'cursor' must be a string from a Link header");
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const match = /^p:(\d{1,12})$/.exec(decoded);
  if (!match) throw invalidItems("'cursor' is not one this server issued; follow the Link header as given");
  return Number(match[1]);
}

export function encodeCursor(position: number): string {
  return Buffer.from(`p:${position}`, 'utf8').toString('base64url');
}

/**
 * Walks `ids` from `start`, keeping what `pick` returns (one item, or several for one id: the occurrences of a
 * series), until `max` items; returns the next position if more remain. Several items of one id stay on one page.
 */
export function pageThrough<T extends object>(
  ids: readonly string[],
  start: number,
  max: number,
  pick: (id: string) => T | readonly T[] | undefined,
): { items: T[]; next: number | undefined } {
  const items: T[] = [];
  for (let i = start; i < ids.length; i += 1) {
    const id = ids[i];
    if (id === undefined) continue;
    const picked = pick(id);
    if (picked === undefined) continue;
    const list: readonly T[] = Array.isArray(picked) ? (picked as readonly T[]) : [picked as T];
    if (list.length === 0) continue;
    if (items.length >= max) return { items, next: i };
    items.push(...list);
  }
  return { items, next: undefined };
}

/** Sets the Link header to the same URL with `cursor` (and `max`) replaced, when there is a next page. */
export function setNextLink(reply: FastifyReply, publicBaseUrl: string, url: string, next: number | undefined, max: number): void {
  if (next === undefined) return;
  const target = new URL(url, 'http://placeholder');
  target.searchParams.set('max', String(max));
  target.searchParams.set('cursor', encodeCursor(next));
  const path = target.pathname.startsWith('/v1') ? target.pathname.slice(3) : target.pathname;
  reply.header('link', `<${publicBaseUrl}${path}${target.search}>; rel="next"`);
}

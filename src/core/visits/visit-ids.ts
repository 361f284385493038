import { randomBytes } from 'node:crypto';

/** Random, URL-safe ids. Not secrets: a visit id alone grants nothing (API keys scope every read). */
export function newVisitId(): string {
  return `vis_${randomBytes(12).toString('hex')}`;
}

export function newSeatId(): string {
  return `seat_${randomBytes(12).toString('hex')}`;
}

import type { AnswerExpectation } from './expectations.js';

/** One row of the parity table: what the step expected and what the service answered. */
export interface ParityRow {
  step: string;
  request: string;
  expectedStatus: number;
  /** 0 when the service did not answer (network error, timeout). */
  status: number;
  missingKeys: string[];
  /** `field=value` for values outside the documented enum. */
  badEnums: string[];
  /** Other problems (an id that changed, an item not found, no answer). */
  notes: string[];
  ok: boolean;
}

/** Checks one answer against its expectation; pure, so every rule is tested without a network. */
export function compareAnswer(step: string, request: string, expected: AnswerExpectation, status: number, body: unknown, notes: string[] = []): ParityRow {
  const missingKeys: string[] = [];
  const badEnums: string[] = [];
  if (status === expected.status && (expected.keys !== undefined || expected.enums !== undefined)) {
    const objects = expected.list === true ? itemsOf(body, notes) : [body];
    for (const [index, object] of objects.entries()) {
      const where = expected.list === true ? `items[${index}].` : '';
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        notes.push(`${where || 'body'} is not a JSON object`);
        continue;
      }
      const record = object as Record<string, unknown>;
      for (const key of expected.keys ?? []) if (!(key in record)) pushOnce(missingKeys, `${where}${key}`);
      for (const [field, allowed] of Object.entries(expected.enums ?? {})) {
        const value = record[field];
        if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) pushOnce(badEnums, `${where}${field}=${JSON.stringify(value)}`);
      }
    }
  }
  const ok = status === expected.status && missingKeys.length === 0 && badEnums.length === 0 && notes.length === 0;
  return { step, request, expectedStatus: expected.status, status, missingKeys, badEnums, notes, ok };
}

function itemsOf(body: unknown, notes: string[]): unknown[] {
  const items = typeof body === 'object' && body !== null ? (body as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) {
    notes.push("no 'items' array");
    return [];
  }
  return items;
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

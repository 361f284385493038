import type { Meeting } from './state.js';

/**
 * One occurrence of a series may differ from the series in any updatable field (PATCH/PUT of its scheduled meeting
 * id, docs/emulator.md "Recurring series"); those fields are kept per occurrence and read through `effectiveMeeting`.
 */
export type OccurrenceOverrides = Partial<Omit<Meeting, 'id' | 'start' | 'end' | 'recurrence' | 'modifiedOccurrences' | 'cancelledOccurrences' | 'pastOccurrences'>>;

/** The meeting as the occurrence starting at `key` sees it: the series with that occurrence's overrides on top. */
export function effectiveMeeting(meeting: Meeting, key: number): Meeting {
  const fields = meeting.modifiedOccurrences?.[String(key)]?.fields;
  return fields === undefined ? meeting : { ...meeting, ...fields };
}

/** The fields where `changed` differs from `series` (objects compared by value). */
export function overridesBetween(series: Meeting, changed: Meeting): OccurrenceOverrides {
  const out: Record<string, unknown> = {};
  const skip = new Set(['id', 'start', 'end', 'recurrence', 'modifiedOccurrences', 'cancelledOccurrences', 'pastOccurrences', 'revision']);
  for (const [key, value] of Object.entries(changed)) {
    if (skip.has(key)) continue;
    const before = (series as unknown as Record<string, unknown>)[key];
    if (value !== before && JSON.stringify(value) !== JSON.stringify(before)) out[key] = value;
  }
  return out as OccurrenceOverrides;
}

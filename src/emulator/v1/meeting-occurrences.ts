import type { EmulatorContext } from '../context.js';
import { badRequest, conflict, invalidItems } from '../errors.js';
import { emitMeetingEvent } from '../events.js';
import { settleMeeting } from '../lifecycle.js';
import { isPlainObject, parseMeetingBody } from '../meeting-rules.js';
import { scheduledView } from '../meeting-view.js';
import { currentOccurrence, occurrenceAt, occurrenceStarts, occurrenceTimes } from '../recurrence.js';
import type { Meeting } from '../state.js';
import { applyUpdate } from '../apply-meeting-update.js';
import { effectiveMeeting, overridesBetween } from '../occurrence-overrides.js';

/**
 * Deleting one occurrence of a recurring series cancels just that occurrence (docs/webex-contract.md §1.5 applies DELETE to
 * scheduled meetings); the current one may go unless it is running, past ones cannot.
 */
export function cancelOccurrence(ctx: EmulatorContext, meeting: Meeting, start: number, actorId: string): void {
  const current = currentOccurrence(meeting).key;
  if (start < current) throw badRequest('An occurrence that already happened cannot be deleted');
  if (start === current && meeting.liveInstanceId !== undefined) throw conflict('Meeting is in progress');
  const view = scheduledView(ctx.state, meeting, 'UTC', start);
  (meeting.cancelledOccurrences ??= []).push(start);
  meeting.revision = (meeting.revision ?? 0) + 1;
  if (start === current) {
    // The index now names the next occurrence; with none left the series is over.
    meeting.occurrenceState = 'scheduled';
    if (occurrenceAt(meeting, meeting.occurrenceIndex ?? 0) === undefined) {
      meeting.state = 'expired';
      meeting.occurrenceState = 'missed';
      ctx.state.pendingSeries.delete(meeting.id);
    }
  }
  settleMeeting(ctx, meeting, ctx.clock.now());
  emitMeetingEvent(ctx, 'deleted', meeting, view, actorId);
  ctx.onChange();
}

/**
 * PATCH or PUT of one occurrence of a recurring series changes that occurrence only (its id stays): its times, which
 * must stay between its neighbours (Webex: meeting.err.two_meeting_schedule_at_same_day), and any other updatable
 * field, kept as that occurrence's overrides. The recurrence rule belongs to the series.
 */
export function updateOccurrence(ctx: EmulatorContext, meeting: Meeting, key: number, body: unknown, mode: 'put' | 'patch', now: number, actorId: string): void {
  const current = currentOccurrence(meeting);
  if (key < current.key) throw badRequest('An occurrence that already happened cannot be updated');
  if (key === current.key && meeting.liveInstanceId !== undefined) throw conflict('Meeting is in progress');
  if (isPlainObject(body) && body.recurrence !== undefined) {
    throw invalidItems("'recurrence' belongs to the series: change it on the series id, not on one occurrence");
  }
  const times = occurrenceTimes(meeting, key);
  const before = effectiveMeeting(meeting, key);
  const parsed = parseMeetingBody(body, mode, now, { start: times.start, end: times.end, timezone: before.timezone });
  if (!parsed.ok) throw invalidItems(...parsed.problems);
  const start = parsed.value.start ?? times.start;
  const end = parsed.value.end ?? times.end;
  let previous: number | undefined;
  let next: number | undefined;
  for (const other of occurrenceStarts(meeting)) {
    if (other < key) previous = other;
    else if (other > key) {
      next = other;
      break;
    }
  }
  const day = (ms: number) => Math.floor(ms / 86_400_000);
  if ((previous !== undefined && day(start) <= day(occurrenceTimes(meeting, previous).start)) || (next !== undefined && day(start) >= day(occurrenceTimes(meeting, next).start))) {
    throw invalidItems('meeting.err.two_meeting_schedule_at_same_day');
  }
  const changed: Meeting = {
    ...before,
    meetingOptions: { ...before.meetingOptions },
    attendeePrivileges: { ...before.attendeePrivileges },
    audioConnectionOptions: { ...before.audioConnectionOptions },
  };
  const { start: _start, end: _end, recurrence: _recurrence, ...others } = parsed.value;
  applyUpdate(changed, others);
  const fields = overridesBetween(meeting, changed);
  (meeting.modifiedOccurrences ??= {})[String(key)] = { start, end, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
  meeting.revision = (meeting.revision ?? 0) + 1;
  if (key === current.key) meeting.occurrenceState = 'scheduled';
  settleMeeting(ctx, meeting, now);
  emitMeetingEvent(ctx, 'updated', meeting, () => scheduledView(ctx.state, meeting, 'UTC', key), actorId);
  ctx.onChange();
}

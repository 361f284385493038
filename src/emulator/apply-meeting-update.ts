import type { MeetingFields } from './meeting-rules.js';
import type { Meeting } from './state.js';

/** Writes parsed update fields onto a meeting (the series, or a copy that becomes one occurrence's overrides). */
export function applyUpdate(meeting: Meeting, f: MeetingFields): void {
  if (f.title !== undefined) meeting.title = f.title;
  if (f.agenda === null) delete meeting.agenda;
  else if (f.agenda !== undefined) meeting.agenda = f.agenda;
  if (f.recurrence === null) delete meeting.recurrence;
  else if (f.recurrence !== undefined) meeting.recurrence = f.recurrence;
  if (f.password !== undefined) meeting.password = f.password;
  if (f.timezone !== undefined) meeting.timezone = f.timezone;
  if (f.start !== undefined) meeting.start = f.start;
  if (f.end !== undefined) meeting.end = f.end;
  if (f.joinBeforeHostMinutes !== undefined) meeting.joinBeforeHostMinutes = f.joinBeforeHostMinutes;
  if (f.unlockedMeetingJoinSecurity !== undefined) meeting.unlockedMeetingJoinSecurity = f.unlockedMeetingJoinSecurity;
  if (f.reminderTime !== undefined) meeting.reminderTime = f.reminderTime;
  if (f.automaticLockMinutes !== undefined) meeting.automaticLockMinutes = f.automaticLockMinutes;
  if (f.integrationTags !== undefined) meeting.integrationTags = f.integrationTags;
  if (f.meetingOptions !== undefined) meeting.meetingOptions = { ...meeting.meetingOptions, ...f.meetingOptions };
  if (f.attendeePrivileges !== undefined) meeting.attendeePrivileges = { ...meeting.attendeePrivileges, ...f.attendeePrivileges };
  if (f.audioConnectionOptions !== undefined) meeting.audioConnectionOptions = { ...meeting.audioConnectionOptions, ...f.audioConnectionOptions };
  for (const [key, value] of Object.entries(f.booleans)) {
    if (value !== undefined) (meeting as unknown as Record<string, boolean>)[key] = value;
  }
}


import type { Visit } from './visit.js';

/** Finding the visits that Webex meeting events and the reconciling sweeps are about. */
export interface MeetingVisitStore {
  /** Visits whose series or instance id is one of `meetingIds`. */
  findByMeetingIds(meetingIds: string[]): Promise<Visit[]>;
  /** The latest ad-hoc visit of a space: its meetings are matched by room, as their ids are never stored. */
  findAdhocByRoom(roomId: string): Promise<Visit | undefined>;
  /** Scheduled visits whose end passed before `endedBefore`: candidates for `missed` (at most 500 a call). */
  listOverdueScheduled(endedBefore: number): Promise<Visit[]>;
  /** Visits still in progress although their scheduled end is long past (a lost `ended` event?), at most 200. */
  listStaleInProgress(endedBefore: number): Promise<Visit[]>;
  /** The org's visits in progress that started before `startedBefore` (or whose start time is unknown), at most 500. */
  listInProgressForOrg(orgId: string, startedBefore: number): Promise<Visit[]>;
}

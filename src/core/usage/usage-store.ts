/** A meeting of a visit as usage counts it: when Webex said it started and ended (ended null: still running). */
export interface UsageMeeting {
  visitId: string;
  startedAt: number;
  endedAt: number | null;
}

/** A seat that joined: `guestKey` tells people apart (the e-mail Webex saw), never shown in a report. */
export interface UsageParticipant {
  visitId: string;
  participantId: string;
  guestKey: string;
  joinedAt: number;
  leftAt: number | null;
}

export interface UsageDeferral {
  visitId: string;
  participantId: string;
  deferredAt: number;
}

/** What usage reports read (all times epoch ms). */
export interface UsageStore {
  /** The org's meetings that ran at some time in [fromMs, toMs). */
  meetings(orgId: string, fromMs: number, toMs: number): Promise<UsageMeeting[]>;
  /** Seats of the org's visits that joined in [fromMs, toMs). */
  participants(orgId: string, fromMs: number, toMs: number): Promise<UsageParticipant[]>;
  /** Clicks held back in [fromMs, toMs). */
  deferrals(orgId: string, fromMs: number, toMs: number): Promise<UsageDeferral[]>;
}

/** Records each click the license governor holds back, for usage reports. */
export interface DeferralStore {
  record(deferral: { orgId: string; visitId: string; participantId: string }, at: number): Promise<void>;
}

/**
 * The license governor's click-time decision. A guest-to-guest license counts meetings *in progress* at once per
 * site (sandbox 10); the click that would start meeting N+1 meets a license error inside Webex's join flow
 * (docs/webex-contract.md §10, S5), which a guest cannot act on. So g2g decides before minting a Webex link: joining a meeting
 * that already runs takes no new license and always goes through; a start goes through only while a license is free.
 * Pure: the admission gate gathers the numbers and applies the answer.
 */
export interface AdmissionSituation {
  /** This visit's meeting is in progress already (per Webex events): joining it takes no new license. */
  meetingRunning: boolean;
  /** This visit was let through to start moments ago and its start is not seen yet (another seat, a retry). */
  startPending: boolean;
  /** The org's concurrent-meeting license, or null when g2g was not told (then g2g does not hold anyone back). */
  licensed: number | null;
  /** Distinct meetings of the org in progress, per Webex events (reconciled against Webex by the sweep). */
  inProgress: number;
  /** Other visits of the org let through to start whose start is not seen yet: each will take a license. */
  starting: number;
  /** How soon a held-back guest's page asks again (default ADMISSION_RETRY_SECONDS). */
  retryAfterSeconds?: number;
}

export const ADMISSION_REASONS = ['meeting_running', 'start_pending', 'license_unknown', 'license_free'] as const;
export type AdmissionReason = (typeof ADMISSION_REASONS)[number];

export type AdmissionDecision =
  | {
      admit: true;
      why: AdmissionReason;
      /** The click may start the meeting: hold a license for it until its start is seen. */
      holdsLicense: boolean;
    }
  | { admit: false; why: 'license_exhausted'; inProgress: number; starting: number; licensed: number; retryAfterSeconds: number };

/** How often the waiting page asks again; a meeting that ends frees a license for the next ask. */
export const ADMISSION_RETRY_SECONDS = 5;

export function decideAdmission(s: AdmissionSituation): AdmissionDecision {
  if (s.meetingRunning) return { admit: true, why: 'meeting_running', holdsLicense: false };
  // A second seat of a meeting that is starting right now shares that meeting's license.
  if (s.startPending) return { admit: true, why: 'start_pending', holdsLicense: true };
  if (s.licensed === null) return { admit: true, why: 'license_unknown', holdsLicense: true };
  if (s.inProgress + s.starting < s.licensed) return { admit: true, why: 'license_free', holdsLicense: true };
  return {
    admit: false,
    why: 'license_exhausted',
    inProgress: s.inProgress,
    starting: s.starting,
    licensed: s.licensed,
    retryAfterSeconds: s.retryAfterSeconds ?? ADMISSION_RETRY_SECONDS,
  };
}

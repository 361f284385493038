/** A persistent Webex guest behind a stable subject of an org (ids and the synthetic e-mail only: never its token). */
export interface VisitGuest {
  orgId: string;
  subject: string;
  guestId: string;
  email: string;
  displayName: string;
}

/** Remembers which Webex guest stands for a subject, so the same person is the same guest later. */
export interface GuestStore {
  /** Records (or refreshes) the guest behind the subject. */
  save(guest: VisitGuest, now: number): Promise<void>;
  find(orgId: string, subject: string): Promise<VisitGuest | undefined>;
}

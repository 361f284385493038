export type VisitMediaKind = 'recording' | 'transcript';

/** A recording or transcript Webex made of a visit: ids and times only (links and passwords are secrets, read fresh). */
export interface VisitMedia {
  /** The Webex recording or transcript id. */
  id: string;
  visitId: string;
  kind: VisitMediaKind;
  meetingInstanceId: string | null;
  /** When Webex says it was created (recording createTime, transcript startTime), epoch ms. */
  recordedAt: number | null;
  /** When g2g learned of it, epoch ms. */
  createdAt: number;
}

export interface MediaStore {
  /** Stores a recording or transcript once; a redelivered webhook is a no-op. */
  add(media: VisitMedia): Promise<void>;
  /** A visit's recordings or transcripts, oldest first. */
  list(visitId: string, kind: VisitMediaKind): Promise<VisitMedia[]>;
}

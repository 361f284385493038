import { G2GError } from '../errors.js';
import type { VisitDeps, VisitTenant } from './visit-deps.js';
import { webexErrorCode } from './webex-error-code.js';

/** A visit's recording as Webex describes it now: the links are current (they expire) and never stored by g2g. */
export interface RecordingView {
  id: string;
  /** ISO 8601, when Webex made the recording. */
  createdAt: string;
  durationSeconds: number;
  format: string;
  playbackUrl: string;
  downloadUrl: string;
}

export type TranscriptFormat = 'vtt' | 'txt';

type MediaDeps = Pick<VisitDeps, 'visitStore' | 'mediaStore' | 'webexForOrg'>;

async function requireVisit(deps: MediaDeps, tenant: VisitTenant, visitId: string) {
  const visit = await deps.visitStore.find(tenant.id, visitId);
  if (visit === undefined || visit.status === 'creating') throw new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} not found` });
  return visit;
}

/** The visit's recordings, each read fresh from Webex with the org's token (a recording deleted in Webex is left out). */
export async function listVisitRecordings(deps: MediaDeps, tenant: VisitTenant, visitId: string): Promise<RecordingView[]> {
  const visit = await requireVisit(deps, tenant, visitId);
  const rows = await deps.mediaStore.list(visitId, 'recording');
  if (rows.length === 0) return [];
  const webex = deps.webexForOrg(visit.orgId);
  const items: RecordingView[] = [];
  for (const row of rows) {
    try {
      const r = await webex.recordings.get(row.id);
      items.push({ id: r.id, createdAt: r.createTime, durationSeconds: r.durationSeconds, format: r.format, playbackUrl: r.playbackUrl, downloadUrl: r.downloadUrl });
    } catch (error) {
      if (webexErrorCode(error) !== 'webex_not_found') throw error;
    }
  }
  return items;
}

/** The text of the visit's latest transcript, proxied from Webex; 404 until Webex made one. */
export async function downloadVisitTranscript(deps: MediaDeps, tenant: VisitTenant, visitId: string, format: TranscriptFormat): Promise<string> {
  const visit = await requireVisit(deps, tenant, visitId);
  const latest = (await deps.mediaStore.list(visitId, 'transcript')).at(-1);
  const none = () => new G2GError({ code: 'not_found', status: 404, message: `visit ${visitId} has no transcript (yet)` });
  if (latest === undefined) throw none();
  try {
    return await deps.webexForOrg(visit.orgId).meetingTranscripts.download(latest.id, { format });
  } catch (error) {
    if (webexErrorCode(error) === 'webex_not_found') throw none();
    throw error;
  }
}

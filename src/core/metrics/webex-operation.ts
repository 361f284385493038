/**
 * Path segments of the Webex REST API that name a resource or an action. Any other segment is an id (meeting,
 * participant, application...) and becomes `{id}`: a label must have few values and must never carry an id
 * someone could use, so unknown words are collapsed rather than kept.
 */
const KNOWN_SEGMENTS = new Set([
  'access_token', 'admit', 'applications', 'count', 'download', 'end', 'guests', 'join', 'me', 'meetingInvitees',
  'meetingParticipants', 'meetingPreferences', 'meetingTranscripts', 'meetings', 'memberships', 'messages', 'people',
  'recordings', 'rooms', 'schedulingOptions', 'sites', 'token', 'webhooks',
]);

/** `POST https://webexapis.com/v1/meetings/abc/end?x=1` -> `POST /meetings/{id}/end`. */
export function webexOperation(method: string, url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split('?')[0] ?? '';
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  // The base URL's own path (`/v1`) is not part of the operation.
  if (segments[0] === 'v1') segments.shift();
  const template = segments.map((s) => (KNOWN_SEGMENTS.has(s) ? s : '{id}')).join('/');
  return `${method.toUpperCase()} /${template}`;
}

/** `2xx`, `4xx`, `5xx`..., or `none` when Webex gave no answer (timeout, connection error). */
export function webexStatusClass(status: number): string {
  if (status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx`;
}

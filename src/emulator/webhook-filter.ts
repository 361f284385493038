/**
 * Webhook filters (`k=v&k2=v2`, docs/webex-contract.md §5.1) and which events a registration hears. Pure, so the rules are
 * tested directly and by property tests.
 */

/** Filter keys Webex documents per resource (docs/webex-contract.md §5.2, §5.3); other resources accept any key. */
export const FILTER_KEYS: Record<string, readonly string[]> = {
  meetings: ['id', 'meetingNumber', 'meetingType', 'state', 'hostEmail', 'hostUserId', 'siteUrl'],
  meetingParticipants: ['id', 'meetingId', 'state', 'hostEmail', 'hostPersonId', 'siteUrl', 'meetingSeriesId'],
  recordings: ['id', 'meetingId', 'scheduledMeetingId', 'meetingSeriesId', 'hostEmail', 'hostUserId', 'siteUrl'],
  meetingTranscripts: ['id', 'meetingId', 'scheduledMeetingId', 'meetingSeriesId', 'hostEmail', 'hostUserId', 'siteUrl'],
  serviceApp: ['id', 'friendlyName', 'trainSiteNames', 'adminTrainSiteNames'],
  rooms: ['id', 'type', 'isLocked'],
  memberships: ['roomId', 'personId', 'personEmail', 'isModerator'],
  messages: ['roomId', 'roomType', 'personId', 'personEmail', 'mentionedPeople', 'mentionedGroups', 'hasFiles'],
};

export type FilterValue = string | number | boolean | readonly string[] | undefined;

/** Parses `k=v&k2=v2` into pairs; returns a problem text when the filter is malformed or names an unknown key. */
export function parseWebhookFilter(
  filter: string,
  resource: string,
): { ok: true; pairs: [string, string][] } | { ok: false; problem: string } {
  if (filter.trim() === '') return { ok: true, pairs: [] };
  const pairs: [string, string][] = [];
  for (const part of filter.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, problem: `'filter' part '${part}' is not of the form key=value` };
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(part.slice(0, eq));
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return { ok: false, problem: `'filter' part '${part}' is not valid URL encoding` };
    }
    const allowed = FILTER_KEYS[resource];
    if (allowed && !allowed.includes(key)) {
      return { ok: false, problem: `'filter' key '${key}' is not supported for resource '${resource}' (allowed: ${allowed.join(', ')})` };
    }
    pairs.push([key, value]);
  }
  return { ok: true, pairs };
}

/** True when every pair equals the event's field (a list field matches when it contains the value). */
export function matchesWebhookFilter(pairs: readonly [string, string][], fields: Record<string, FilterValue>): boolean {
  for (const [key, expected] of pairs) {
    const actual = fields[key];
    if (actual === undefined) return false;
    if (Array.isArray(actual)) {
      if (!actual.includes(expected)) return false;
    } else if (key.toLowerCase().includes('email')) {
      if (String(actual).toLowerCase() !== expected.toLowerCase()) return false;
    } else if (String(actual) !== expected) {
      return false;
    }
  }
  return true;
}

/** `all` covers created/updated/deleted only; started, ended, joined and left must be registered one by one (S2). */
export function webhookHearsEvent(registered: { resource: string; event: string }, resource: string, event: string): boolean {
  const resourceMatches = registered.resource === resource || (registered.resource === 'all' && ['rooms', 'memberships', 'messages'].includes(resource));
  if (!resourceMatches) return false;
  if (registered.event === event) return true;
  return registered.event === 'all' && (event === 'created' || event === 'updated' || event === 'deleted');
}

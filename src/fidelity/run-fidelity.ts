import { compareAnswer, type ParityRow } from './compare-answer.js';
import { ERROR_KEYS, JOIN_KEYS, MEETING_ENUMS, MEETING_KEYS, PERSON_ENUMS, PERSON_KEYS, type AnswerExpectation } from './expectations.js';

export interface FidelityOptions {
  /** A Webex-compatible API base, e.g. `https://webexapis.com/v1` or the emulator's `http://127.0.0.1:9400/v1`. */
  baseUrl: string;
  /** A Service App access token for an org with a guest-to-guest site (never printed). */
  token: string;
  /** The guest-to-guest site to schedule on; default: the caller's default site from /meetingPreferences/sites. */
  siteUrl?: string;
  /** Per request (default 20 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** A GET whose content is not there yet is asked again this many times (default 3), this far apart (default 1 s). */
  readRetries?: number;
  readRetryDelayMs?: number;
  /** Now, for the meeting's times (default Date.now; the emulator's clock may differ from the machine's). */
  now?: () => number;
}

export interface FidelityReport {
  baseUrl: string;
  rows: ParityRow[];
  mismatches: number;
}

interface Answer {
  status: number;
  body: unknown;
}

const MEETING: AnswerExpectation = { status: 200, keys: MEETING_KEYS, enums: MEETING_ENUMS };

/**
 * The scripted parity scenario (docs/emulator.md "Parity check"): who am I, my sites, then one hostless meeting on
 * the guest site through create, get, list, its occurrences, update, join, delete, and two errors. Every answer is
 * compared with what Webex documents; the meeting is deleted at the end even when a step in between mismatches.
 */
export async function runFidelity(options: FidelityOptions): Promise<FidelityReport> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const shown = printable(base);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const rows: ParityRow[] = [];

  const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    try {
      const res = await doFetch(`${base}${path}`, {
        method,
        // Real clients send the JSON content type even on DELETE and GET without a body; Webex accepts it.
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', accept: 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: compared as text
      }
      return { status: res.status, body: parsed };
    } catch {
      return { status: 0, body: undefined };
    }
  };
  const step = async (name: string, method: string, path: string, expected: AnswerExpectation, body?: unknown, check?: (answer: Answer) => string[]): Promise<Answer> => {
    let answer = await send(method, path, body);
    let notes = answer.status === 0 ? ['no answer'] : answer.status === expected.status && check ? check(answer) : [];
    // Webex's lists may trail a write by a little (docs/webex-contract.md §5.2): a read is asked again before it counts.
    for (let attempt = 1; method === 'GET' && notes.length > 0 && answer.status === expected.status && attempt <= (options.readRetries ?? 3); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, options.readRetryDelayMs ?? 1000));
      answer = await send(method, path, body);
      notes = answer.status === expected.status && check ? check(answer) : [];
    }
    rows.push(compareAnswer(name, `${method} ${displayPath(path)}`, expected, answer.status, answer.body, notes));
    return answer;
  };

  await step('who am I', 'GET', '/people/me', { status: 200, keys: PERSON_KEYS, enums: PERSON_ENUMS });
  const sites = await step('my sites', 'GET', '/meetingPreferences/sites', { status: 200, keys: ['sites'] });
  const siteUrl = options.siteUrl ?? defaultSite(sites.body);

  const now = (options.now ?? Date.now)();
  const start = new Date(Math.ceil((now + 2 * 3600_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const hostless = {
    title: 'g2g fidelity check',
    start: start.toISOString(),
    end: end.toISOString(),
    enabledJoinBeforeHost: true,
    joinBeforeHostMinutes: 15,
    unlockedMeetingJoinSecurity: 'allowJoin',
    sendEmail: false,
    ...(siteUrl !== undefined ? { siteUrl } : {}),
  };
  const created = await step('create', 'POST', '/meetings', MEETING, hostless, (a) => expectField(a.body, 'meetingType', 'meetingSeries'));
  const id = stringField(created.body, 'id');
  if (id === undefined) {
    rows.push(compareAnswer('create gave no id: later steps skipped', '-', { status: 200 }, 0, undefined, ['skipped']));
    return report(shown, rows);
  }
  try {
    await step('get', 'GET', `/meetings/${id}`, MEETING, undefined, (a) => expectField(a.body, 'id', id));
    const window = `from=${encodeURIComponent(new Date(start.getTime() - 60_000).toISOString())}&to=${encodeURIComponent(new Date(end.getTime() + 60_000).toISOString())}`;
    await step('list series', 'GET', `/meetings?meetingType=meetingSeries&${window}`, { ...MEETING, list: true }, undefined, (a) => (itemIds(a.body).includes(id) ? [] : ['the meeting is not listed']));
    await step('list occurrences', 'GET', `/meetings?meetingSeriesId=${id}&meetingType=scheduledMeeting`, { ...MEETING, list: true }, undefined, (a) =>
      itemIds(a.body).length === 1 ? [] : [`expected 1 occurrence, got ${itemIds(a.body).length}`],
    );
    await step('update', 'PUT', `/meetings/${id}`, MEETING, { ...hostless, title: 'g2g fidelity check (updated)' }, (a) => expectField(a.body, 'title', 'g2g fidelity check (updated)'));
    await step('join link', 'POST', '/meetings/join', { status: 200, keys: JOIN_KEYS }, { meetingId: id, joinDirectly: false, email: 'fidelity-guest@example.com', displayName: 'Fidelity Guest' });
    await step('refused create', 'POST', '/meetings', { status: 400, keys: ERROR_KEYS }, { ...hostless, title: '' });
  } finally {
    await step('delete', 'DELETE', `/meetings/${id}`, { status: 204 });
  }
  await step('get deleted', 'GET', `/meetings/${id}`, { status: 404, keys: ERROR_KEYS });
  return report(shown, rows);
}

/** Ids and query values left out, so tables from two services line up (the token is never part of a path). */
function displayPath(path: string): string {
  return path.replace(/=[^&]*/g, '=').replace(/^\/meetings\/(?!join$)[^/?]+/, '/meetings/{meetingId}');
}

/** The base URL without credentials or query, for the report. */
function printable(base: string): string {
  try {
    const url = new URL(base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid base URL)';
  }
}

function report(baseUrl: string, rows: ParityRow[]): FidelityReport {
  return { baseUrl, rows, mismatches: rows.filter((r) => !r.ok).length };
}

function stringField(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function expectField(body: unknown, name: string, want: string): string[] {
  const got = stringField(body, name);
  return got === want ? [] : [`${name} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
}

function itemIds(body: unknown): string[] {
  const items = typeof body === 'object' && body !== null ? (body as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items.map((i) => stringField(i, 'id')).filter((i): i is string => i !== undefined) : [];
}

function defaultSite(body: unknown): string | undefined {
  const sites = typeof body === 'object' && body !== null ? (body as { sites?: unknown }).sites : undefined;
  if (!Array.isArray(sites)) return undefined;
  const chosen = sites.find((s) => typeof s === 'object' && s !== null && (s as { default?: unknown }).default === true) ?? sites[0];
  return stringField(chosen, 'siteUrl');
}

/**
 * A typed client of the emulator's control plane (`/_emulator`, docs/emulator.md "Control plane"): what people and
 * Control Hub do, the test clock, faults, the journal. A refused call throws with the emulator's one-line answer.
 */

export interface FaultSpec {
  method?: string;
  /** Glob over the /v1 path, e.g. '/v1/meetings*'. */
  path: string;
  status?: number;
  count?: number;
  probability?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
  message?: string;
  /** 'after': the change is made, then the answer is lost (`status`, or `lose: 'reset' | 'timeout'`). */
  when?: 'before' | 'after';
  lose?: 'reset' | 'timeout';
}

export interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  /** Set when an `after` fault lost the answer. */
  lost?: number | 'reset' | 'timeout';
  at: string;
}

export interface DeliveryEntry {
  id: string;
  webhookId: string;
  resource: string;
  event: string;
  targetUrl: string;
  status: string;
  attempts: number;
  lastStatusCode?: number;
  at: string;
}

/** What opening a Webex join or start link did: joined (or in the lobby), or refused with the emulator's code. */
export type LinkOpened =
  | { ok: true; participantId: string; meetingId: string; role: 'host' | 'attendee'; state: string; meetingState: string }
  | { ok: false; status: number; code: string; message: string };

export class EmulatorControl {
  readonly #base: string;

  constructor(controlUrl: string) {
    this.#base = controlUrl.replace(/\/$/, '');
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.#base}${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}: ${describe(text)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A person opens a join or start link and presses Join. Refusals (lobby aside) come back as `ok: false`. */
  async openLink(url: string, displayName?: string): Promise<LinkOpened> {
    const res = await fetch(`${this.#base}/links/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, ...(displayName !== undefined ? { displayName } : {}) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.ok) return { ok: true, ...(json as { participantId: string; meetingId: string; role: 'host' | 'attendee'; state: string; meetingState: string }) };
    return { ok: false, status: res.status, code: String(json.code ?? ''), message: String(json.message ?? '') };
  }

  leave(participantId: string): Promise<{ participantId: string; meetingState: string }> {
    return this.#call('POST', `/participants/${encodeURIComponent(participantId)}/leave`);
  }

  admit(participantId: string): Promise<unknown> {
    return this.#call('POST', `/participants/${encodeURIComponent(participantId)}/admit`);
  }

  endMeeting(meetingId: string): Promise<{ meetingId: string; state: string }> {
    return this.#call('POST', `/meetings/${encodeURIComponent(meetingId)}/end`);
  }

  advanceClock(ms: number): Promise<{ now: string; nowMs: number }> {
    return this.#call('POST', '/clock/advance', { ms });
  }

  async addFault(fault: FaultSpec): Promise<string> {
    return (await this.#call<{ id: string }>('POST', '/faults', fault)).id;
  }

  clearFaults(): Promise<void> {
    return this.#call('DELETE', '/faults');
  }

  setReadLag(ms: number): Promise<{ ms: number }> {
    return this.#call('PUT', '/read-lag', { ms });
  }

  async requests(filter: { method?: string; path?: string } = {}): Promise<JournalEntry[]> {
    return (await this.#call<{ items: JournalEntry[] }>('GET', `/requests${query(filter)}`)).items;
  }

  async deliveries(filter: { resource?: string; event?: string } = {}): Promise<DeliveryEntry[]> {
    return (await this.#call<{ items: DeliveryEntry[] }>('GET', `/deliveries${query(filter)}`)).items;
  }

  /** Waits until queued webhook deliveries are sent; answers how many are still pending after `timeoutMs`. */
  flushDeliveries(timeoutMs = 5000): Promise<{ pending: number }> {
    return this.#call('POST', '/deliveries/flush', { timeoutMs });
  }

  authorize(applicationId: string, body: { orgId: string; siteUrl?: string }): Promise<unknown> {
    return this.#call('POST', `/service-apps/${encodeURIComponent(applicationId)}/authorize`, body);
  }

  deauthorize(applicationId: string, body: { orgId: string }): Promise<unknown> {
    return this.#call('POST', `/service-apps/${encodeURIComponent(applicationId)}/deauthorize`, body);
  }
}

function query(filter: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
  return q.size > 0 ? `?${q.toString()}` : '';
}

/** The emulator's error body, or a bounded slice of whatever came back. */
function describe(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 200);
}

import { startEmulator, type RunningEmulator, type Seed, type StartEmulatorOptions } from '../../src/emulator/index.js';

/**
 * Test helpers around the real emulator (over HTTP, port 0): start one, and typed wrappers for
 * the control plane (`/_emulator`). A failed control call throws with the emulator's answer.
 *
 * @example
 * const { emulator, control } = await startTestEmulator({ clock });
 * const org = await control.createOrg({ name: 'Acme' });
 * await control.authorize(emulator.seed.serviceApp.applicationId, { orgId: org.orgId });
 * expect(await control.requests({ method: 'POST', path: '/v1/access_token' })).toHaveLength(1);
 */
export interface TestEmulator {
  emulator: RunningEmulator;
  seed: Seed;
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, webhookRetryDelaysMs: [20, 50, 100], logLevel: 'silent', ...options });
  return { emulator, seed: emulator.seed, control: new EmulatorControl(emulator.controlUrl), close: () => emulator.close() };
}

export interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  lost?: number | 'reset' | 'timeout';
  at: string;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  resource: string;
  event: string;
  targetUrl: string;
  status: string;
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  at: string;
  body: string;
}

export interface FaultSpec {
  method?: string;
  /** Glob over the /v1 path, e.g. '/v1/meetings*'. */
  path: string;
  status?: number;
  count?: number;
  probability?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
  /** 'after': the change is made, then the answer is lost (`status`, or `lose`). */
  when?: 'before' | 'after';
  lose?: 'reset' | 'timeout';
}

export type OpenLinkResult =
  | { ok: true; status: number; participantId: string; meetingId: string; role: 'host' | 'attendee'; state: string }
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
    if (!res.ok) throw new Error(`emulator control ${method} ${path} answered ${res.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A new org with its own guest-to-guest site. */
  createOrg(body: { name?: string; siteUrl?: string; concurrentMeetings?: number; participantsPerMeeting?: number; attendeesCanJoinWithoutHost?: boolean } = {}) {
    return this.#call<{ orgId: string; name: string; siteUrl: string; admin: { personId: string; email: string; accessToken: string } }>('POST', '/orgs', body);
  }

  /** An integration (e.g. a refreshable token manager with `spark:applications_token`). */
  createIntegration(body: { orgId?: string; name?: string; scopes?: string[] } = {}) {
    return this.#call<{ clientId: string; clientSecret: string; accessToken: string; refreshToken: string; personId: string; scopes: string[] }>('POST', '/integrations', body);
  }

  /** Authorizes the Service App for an org: the emulator sends the signed serviceApp:authorized webhook. */
  authorize(applicationId: string, body: { orgId: string; siteUrl?: string; scopes?: string[] }) {
    return this.#call<{ applicationId: string; orgId: string; siteUrls: string[]; scopes: string[] }>('POST', `/service-apps/${encodeURIComponent(applicationId)}/authorize`, body);
  }

  /** Revokes the org's Service App tokens and sends serviceApp:deauthorized. */
  deauthorize(applicationId: string, body: { orgId: string }) {
    return this.#call<{ applicationId: string; orgId: string }>('POST', `/service-apps/${encodeURIComponent(applicationId)}/deauthorize`, body);
  }

  /** Makes the org's Service App tokens invalid (a revoked refresh token answers invalid_grant). */
  revokeTokens(body: { orgId: string; kind?: 'access' | 'refresh' | 'all'; applicationId?: string }) {
    return this.#call<{ revoked: number }>('POST', '/tokens/revoke', body);
  }

  /** What a person opening a join/start link gets (the join page's Join button). Refusals come back as `ok: false`. */
  async openLink(body: { url: string; displayName?: string }): Promise<OpenLinkResult> {
    const res = await fetch(`${this.#base}/links/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.ok) return { ok: true, status: res.status, ...(json as { participantId: string; meetingId: string; role: 'host' | 'attendee'; state: string }) };
    return { ok: false, status: res.status, code: String(json['code'] ?? json['errorCode'] ?? ''), message: String(json['message'] ?? '') };
  }

  leave(participantId: string) {
    return this.#call<{ participantId: string; meetingId: string; state: string; meetingState: string }>('POST', `/participants/${encodeURIComponent(participantId)}/leave`);
  }

  endMeeting(meetingId: string) {
    return this.#call<{ meetingId: string; state: string }>('POST', `/meetings/${encodeURIComponent(meetingId)}/end`);
  }

  /** Moves the emulator's clock forward (token expiry, meeting times). */
  advanceClock(ms: number) {
    return this.#call<{ now: string; nowMs: number; offsetMs: number }>('POST', '/clock/advance', { ms });
  }

  clock() {
    return this.#call<{ now: string; nowMs: number; offsetMs: number }>('GET', '/clock');
  }

  addFault(fault: FaultSpec) {
    return this.#call<{ id: string }>('POST', '/faults', fault);
  }

  clearFaults() {
    return this.#call<void>('DELETE', '/faults');
  }

  /** Journal of /v1 requests, newest last; `path` may be a glob ('/v1/meetings*'). */
  async requests(filter: { method?: string; path?: string } = {}): Promise<JournalEntry[]> {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.#call<{ items: JournalEntry[] }>('GET', `/requests${q.size ? `?${q}` : ''}`)).items;
  }

  clearRequests() {
    return this.#call<void>('DELETE', '/requests');
  }

  async deliveries(filter: { resource?: string; event?: string; webhookId?: string } = {}): Promise<DeliveryView[]> {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.#call<{ items: DeliveryView[] }>('GET', `/deliveries${q.size ? `?${q}` : ''}`)).items;
  }

  /** Waits until queued webhook deliveries are sent (or the timeout passes); answers how many are still pending. */
  flushDeliveries(timeoutMs = 5000) {
    return this.#call<{ pending: number }>('POST', '/deliveries/flush', { timeoutMs });
  }

  reset() {
    return this.#call<void>('POST', '/reset');
  }

  state() {
    return this.#call<Record<string, unknown>>('GET', '/state');
  }
}

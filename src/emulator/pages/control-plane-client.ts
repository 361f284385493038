import { z } from 'zod';

/**
 * The join pages are a browser front for the emulator's control plane (`/_emulator`): they hold no
 * meeting state of their own, so what a person sees is exactly what the emulator's API answers.
 * Shapes follow the control-plane contract; parsing is loose (extra fields pass) so that the pages
 * keep working when the core adds fields.
 */

const ROLES = ['host', 'attendee'] as const;
export type LinkRole = (typeof ROLES)[number];

const linkInfoSchema = z.looseObject({
  meetingId: z.string(),
  title: z.string(),
  role: z.enum(ROLES),
  displayName: z.string().optional(),
  state: z.string().optional(),
  expired: z.boolean().optional(),
});
export type LinkInfo = z.infer<typeof linkInfoSchema>;

const openedSchema = z.looseObject({
  participantId: z.string(),
  meetingId: z.string(),
  role: z.enum(ROLES),
  state: z.string(),
});
export type OpenedLink = z.infer<typeof openedSchema>;

const refusalSchema = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  participantId: z.string().optional(),
  meetingId: z.string().optional(),
});

const participantSchema = z.looseObject({
  id: z.string(),
  displayName: z.string().optional(),
  role: z.string().optional(),
  host: z.boolean().optional(),
  state: z.string().optional(),
});
export type OverviewParticipant = z.infer<typeof participantSchema>;

const meetingSchema = z.looseObject({
  id: z.string(),
  meetingType: z.string().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  siteUrl: z.string().optional(),
  participants: z.array(participantSchema).optional(),
});
export type OverviewMeeting = z.infer<typeof meetingSchema>;

const overviewSchema = z.looseObject({
  meetings: z.array(meetingSchema).optional(),
});

/** A refusal the control plane answered on purpose (4xx with a `code`), shown to the person as a page. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly participantId?: string;
  readonly meetingId?: string;
}

export type Answer<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** The control plane did not answer, answered 5xx, or answered something that is not its contract. */
export class ControlPlaneUnavailableError extends Error {
  override readonly name = 'ControlPlaneUnavailableError';
}

export interface ControlPlaneClient {
  inspectLink(url: string): Promise<Answer<LinkInfo>>;
  openLink(url: string, displayName: string | undefined): Promise<Answer<OpenedLink>>;
  leave(participantId: string): Promise<Answer<unknown>>;
  /** Lets a person waiting in the lobby into the meeting. */
  admit(participantId: string): Promise<Answer<unknown>>;
  endMeeting(meetingId: string): Promise<Answer<unknown>>;
  /** The meeting with this id (as the overview lists it), or undefined if the emulator does not know it. */
  findMeeting(meetingId: string): Promise<OverviewMeeting | undefined>;
}

const TIMEOUT_MS = 5_000;

export function createControlPlaneClient(controlUrl: string): ControlPlaneClient {
  const base = controlUrl.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ControlPlaneUnavailableError('the emulator control plane did not answer', { cause: error });
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(json ?? {});
      if (!parsed.success) throw new ControlPlaneUnavailableError(`the emulator control plane answered ${method} ${path.split('?')[0] ?? ''} with an unexpected body`);
      return { ok: true, value: parsed.data };
    }
    if (response.status >= 400 && response.status < 500) {
      const parsed = refusalSchema.safeParse(json ?? {});
      const refusal = parsed.success ? parsed.data : {};
      return {
        ok: false,
        refusal: {
          status: response.status,
          code: refusal.code ?? (response.status === 404 ? 'not_found' : 'refused'),
          message: refusal.message ?? '',
          ...(refusal.participantId === undefined ? {} : { participantId: refusal.participantId }),
          ...(refusal.meetingId === undefined ? {} : { meetingId: refusal.meetingId }),
        },
      };
    }
    throw new ControlPlaneUnavailableError(`the emulator control plane answered ${response.status}`);
  }

  return {
    inspectLink: (url) => call('GET', `/links/inspect?url=${encodeURIComponent(url)}`, linkInfoSchema),
    openLink: (url, displayName) =>
      call('POST', '/links/open', openedSchema, displayName === undefined ? { url } : { url, displayName }),
    leave: (participantId) => call('POST', `/participants/${encodeURIComponent(participantId)}/leave`, z.unknown(), {}),
    admit: (participantId) => call('POST', `/participants/${encodeURIComponent(participantId)}/admit`, z.unknown(), {}),
    endMeeting: (meetingId) => call('POST', `/meetings/${encodeURIComponent(meetingId)}/end`, z.unknown(), {}),
    findMeeting: async (meetingId) => {
      const answer = await call('GET', '/overview', overviewSchema);
      if (!answer.ok) throw new ControlPlaneUnavailableError(`the emulator control plane refused the overview (${answer.refusal.status})`);
      return answer.value.meetings?.find((m) => m.id === meetingId);
    },
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

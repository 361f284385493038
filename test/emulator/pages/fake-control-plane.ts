import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A small stand-in for the emulator's control plane, over real HTTP, for testing the join pages
 * alone: every answer is one the contract in src/emulator/control/control-plane.ts allows, and
 * every request is recorded so a test can check exactly what the pages sent.
 */
export interface FakeLink {
  seriesId: string;
  title: string;
  role: 'host' | 'attendee';
  displayName: string;
  expired?: boolean;
  /** What POST /links/open answers for this link; default: the person joins. */
  refuse?: { status: number; code: string; message: string; lobby?: boolean };
}

export interface FakeParticipant {
  id: string;
  displayName: string;
  role: 'host' | 'attendee';
  state: 'joined' | 'lobby' | 'end';
}

export interface FakeMeeting {
  id: string;
  title: string;
  state: string;
  participants: FakeParticipant[];
}

export interface FakeControlPlane {
  readonly controlUrl: string;
  readonly links: Map<string, FakeLink>;
  readonly meetings: Map<string, FakeMeeting>;
  readonly requests: { method: string; url: string; body: unknown }[];
  /** Forgets links, meetings and requests; participant ids start again at participant-1. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeControlPlane(): Promise<FakeControlPlane> {
  const app: FastifyInstance = Fastify({ logger: false });
  const links = new Map<string, FakeLink>();
  const meetings = new Map<string, FakeMeeting>();
  const requests: { method: string; url: string; body: unknown }[] = [];
  let nextParticipant = 1;

  app.addHook('preHandler', async (request) => {
    requests.push({ method: request.method, url: request.url, body: request.body });
  });

  const tokenOf = (url: string): string | undefined => {
    try {
      const match = /^\/join\/([^/?]+)$/.exec(new URL(url).pathname);
      return match?.[1];
    } catch {
      return undefined;
    }
  };
  const instanceOf = (link: FakeLink): FakeMeeting => {
    const id = `${link.seriesId}_I_1`;
    let meeting = meetings.get(id);
    if (meeting === undefined) {
      meeting = { id, title: link.title, state: 'lobby', participants: [] };
      meetings.set(id, meeting);
    }
    return meeting;
  };

  app.get<{ Querystring: { url?: string } }>('/_emulator/links/inspect', async (request, reply) => {
    const link = links.get(tokenOf(request.query.url ?? '') ?? '');
    if (link === undefined) return reply.code(404).send({ code: 'link_unknown', message: 'No such link' });
    return { meetingId: link.seriesId, title: link.title, role: link.role, displayName: link.displayName, state: 'active', expired: link.expired ?? false };
  });

  app.post<{ Body: { url?: string; displayName?: string } }>('/_emulator/links/open', async (request, reply) => {
    const link = links.get(tokenOf(request.body.url ?? '') ?? '');
    if (link === undefined) return reply.code(404).send({ code: 'link_unknown', message: 'No such link' });
    const participant: FakeParticipant = {
      id: `participant-${nextParticipant++}`,
      displayName: request.body.displayName ?? link.displayName,
      role: link.role,
      state: 'joined',
    };
    if (link.refuse !== undefined) {
      if (link.refuse.lobby !== true) return reply.code(link.refuse.status).send({ code: link.refuse.code, message: link.refuse.message });
      const meeting = instanceOf(link);
      participant.state = 'lobby';
      meeting.participants.push(participant);
      return reply.code(409).send({ code: 'lobby', message: 'waiting for the host', participantId: participant.id, meetingId: meeting.id });
    }
    const meeting = instanceOf(link);
    meeting.state = 'inProgress';
    meeting.participants.push(participant);
    return { participantId: participant.id, meetingId: meeting.id, role: link.role, state: 'joined' };
  });

  const findParticipant = (id: string): { meeting: FakeMeeting; participant: FakeParticipant } | undefined => {
    for (const meeting of meetings.values()) {
      const participant = meeting.participants.find((p) => p.id === id);
      if (participant !== undefined) return { meeting, participant };
    }
    return undefined;
  };

  app.post<{ Params: { id: string } }>('/_emulator/participants/:id/leave', async (request, reply) => {
    const found = findParticipant(request.params.id);
    if (found === undefined) return reply.code(404).send({ code: 'participant_not_found', message: 'No such participant' });
    found.participant.state = 'end';
    if (found.meeting.participants.every((p) => p.state === 'end')) found.meeting.state = 'ended';
    return { participantId: found.participant.id, meetingId: found.meeting.id, state: 'end', meetingState: found.meeting.state };
  });

  app.post<{ Params: { id: string } }>('/_emulator/participants/:id/admit', async (request, reply) => {
    const found = findParticipant(request.params.id);
    if (found === undefined) return reply.code(404).send({ code: 'participant_not_found', message: 'No such participant' });
    found.participant.state = 'joined';
    return found.participant;
  });

  app.post<{ Params: { id: string } }>('/_emulator/meetings/:id/end', async (request, reply) => {
    const meeting = meetings.get(request.params.id);
    if (meeting === undefined) return reply.code(404).send({ code: 'meeting_not_found', message: 'No such meeting' });
    meeting.state = 'ended';
    for (const p of meeting.participants) p.state = 'end';
    return { meetingId: meeting.id, state: 'ended' };
  });

  app.get('/_emulator/overview', async () => ({
    orgs: [],
    meetings: [...meetings.values()].map((m) => ({ ...m, meetingType: 'meeting', siteUrl: 'fake.webex.com' })),
    deliveries: [],
    clock: { now: new Date(0).toISOString() },
  }));

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fake control plane has no port');
  return {
    controlUrl: `http://127.0.0.1:${address.port}/_emulator`,
    links,
    meetings,
    requests,
    reset: () => {
      links.clear();
      meetings.clear();
      requests.length = 0;
      nextParticipant = 1;
    },
    close: () => app.close(),
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, authenticate, hasScope, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { forbidden, invalidItems, notFound } from '../errors.js';
import { JOIN_BEFORE_HOST_MINUTES, isPlainObject } from '../meeting-rules.js';
import { audioOf, parseAudio, parsePersonalRoom, parseVideo, personalRoomView, videoOf } from '../preference-sections.js';
import { queryOf, sendJson, sendNoContent } from '../reply.js';
import type { Person } from '../state.js';

/** /v1/meetingPreferences (docs/webex-contract.md §3): the caller's preferences, or a user's for an admin (`userEmail`). */
export function registerPreferenceRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const subject = (request: FastifyRequest, who: Principal, write: boolean): Person => {
    const email = queryOf(request).userEmail;
    if (email === undefined || who.person.emails.includes(email)) return who.person;
    const admin = write ? ['meeting:admin_preferences_write'] : ['meeting:admin_preferences_read', 'meeting:admin_preferences_write'];
    if (!hasScope(who, admin)) throw forbidden("Not permitted to view or change other user's preferences.");
    const person = ctx.state.findPersonByEmail(email);
    if (!person || person.orgId !== who.person.orgId) throw notFound(`No user '${email}' in your organization`);
    return person;
  };

  app.get('/v1/meetingPreferences', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    const person = subject(request, who, false);
    const site = defaultSite(person);
    return sendJson(reply, {
      personalMeetingRoom: personalRoomView(person, site),
      audio: audioOf(person),
      video: videoOf(person),
      schedulingOptions: person.schedulingOptions,
      sites: person.siteUrls.map((siteUrl) => ({ siteUrl, default: siteUrl === site })),
    });
  });

  app.get('/v1/meetingPreferences/personalMeetingRoom', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    const person = subject(request, who, false);
    return sendJson(reply, personalRoomView(person, defaultSite(person)));
  });

  app.put('/v1/meetingPreferences/personalMeetingRoom', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const parsed = parsePersonalRoom(request.body);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    (person.preferences ??= {}).personalMeetingRoom = parsed.value;
    ctx.onChange();
    return sendJson(reply, personalRoomView(person, defaultSite(person)));
  });

  app.get('/v1/meetingPreferences/audio', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    return sendJson(reply, audioOf(subject(request, who, false)));
  });

  app.put('/v1/meetingPreferences/audio', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const parsed = parseAudio(request.body);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    (person.preferences ??= {}).audio = parsed.value;
    ctx.onChange();
    return sendJson(reply, audioOf(person));
  });

  app.get('/v1/meetingPreferences/video', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    return sendJson(reply, videoOf(subject(request, who, false)));
  });

  app.put('/v1/meetingPreferences/video', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const parsed = parseVideo(request.body);
    if (!parsed.ok) throw invalidItems(...parsed.problems);
    (person.preferences ??= {}).videoDevices = parsed.value;
    ctx.onChange();
    return sendJson(reply, videoOf(person));
  });

  app.get('/v1/meetingPreferences/schedulingOptions', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    return sendJson(reply, subject(request, who, false).schedulingOptions);
  });

  app.put('/v1/meetingPreferences/schedulingOptions', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const body = request.body;
    if (!isPlainObject(body)) throw invalidItems('The request body must be a JSON object');
    const problems: string[] = [];
    for (const key of ['enabledJoinBeforeHost', 'enabledAutoShareRecording'] as const) {
      if (typeof body[key] !== 'boolean') problems.push(`'${key}' is required and must be a boolean`);
    }
    if (body.enabledWebexAssistantByDefault !== undefined && typeof body.enabledWebexAssistantByDefault !== 'boolean') {
      problems.push("'enabledWebexAssistantByDefault' must be a boolean");
    }
    if (typeof body.joinBeforeHostMinutes !== 'number' || !(JOIN_BEFORE_HOST_MINUTES as readonly number[]).includes(body.joinBeforeHostMinutes)) {
      problems.push(`'joinBeforeHostMinutes' is required and must be one of ${JOIN_BEFORE_HOST_MINUTES.join(', ')}`);
    }
    const emails = body.delegateEmails;
    if (emails !== undefined && emails !== null && (!Array.isArray(emails) || emails.some((e) => typeof e !== 'string' || !e.includes('@')))) {
      problems.push("'delegateEmails' must be an array of e-mail addresses");
    }
    if (problems.length > 0) throw invalidItems(...problems);
    person.schedulingOptions = {
      enabledJoinBeforeHost: body.enabledJoinBeforeHost as boolean,
      joinBeforeHostMinutes: body.joinBeforeHostMinutes as number,
      enabledAutoShareRecording: body.enabledAutoShareRecording as boolean,
      enabledWebexAssistantByDefault: (body.enabledWebexAssistantByDefault as boolean | undefined) ?? person.schedulingOptions.enabledWebexAssistantByDefault,
      // null means unchanged, [] clears (docs/webex-contract.md §3).
      delegateEmails: Array.isArray(emails) ? (emails as string[]) : person.schedulingOptions.delegateEmails,
    };
    ctx.onChange();
    return sendJson(reply, person.schedulingOptions);
  });

  // Insert and delete one or more delegates without replacing the list (emails compared case-insensitively).
  const delegates = (request: FastifyRequest): string[] => {
    const body = request.body;
    const emails = isPlainObject(body) ? body.emails : undefined;
    if (!Array.isArray(emails) || emails.length === 0 || emails.some((e) => typeof e !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(e))) {
      throw invalidItems("'emails' is required: a non-empty array of e-mail addresses");
    }
    return emails as string[];
  };
  app.post('/v1/meetingPreferences/schedulingOptions/delegateEmails/insert', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const emails = delegates(request);
    const known = new Set(person.schedulingOptions.delegateEmails.map((e) => e.toLowerCase()));
    const added = emails.filter((e) => !known.has(e.toLowerCase()));
    person.schedulingOptions.delegateEmails = [...person.schedulingOptions.delegateEmails, ...added];
    ctx.onChange();
    return sendJson(reply, { emails });
  });
  app.post('/v1/meetingPreferences/schedulingOptions/delegateEmails/delete', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const gone = new Set(delegates(request).map((e) => e.toLowerCase()));
    person.schedulingOptions.delegateEmails = person.schedulingOptions.delegateEmails.filter((e) => !gone.has(e.toLowerCase()));
    ctx.onChange();
    return sendNoContent(reply);
  });

  app.get('/v1/meetingPreferences/sites', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesRead);
    const person = subject(request, who, false);
    const site = defaultSite(person);
    return sendJson(reply, { sites: person.siteUrls.map((siteUrl) => ({ siteUrl, default: siteUrl === site })) });
  });

  app.put('/v1/meetingPreferences/sites', async (request, reply) => {
    const who = authenticate(ctx, request, SCOPES.preferencesWrite);
    const person = subject(request, who, true);
    const query = queryOf(request);
    if (query.defaultSite !== undefined && query.defaultSite !== 'true' && query.defaultSite !== 'false') throw invalidItems("'defaultSite' must be true or false");
    const body = request.body;
    if (!isPlainObject(body) || typeof body.siteUrl !== 'string' || body.siteUrl === '') throw invalidItems("'siteUrl' is required");
    const siteUrl = body.siteUrl.toLowerCase();
    if (!person.siteUrls.includes(siteUrl)) throw invalidItems(`'siteUrl' '${body.siteUrl}' is not one of your sites`);
    if (query.defaultSite !== 'false') person.defaultSiteUrl = siteUrl;
    ctx.onChange();
    return sendJson(reply, { siteUrl, default: defaultSite(person) === siteUrl });
  });
}

function defaultSite(person: Person): string | undefined {
  return person.defaultSiteUrl ?? person.siteUrls[0];
}

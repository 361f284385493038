import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { ADMIN_SCOPES, G2G_SERVICE_APP_SCOPES, createOrg, createPerson, createServiceApp, createSite, orgDomain, slugify } from '../directory.js';
import { refusal } from '../errors.js';
import { paramOf, sendJson } from '../reply.js';
import { createIntegration } from '../seed.js';
import { authorizeServiceApp, deauthorizeServiceApp } from '../service-app-authorization.js';
import type { ServiceApp, Site } from '../state.js';
import { issueTokenPair, revokeTokens } from '../token-issuer.js';
import { controlBody, optionalBoolean, optionalInt, optionalString, optionalStringList, requiredString } from './control-body.js';

const SITE_URL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Control Hub and developer.webex.com, played by the control plane: orgs, sites, apps, authorizations, tokens. */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const serviceAppOf = (id: string): ServiceApp => {
    const found = ctx.state.serviceApps.get(id);
    if (!found) throw refusal(404, 'app_not_found', `No Service App '${id}'`);
    return found;
  };

  app.post('/_emulator/orgs', async (request, reply) => {
    const body = controlBody(request);
    const name = optionalString(body, 'name', 128) ?? `Org ${ctx.state.orgs.size + 1}`;
    const siteUrl = (optionalString(body, 'siteUrl') ?? `${slugify(name)}-${ctx.state.orgs.size + 1}-g2g.webex.com`).toLowerCase();
    if (!SITE_URL.test(siteUrl)) throw refusal(400, 'invalid_request', "'siteUrl' must be a host name such as acme-g2g.webex.com");
    if (ctx.state.sites.has(siteUrl)) throw refusal(409, 'site_exists', `Site '${siteUrl}' already exists (site names are globally unique)`);
    const concurrentMeetings = optionalInt(body, 'concurrentMeetings', 0, 100_000) ?? 10;
    const participantsPerMeeting = optionalInt(body, 'participantsPerMeeting', 1, 100_000) ?? 400;
    const attendeesCanJoinWithoutHost = optionalBoolean(body, 'attendeesCanJoinWithoutHost') ?? true;
    const now = ctx.clock.now();
    const org = createOrg(ctx.state, name, now);
    createSite(ctx.state, { siteUrl, orgId: org.id, guestToGuest: true, concurrentMeetings, participantsPerMeeting, attendeesCanJoinWithoutHost });
    const admin = createPerson(ctx.state, { orgId: org.id, email: `admin@${orgDomain(org)}`, displayName: `${name} Admin`, admin: true, siteUrls: [siteUrl], now });
    const portal = createIntegration(ctx, { name: 'Webex Developer Portal (personal access tokens)', scopes: ADMIN_SCOPES, orgId: org.id, ownerPersonId: admin.id });
    const adminTokens = issueTokenPair(ctx.state, { personId: admin.id, orgId: org.id, clientId: portal.clientId, scopes: ADMIN_SCOPES }, now, ctx.tokenLifetimes);
    ctx.onChange();
    return sendJson(reply, { orgId: org.id, name: org.name, siteUrl, admin: { personId: admin.id, email: admin.emails[0], accessToken: adminTokens.access_token } });
  });

  app.post('/_emulator/orgs/:orgId/sites', async (request, reply) => {
    const org = ctx.state.orgs.get(paramOf(request, 'orgId'));
    if (!org) throw refusal(404, 'org_not_found', 'No such org');
    const body = controlBody(request);
    const siteUrl = (optionalString(body, 'siteUrl') ?? `${slugify(org.name)}-${ctx.state.sites.size + 1}.webex.com`).toLowerCase();
    if (!SITE_URL.test(siteUrl)) throw refusal(400, 'invalid_request', "'siteUrl' must be a host name such as acme.webex.com");
    if (ctx.state.sites.has(siteUrl)) throw refusal(409, 'site_exists', `Site '${siteUrl}' already exists`);
    const site = createSite(ctx.state, {
      siteUrl,
      orgId: org.id,
      guestToGuest: optionalBoolean(body, 'guestToGuest') ?? true,
      concurrentMeetings: optionalInt(body, 'concurrentMeetings', 0, 100_000) ?? 10,
      participantsPerMeeting: optionalInt(body, 'participantsPerMeeting', 1, 100_000) ?? 400,
      attendeesCanJoinWithoutHost: optionalBoolean(body, 'attendeesCanJoinWithoutHost') ?? true,
    });
    ctx.onChange();
    return sendJson(reply, siteView(ctx, site));
  });

  app.patch('/_emulator/sites/:siteUrl', async (request, reply) => {
    const site = ctx.state.sites.get(paramOf(request, 'siteUrl').toLowerCase());
    if (!site) throw refusal(404, 'site_not_found', 'No such site');
    const body = controlBody(request);
    const concurrentMeetings = optionalInt(body, 'concurrentMeetings', 0, 100_000);
    const participantsPerMeeting = optionalInt(body, 'participantsPerMeeting', 1, 100_000);
    const attendeesCanJoinWithoutHost = optionalBoolean(body, 'attendeesCanJoinWithoutHost');
    if (concurrentMeetings !== undefined) site.concurrentMeetings = concurrentMeetings;
    if (participantsPerMeeting !== undefined) site.participantsPerMeeting = participantsPerMeeting;
    if (attendeesCanJoinWithoutHost !== undefined) site.attendeesCanJoinWithoutHost = attendeesCanJoinWithoutHost;
    ctx.onChange();
    return sendJson(reply, siteView(ctx, site));
  });

  app.post('/_emulator/service-apps', async (request, reply) => {
    const body = controlBody(request);
    const name = optionalString(body, 'name', 128) ?? `Service App ${ctx.state.serviceApps.size + 1}`;
    const scopes = optionalStringList(body, 'scopes') ?? [...G2G_SERVICE_APP_SCOPES];
    const developerOrgId = optionalString(body, 'developerOrgId') ?? ctx.state.seed?.orgId ?? [...ctx.state.orgs.keys()][0] ?? '';
    if (!ctx.state.orgs.has(developerOrgId)) throw refusal(404, 'org_not_found', "'developerOrgId' names no org");
    const created = createServiceApp(ctx.state, { name, scopes, developerOrgId });
    ctx.onChange();
    return sendJson(reply, { applicationId: created.applicationId, clientId: created.clientId, clientSecret: created.clientSecret, name, scopes });
  });

  app.post('/_emulator/integrations', async (request, reply) => {
    const body = controlBody(request);
    const orgId = optionalString(body, 'orgId') ?? ctx.state.seed?.orgId ?? '';
    const org = ctx.state.orgs.get(orgId);
    if (!org) throw refusal(404, 'org_not_found', "'orgId' names no org");
    const name = optionalString(body, 'name', 128) ?? `Integration ${ctx.state.integrations.size + 1}`;
    const scopes = optionalStringList(body, 'scopes') ?? ['spark:all'];
    const now = ctx.clock.now();
    const owner = createPerson(ctx.state, { orgId, email: `${slugify(name)}-${ctx.state.people.size}@${orgDomain(org)}`, displayName: `${name} Owner`, now });
    const integration = createIntegration(ctx, { name, scopes, orgId, ownerPersonId: owner.id });
    const tokens = issueTokenPair(ctx.state, { personId: owner.id, orgId, clientId: integration.clientId, scopes }, now, ctx.tokenLifetimes);
    ctx.onChange();
    return sendJson(reply, {
      clientId: integration.clientId,
      clientSecret: integration.clientSecret,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      personId: owner.id,
      scopes,
    });
  });

  app.post('/_emulator/service-apps/:applicationId/authorize', async (request, reply) => {
    const serviceApp = serviceAppOf(paramOf(request, 'applicationId'));
    const body = controlBody(request);
    const orgId = requiredString(body, 'orgId');
    const siteUrl = optionalString(body, 'siteUrl');
    const scopes = optionalStringList(body, 'scopes');
    const authorization = authorizeServiceApp(ctx, serviceApp, { orgId, ...(siteUrl ? { siteUrl } : {}), ...(scopes ? { scopes } : {}) });
    return sendJson(reply, { applicationId: serviceApp.applicationId, orgId, siteUrls: authorization.siteUrls, scopes: authorization.scopes });
  });

  app.post('/_emulator/service-apps/:applicationId/deauthorize', async (request, reply) => {
    const serviceApp = serviceAppOf(paramOf(request, 'applicationId'));
    const orgId = requiredString(controlBody(request), 'orgId');
    deauthorizeServiceApp(ctx, serviceApp, orgId);
    return sendJson(reply, { applicationId: serviceApp.applicationId, orgId });
  });

  app.post('/_emulator/tokens/revoke', async (request, reply) => {
    const body = controlBody(request);
    const orgId = requiredString(body, 'orgId');
    const kind = optionalString(body, 'kind') ?? 'all';
    if (!['access', 'refresh', 'all'].includes(kind)) throw refusal(400, 'invalid_request', "'kind' must be access, refresh or all");
    const applicationId = optionalString(body, 'applicationId');
    const apps = applicationId ? [serviceAppOf(applicationId)] : [...ctx.state.serviceApps.values()];
    // The org's Service App tokens: those of each app's machine account there.
    const machines = new Set(apps.map((a) => a.authorizations[orgId]?.machinePersonId).filter((id): id is string => id !== undefined));
    const clients = new Set(apps.map((a) => a.clientId));
    const revoked = revokeTokens(ctx.state, (t) => t.orgId === orgId && machines.has(t.personId) && clients.has(t.clientId) && (kind === 'all' || t.kind === kind));
    ctx.onChange();
    return sendJson(reply, { revoked });
  });
}

export function siteView(ctx: EmulatorContext, site: Site): Record<string, unknown> {
  return { ...site, inProgress: ctx.state.inProgressCount(site.siteUrl) };
}

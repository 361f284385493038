import type { EmulatorContext } from './context.js';
import { ADMIN_SCOPES, G2G_SERVICE_APP_SCOPES, TOKEN_MANAGER_SCOPES, createOrg, createPerson, createServiceApp, createSite, orgDomain } from './directory.js';
import { createHexId, createSecret } from './ids.js';
import { authorizeServiceApp } from './service-app-authorization.js';
import type { Integration, Seed } from './state.js';
import { issueTokenPair } from './token-issuer.js';

export interface SeedOptions {
  orgName: string;
  siteUrl: string;
  concurrentMeetings: number;
  participantsPerMeeting: number;
}

export type SeedCredentials = Omit<Seed, 'baseUrl' | 'controlUrl' | 'pagesUrl'>;

export function createIntegration(ctx: EmulatorContext, init: { name: string; scopes: readonly string[]; orgId: string; ownerPersonId: string }): Integration {
  const integration: Integration = {
    clientId: `C${createHexId()}${createHexId()}`,
    clientSecret: createSecret(32),
    name: init.name,
    scopes: [...init.scopes],
    orgId: init.orgId,
    ownerPersonId: init.ownerPersonId,
  };
  ctx.state.integrations.set(integration.clientId, integration);
  return integration;
}

/**
 * The sandbox (issue 3, "Start"): one org with a guest-to-guest site (license N meetings at once, 400 people each,
 * attendees may join without a host), the G2G Service App authorized for it, a token-manager integration holding
 * `spark:applications_token` and the application webhook scopes, and an org admin.
 */
export function seedSandbox(ctx: EmulatorContext, options: SeedOptions): SeedCredentials {
  const now = ctx.clock.now();
  const { state } = ctx;
  const org = createOrg(state, options.orgName, now);
  const site = createSite(state, {
    siteUrl: options.siteUrl,
    orgId: org.id,
    guestToGuest: true,
    concurrentMeetings: options.concurrentMeetings,
    participantsPerMeeting: options.participantsPerMeeting,
    attendeesCanJoinWithoutHost: true,
  });
  const domain = orgDomain(org);
  const admin = createPerson(state, { orgId: org.id, email: `admin@${domain}`, displayName: 'Sandbox Admin', admin: true, siteUrls: [site.siteUrl], now });
  const developer = createPerson(state, { orgId: org.id, email: `developer@${domain}`, displayName: 'Sandbox Developer', now });
  const portal = createIntegration(ctx, { name: 'Webex Developer Portal (personal access tokens)', scopes: ADMIN_SCOPES, orgId: org.id, ownerPersonId: admin.id });
  const adminTokens = issueTokenPair(state, { personId: admin.id, orgId: org.id, clientId: portal.clientId, scopes: ADMIN_SCOPES }, now, ctx.tokenLifetimes);

  const tokenManager = createIntegration(ctx, { name: 'g2g token manager', scopes: TOKEN_MANAGER_SCOPES, orgId: org.id, ownerPersonId: developer.id });
  const managerTokens = issueTokenPair(
    state,
    { personId: developer.id, orgId: org.id, clientId: tokenManager.clientId, scopes: TOKEN_MANAGER_SCOPES },
    now,
    ctx.tokenLifetimes,
  );

  const app = createServiceApp(state, { name: 'g2g Service App', scopes: G2G_SERVICE_APP_SCOPES, developerOrgId: org.id });
  const authorization = authorizeServiceApp(ctx, app, { orgId: org.id, siteUrl: site.siteUrl }, false);
  const appTokens = issueTokenPair(
    state,
    { personId: authorization.machinePersonId, orgId: org.id, clientId: app.clientId, scopes: authorization.scopes },
    now,
    ctx.tokenLifetimes,
  );

  const seed: SeedCredentials = {
    orgId: org.id,
    siteUrl: site.siteUrl,
    serviceApp: {
      applicationId: app.applicationId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accessToken: appTokens.access_token,
      refreshToken: appTokens.refresh_token,
      scopes: [...authorization.scopes],
    },
    tokenManager: {
      clientId: tokenManager.clientId,
      clientSecret: tokenManager.clientSecret,
      accessToken: managerTokens.access_token,
      refreshToken: managerTokens.refresh_token,
      scopes: [...TOKEN_MANAGER_SCOPES],
    },
    admin: { personId: admin.id, email: admin.emails[0] ?? '', accessToken: adminTokens.access_token },
    license: { concurrentMeetings: site.concurrentMeetings, participantsPerMeeting: site.participantsPerMeeting },
  };
  state.seed = seed;
  return seed;
}

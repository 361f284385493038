import type { EmulatorContext } from './context.js';
import { createPerson, orgDomain, slugify } from './directory.js';
import { WebexError, refusal } from './errors.js';
import { isoMillis } from './emulator-clock.js';
import type { ServiceApp, ServiceAppAuthorization } from './state.js';
import { revokeTokens } from './token-issuer.js';

/**
 * An org's Full Admin authorizing a Service App in Control Hub (docs/webex-contract.md §4.1, S5): a machine account appears
 * in the org, bound 1:1 to one guest-to-guest site, and the developer's `serviceApp` webhooks hear about it.
 */
export function authorizeServiceApp(
  ctx: EmulatorContext,
  app: ServiceApp,
  input: { orgId: string; siteUrl?: string; scopes?: string[] },
  notify = true,
): ServiceAppAuthorization {
  const { state } = ctx;
  const now = ctx.clock.now();
  const org = state.orgs.get(input.orgId);
  if (!org) throw refusal(404, 'org_not_found', `No org '${input.orgId}'`);
  const orgSites = [...state.sites.values()].filter((s) => s.orgId === org.id && s.guestToGuest);
  const siteUrl = input.siteUrl?.toLowerCase() ?? orgSites[0]?.siteUrl;
  const site = siteUrl === undefined ? undefined : state.sites.get(siteUrl);
  if (!site || site.orgId !== org.id) throw refusal(404, 'site_not_found', `The org has no site '${siteUrl ?? '(none)'}'`);
  if (!site.guestToGuest) throw refusal(400, 'not_guest_site', `'${site.siteUrl}' is not a guest-to-guest site`);
  const scopes = input.scopes ?? app.scopes;
  const unknown = scopes.filter((s) => !app.scopes.includes(s));
  if (unknown.length > 0) throw refusal(400, 'scope_not_requested', `The app does not request these scopes: ${unknown.join(', ')}`);

  // Control Hub: one Service App per guest-to-guest site, one guest-to-guest site per Service App (S5).
  const existing = app.authorizations[org.id];
  if (existing && !existing.siteUrls.includes(site.siteUrl)) {
    throw refusal(409, 'app_bound', `The Service App is already bound to the guest-to-guest site ${existing.siteUrls.join(', ')} in this org`);
  }
  for (const other of state.serviceApps.values()) {
    if (other.applicationId === app.applicationId) continue;
    const auth = other.authorizations[org.id];
    if (auth?.siteUrls.includes(site.siteUrl) && other.scopes.includes('guest-meeting:rw')) {
      throw refusal(409, 'site_taken', `The site ${site.siteUrl} is already bound to another Service App`);
    }
  }

  let machinePersonId = existing?.machinePersonId;
  const machine = machinePersonId ? state.people.get(machinePersonId) : undefined;
  if (!machine) {
    const person = createPerson(state, {
      orgId: org.id,
      email: `${slugify(app.name)}-${app.clientId.slice(1, 9)}@${orgDomain(org)}`,
      displayName: app.name,
      type: 'appuser',
      siteUrls: [site.siteUrl],
      now,
    });
    machinePersonId = person.id;
  } else {
    machine.siteUrls = [site.siteUrl];
  }
  const authorization: ServiceAppAuthorization = {
    orgId: org.id,
    siteUrls: [site.siteUrl],
    scopes: [...scopes],
    authorizedAt: now,
    machinePersonId: machinePersonId ?? '',
  };
  app.authorizations[org.id] = authorization;
  if (notify) emitServiceAppEvent(ctx, app, 'authorized', authorization);
  ctx.onChange();
  return authorization;
}

/** Deauthorization revokes every token of the app's machine account in that org and tells the developer. */
export function deauthorizeServiceApp(ctx: EmulatorContext, app: ServiceApp, orgId: string): void {
  const authorization = app.authorizations[orgId];
  if (!authorization) throw new WebexError({ status: 404, code: 'not_authorized', message: 'The Service App is not authorized in this org', descriptions: [`No authorization for org '${orgId}'`] });
  delete app.authorizations[orgId];
  revokeTokens(ctx.state, (t) => t.personId === authorization.machinePersonId && t.clientId === app.clientId);
  emitServiceAppEvent(ctx, app, 'deauthorized', authorization);
  ctx.onChange();
}

function emitServiceAppEvent(ctx: EmulatorContext, app: ServiceApp, event: 'authorized' | 'deauthorized', authorization: ServiceAppAuthorization): void {
  const admin = [...ctx.state.people.values()].find((p) => p.orgId === authorization.orgId && p.admin);
  ctx.webhooks.emit({
    resource: 'serviceApp',
    event,
    orgId: authorization.orgId,
    actorId: admin?.id ?? authorization.machinePersonId,
    data: {
      id: app.applicationId,
      orgId: authorization.orgId,
      authorizerOrgId: authorization.orgId,
      friendlyName: app.name,
      scopes: authorization.scopes,
      siteUrls: authorization.siteUrls,
      authorizationDate: isoMillis(event === 'authorized' ? authorization.authorizedAt : ctx.clock.now()),
    },
    filterFields: {
      id: app.applicationId,
      friendlyName: app.name,
      trainSiteNames: authorization.siteUrls,
      adminTrainSiteNames: authorization.siteUrls,
    },
    ownerPersonIds: [],
    developerOrgId: app.developerOrgId,
  });
}

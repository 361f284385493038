import { randomUUID } from 'node:crypto';
import { createHexId, createSecret, createWebexId } from './ids.js';
import type { EmulatorState, Org, Person, SchedulingOptions, ServiceApp, Site } from './state.js';

/** Creating orgs, sites, people and apps: the parts of Control Hub and developer.webex.com the emulator plays. */

export const G2G_SERVICE_APP_SCOPES = [
  'guest-meeting:rw',
  'meeting:schedules_read',
  'meeting:schedules_write',
  'meeting:preferences_read',
  'meeting:preferences_write',
  'meeting:participants_read',
  'meeting:participants_write',
  'meeting:recordings_read',
  'meeting:transcripts_read',
  'guest-issuer:read',
  'guest-issuer:write',
  'spark:rooms_write',
  'spark:memberships_write',
  'spark:people_read',
] as const;

/** The token-manager integration's scopes (docs/webex-contract.md §11, S17). */
export const TOKEN_MANAGER_SCOPES = ['spark:all', 'spark:applications_token', 'application:webhooks_write', 'application:webhooks_read'] as const;

export const ADMIN_SCOPES = [
  'spark:all',
  'spark-admin:people_read',
  'meeting:admin_schedule_read',
  'meeting:admin_schedule_write',
  'meeting:admin_preferences_read',
  'meeting:admin_preferences_write',
  'meeting:admin_participants_read',
  'meeting:admin_recordings_read',
  'meeting:admin_transcripts_read',
  'meeting:schedules_read',
  'meeting:schedules_write',
  'application:webhooks_read',
  'application:webhooks_write',
] as const;

export function defaultSchedulingOptions(): SchedulingOptions {
  return {
    enabledJoinBeforeHost: false,
    joinBeforeHostMinutes: 0,
    enabledAutoShareRecording: false,
    enabledWebexAssistantByDefault: false,
    delegateEmails: [],
  };
}

export function slugify(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug === '' ? 'org' : slug;
}

export function createOrg(state: EmulatorState, name: string, now: number): Org {
  const uuid = randomUUID();
  const org: Org = { id: createWebexId('ORGANIZATION', uuid), uuid, name, created: now };
  state.orgs.set(org.id, org);
  return org;
}

export function createSite(
  state: EmulatorState,
  init: { siteUrl: string; orgId: string; guestToGuest: boolean; concurrentMeetings: number; participantsPerMeeting: number; attendeesCanJoinWithoutHost: boolean },
): Site {
  const site: Site = { ...init };
  state.sites.set(site.siteUrl, site);
  return site;
}

export function createPerson(
  state: EmulatorState,
  init: { orgId: string; email: string; displayName: string; type?: Person['type']; admin?: boolean; siteUrls?: string[]; now: number },
): Person {
  const uuid = randomUUID();
  const [firstName = init.displayName, ...rest] = init.displayName.split(' ');
  const person: Person = {
    id: createWebexId('PEOPLE', uuid),
    uuid,
    orgId: init.orgId,
    emails: [init.email],
    displayName: init.displayName,
    firstName,
    lastName: rest.join(' '),
    type: init.type ?? 'person',
    created: init.now,
    siteUrls: init.siteUrls ?? [],
    schedulingOptions: defaultSchedulingOptions(),
    admin: init.admin ?? false,
  };
  state.addPerson(person);
  return person;
}

export function createServiceApp(state: EmulatorState, init: { name: string; scopes: readonly string[]; developerOrgId: string }): ServiceApp {
  // Application ids are base64 of `ciscospark://us/APPLICATION/<clientId>` (docs/webex-contract.md §4.2, from the examples).
  const clientId = `C${createHexId()}${createHexId()}`;
  const app: ServiceApp = {
    applicationId: createWebexId('APPLICATION', clientId),
    clientId,
    clientSecret: createSecret(32),
    name: init.name,
    scopes: [...init.scopes],
    developerOrgId: init.developerOrgId,
    authorizations: {},
  };
  state.serviceApps.set(app.applicationId, app);
  return app;
}

export function orgDomain(org: Org): string {
  return `${slugify(org.name)}.example.com`;
}

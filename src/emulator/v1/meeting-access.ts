import { hasScope, type Principal } from '../auth.js';
import type { EmulatorContext } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import type { Meeting, Person } from '../state.js';

const ADMIN_READ = ['meeting:admin_schedule_read', 'meeting:admin_schedule_write', 'spark-compliance:meetings_read'];
const ADMIN_WRITE = ['meeting:admin_schedule_write'];

/** The host sees and changes its meetings; an admin of the org does too (docs/webex-contract.md §1, admin-level scopes). */
export function canSeeMeeting(principal: Principal, meeting: Meeting): boolean {
  if (meeting.hostUserId === principal.person.id || meeting.createdBy === principal.person.id) return true;
  return principal.person.orgId === meeting.orgId && hasScope(principal, ADMIN_READ);
}

export function canChangeMeeting(principal: Principal, meeting: Meeting): boolean {
  if (meeting.hostUserId === principal.person.id || meeting.createdBy === principal.person.id) return true;
  return principal.person.orgId === meeting.orgId && hasScope(principal, ADMIN_WRITE);
}

export function meetingNotFound(id: string): Error {
  return notFound(`Meeting '${id}' not found`);
}

/** The person whose meetings a request is about: the caller, or `hostEmail` for an admin (on-behalf-of). */
export function hostFor(ctx: EmulatorContext, principal: Principal, hostEmail: string | undefined, write: boolean): Person {
  if (hostEmail === undefined || principal.person.emails.some((e) => e.toLowerCase() === hostEmail.toLowerCase())) return principal.person;
  if (!hasScope(principal, write ? ADMIN_WRITE : ADMIN_READ)) {
    throw forbidden(`Only an admin may act for '${hostEmail}' (scope ${write ? ADMIN_WRITE.join(' or ') : ADMIN_READ.join(' or ')})`);
  }
  const host = ctx.state.findPersonByEmail(hostEmail);
  if (!host || host.orgId !== principal.person.orgId) throw notFound(`No user '${hostEmail}' in your organization`);
  return host;
}


/**
 * People, written from the official contract (`components.schemas.Person`). `id`, `displayName` and `emails` are
 * typed required: Webex always answers them for `/people/me`.
 */
import type { Shape } from './shape.js';
import type { CallOptions, Transport } from './transport.js';

export const PERSON_PHONE_NUMBER_TYPES = ["work", "work_extension", "mobile", "fax"] as const;
export type PersonPhoneNumberType = (typeof PERSON_PHONE_NUMBER_TYPES)[number];

export const PERSON_SIP_ADDRESS_TYPES = ["personal-room", "enterprise", "cloud-calling"] as const;
export type PersonSipAddressType = (typeof PERSON_SIP_ADDRESS_TYPES)[number];

export const PERSON_STATUSES = ["active", "call", "DoNotDisturb", "inactive", "meeting", "OutOfOffice", "pending", "presenting", "unknown"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const STRING_BOOLEANS = ["true", "false"] as const;
export type StringBoolean = (typeof STRING_BOOLEANS)[number];

export const PERSON_TYPES = ["person", "bot", "appuser"] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

export interface PersonPhoneNumber {
  /** The type of phone number. */
  type?: PersonPhoneNumberType;
  /** The phone number. */
  value?: string;
  /** Primary number for the person. */
  primary?: boolean;
}

export interface PersonAddress {
  /** The type of address. */
  type?: string;
  /** The user's country. */
  country?: string;
  /** The user's locality, often city. */
  locality?: string;
  /** The user's region, often state. */
  region?: string;
  /** The user's street. */
  streetAddress?: string;
  /** The user's postal or zip code. */
  postalCode?: string;
}

export interface PersonSipAddress {
  /** The type of SIP address. */
  type?: PersonSipAddressType;
  /** The SIP address. */
  value?: string;
  /** Primary SIP address of the person. */
  primary?: boolean;
}

export interface Person {
  /** A unique identifier for the person. */
  id: string;
  /** The email addresses of the person. */
  emails: string[];
  /** Phone numbers for the person. */
  phoneNumbers?: PersonPhoneNumber[];
  /** The Webex Calling extension for the person. */
  extension?: string;
  /** The ID of the location for this person retrieved from BroadCloud. */
  locationId?: string;
  /** The full name of the person. */
  displayName: string;
  /** The nickname of the person if configured. */
  nickName?: string;
  /** The first name of the person. */
  firstName?: string;
  /** The last name of the person. */
  lastName?: string;
  /** The URL to the person's avatar in PNG format. */
  avatar?: string;
  /** The ID of the organization to which this person belongs. */
  orgId?: string;
  /** An array of role strings representing the roles to which this admin user belongs. */
  roles?: string[];
  /** An array of license strings allocated to this person. */
  licenses?: string[];
  /** The business department the user belongs to. */
  department?: string;
  /** A manager identifier. */
  manager?: string;
  /** Person ID of the manager. */
  managerId?: string;
  /** The person's title. */
  title?: string;
  /** A person's addresses. */
  addresses?: PersonAddress[];
  /** The date and time the person was created. */
  created?: string;
  /** The date and time the person was last changed. */
  lastModified?: string;
  /** The time zone of the person if configured. */
  timezone?: string;
  /** The date and time of the person's last activity within Webex. */
  lastActivity?: string;
  /** One or several site names where this user has a role (host or attendee). */
  siteUrls?: string[];
  /** The user's SIP addresses. */
  sipAddresses?: PersonSipAddress[];
  /** Identifier for intra-domain federation with other XMPP based messenger systems. */
  xmppFederationJid?: string;
  /** The current presence status of the person. */
  status?: PersonStatus;
  /** Whether or not an invite is pending for the user to complete account activation. */
  invitePending?: StringBoolean;
  /** Whether or not the user is allowed to use Webex. */
  loginEnabled?: StringBoolean;
  /** The type of person account, such as person or bot. */
  type?: PersonType;
}

export interface GetMeQuery {
  /** Include Webex Calling user details in the response. */
  callingData?: boolean;
}

// Shapes (see shape.ts)

export const personPhoneNumberShape: Shape<PersonPhoneNumber> = {
  type: PERSON_PHONE_NUMBER_TYPES,
  value: 'string',
  primary: 'boolean',
};

export const personAddressShape: Shape<PersonAddress> = {
  type: 'string',
  country: 'string',
  locality: 'string',
  region: 'string',
  streetAddress: 'string',
  postalCode: 'string',
};

export const personSipAddressShape: Shape<PersonSipAddress> = {
  type: PERSON_SIP_ADDRESS_TYPES,
  value: 'string',
  primary: 'boolean',
};

export const personShape: Shape<Person> = {
  id: 'string',
  emails: { array: 'string' },
  phoneNumbers: { array: personPhoneNumberShape },
  extension: 'string',
  locationId: 'string',
  displayName: 'string',
  nickName: 'string',
  firstName: 'string',
  lastName: 'string',
  avatar: 'string',
  orgId: 'string',
  roles: { array: 'string' },
  licenses: { array: 'string' },
  department: 'string',
  manager: 'string',
  managerId: 'string',
  title: 'string',
  addresses: { array: personAddressShape },
  created: 'string',
  lastModified: 'string',
  timezone: 'string',
  lastActivity: 'string',
  siteUrls: { array: 'string' },
  sipAddresses: { array: personSipAddressShape },
  xmppFederationJid: 'string',
  status: PERSON_STATUSES,
  invitePending: STRING_BOOLEANS,
  loginEnabled: STRING_BOOLEANS,
  type: PERSON_TYPES,
};

export interface PeopleApi {
  /** The caller: for a Service App token, its machine account (the host of the meetings it schedules). */
  me(query?: GetMeQuery, opts?: CallOptions): Promise<Person>;
}

export function createPeopleApi(transport: Transport): PeopleApi {
  return {
    me: async (query, opts) => (await transport.request<Person>({ method: 'GET', path: '/people/me', query: { ...query }, signal: opts?.signal })).data,
  };
}

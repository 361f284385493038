/**
 * Everything the emulator knows, as plain records in maps. The whole state serializes to JSON (`--state FILE`,
 * `GET/PUT /_emulator/state`); indexes (by site, by series, by number, by link) are rebuilt on load, so lookups
 * stay O(1) with 100,000 meetings.
 */
import type { OccurrenceOverrides } from './occurrence-overrides.js';

export const UNLOCKED_JOIN_SECURITY = ['allowJoin', 'allowJoinWithLobby', 'blockFromJoin'] as const;
export type UnlockedJoinSecurity = (typeof UNLOCKED_JOIN_SECURITY)[number];
export const SCHEDULED_TYPES = ['meeting', 'webinar', 'personalRoomMeeting'] as const;
export type ScheduledType = (typeof SCHEDULED_TYPES)[number];

export interface Org {
  id: string;
  uuid: string;
  name: string;
  created: number;
}

export interface Site {
  siteUrl: string;
  orgId: string;
  guestToGuest: boolean;
  /** License: meetings in progress at once on this site. */
  concurrentMeetings: number;
  participantsPerMeeting: number;
  /** Control Hub "They can join the meeting": attendees may start a meeting without the host. */
  attendeesCanJoinWithoutHost: boolean;
}

export interface SchedulingOptions {
  enabledJoinBeforeHost: boolean;
  joinBeforeHostMinutes: number;
  enabledAutoShareRecording: boolean;
  enabledWebexAssistantByDefault: boolean;
  delegateEmails: string[];
}

export interface Person {
  id: string;
  uuid: string;
  orgId: string;
  emails: string[];
  displayName: string;
  firstName: string;
  lastName: string;
  type: 'person' | 'bot' | 'appuser';
  created: number;
  /** Sites this person may schedule on; the first default unless `defaultSiteUrl`. */
  siteUrls: string[];
  defaultSiteUrl?: string;
  schedulingOptions: SchedulingOptions;
  /** Sections of meeting preferences the person has set; defaults are shown until then. */
  preferences?: { personalMeetingRoom?: PersonalRoomPreferences; audio?: AudioPreferences; videoDevices?: VideoDevice[] };
  admin: boolean;
  /** For guests created by a Service App: the machine account that made them and their subject. */
  guestOf?: string;
  subject?: string;
}

export interface PersonalRoomPreferences {
  topic: string;
  hostPin: string;
  enabledAutoLock: boolean;
  autoLockMinutes: number;
  enabledNotifyHost: boolean;
  supportCoHost: boolean;
  supportAnyoneAsCoHost: boolean;
  allowFirstUserToBeCoHost: boolean;
  allowAuthenticatedDevices: boolean;
  coHosts: { email: string; displayName: string }[];
}

export interface PhoneNumber {
  countryCode: string;
  number: string;
  enabledCallInAuthentication: boolean;
  enabledCallMe: boolean;
}

export interface AudioPreferences {
  defaultAudioType: 'webexAudio' | 'voipOnly' | 'otherTeleconferenceService' | 'none';
  otherTeleconferenceDescription: string;
  enabledGlobalCallIn: boolean;
  enabledTollFree: boolean;
  enabledAutoConnection: boolean;
  audioPin: string;
  officeNumber: PhoneNumber;
  mobileNumber: PhoneNumber;
}

export interface VideoDevice {
  deviceName: string;
  deviceAddress: string;
  isDefault: boolean;
}

export interface ServiceAppAuthorization {
  orgId: string;
  siteUrls: string[];
  scopes: string[];
  authorizedAt: number;
  machinePersonId: string;
}

export interface ServiceApp {
  applicationId: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string[];
  /** The org of the developer who made the app; its serviceApp webhooks hear about authorizations. */
  developerOrgId: string;
  authorizations: Record<string, ServiceAppAuthorization>;
}

export interface Integration {
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string[];
  orgId: string;
  ownerPersonId: string;
}

export interface Token {
  value: string;
  kind: 'access' | 'refresh';
  personId: string;
  orgId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface Invitee {
  id: string;
  email: string;
  displayName: string;
  coHost: boolean;
  panelist: boolean;
}

/** A meeting series (every scheduled meeting is one, recurring or not) with its single scheduled occurrence. */
export interface Meeting {
  id: string;
  orgId: string;
  siteUrl: string;
  hostUserId: string;
  meetingNumber: string;
  webLink: string;
  hostKey: string;
  password: string;
  phonePassword: string;
  accessCode: string;
  title: string;
  agenda?: string;
  timezone: string;
  start: number;
  end: number;
  recurrence?: string;
  scheduledType: ScheduledType;
  enabledAutoRecordMeeting: boolean;
  allowAnyUserToBeCoHost: boolean;
  enabledJoinBeforeHost: boolean;
  enableConnectAudioBeforeHost: boolean;
  joinBeforeHostMinutes: number;
  excludePassword: boolean;
  publicMeeting: boolean;
  reminderTime: number;
  unlockedMeetingJoinSecurity: UnlockedJoinSecurity;
  enableAutomaticLock: boolean;
  automaticLockMinutes: number;
  allowFirstUserToBeCoHost: boolean;
  allowAuthenticatedDevices: boolean;
  sendEmail: boolean;
  integrationTags: string[];
  invitees: Invitee[];
  roomId?: string;
  /** Ad-hoc space meeting (docs/webex-contract.md §1.1): not listed, not updatable, not deletable. */
  adhoc?: boolean;
  meetingOptions: Record<string, boolean | string>;
  attendeePrivileges: Record<string, boolean>;
  audioConnectionOptions: Record<string, boolean | string>;
  /** Series state: active | inProgress | expired. */
  state: 'active' | 'inProgress' | 'expired';
  /** State of the one scheduled occurrence: scheduled | ready | ended | missed. */
  occurrenceState: 'scheduled' | 'ready' | 'ended' | 'missed';
  hostDidJoin: boolean;
  attendeeDidJoin: boolean;
  isModified: boolean;
  created: number;
  /** The instance running now, if any. */
  liveInstanceId?: string;
  instanceIds: string[];
  /** Who created it through /v1 (for `ownedBy: creator` webhooks). */
  createdBy: string;
  appClientId: string;
  /** Recurring series: which occurrence is current (0 = the first), and how the earlier ones went. */
  occurrenceIndex?: number;
  pastOccurrences?: { start: number; state: 'ended' | 'missed' }[];
  /** Starts of occurrences deleted one by one (DELETE of a scheduled meeting id of a recurring series). */
  cancelledOccurrences?: number[];
  /** Single occurrences changed with PATCH/PUT of their scheduled meeting id, by their original start: times and other fields. */
  modifiedOccurrences?: Record<string, { start: number; end: number; fields?: OccurrenceOverrides }>;
  /** Bumped by every update through /v1; part of the key of the cached JSON view. */
  revision?: number;
}

export interface Instance {
  id: string;
  seriesId: string;
  scheduledMeetingId: string;
  orgId: string;
  siteUrl: string;
  state: 'lobby' | 'inProgress' | 'ended';
  created: number;
  startedAt?: number;
  endedAt?: number;
  participantIds: string[];
  /** Participants now joined (not lobby, not left): for the 400 cap and "everyone gone". */
  joinedCount: number;
  lobbyCount: number;
  hostJoined: boolean;
}

export interface Participant {
  id: string;
  instanceId: string;
  seriesId: string;
  email: string;
  displayName: string;
  host: boolean;
  coHost: boolean;
  invitee: boolean;
  state: 'lobby' | 'joined' | 'end';
  joinedAt: number;
  leftAt?: number;
  /** Why a lobby participant waits: for the host to start, or for someone to admit them. */
  lobbyReason?: 'waiting_for_host' | 'locked';
}

export interface JoinLink {
  token: string;
  seriesId: string;
  role: 'host' | 'attendee';
  email: string;
  displayName: string;
  expiresAt: number;
  created: number;
}

export interface Webhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  created: number;
  ownedBy: 'creator' | 'org';
  orgId: string;
  createdBy: string;
  appId: string;
  /** Failure times (emulator clock) within the disable window. */
  failures: number[];
  disabledAt?: number;
  reenabledAt?: number;
}

export interface Recording {
  id: string;
  instanceId: string;
  seriesId: string;
  scheduledMeetingId: string;
  orgId: string;
  hostUserId: string;
  siteUrl: string;
  topic: string;
  createTime: number;
  timeRecorded: number;
  durationSeconds: number;
  sizeBytes: number;
  password: string;
  integrationTags: string[];
}

export interface Transcript {
  id: string;
  instanceId: string;
  seriesId: string;
  scheduledMeetingId: string;
  orgId: string;
  hostUserId: string;
  siteUrl: string;
  meetingTopic: string;
  startTime: number;
  lines: { at: number; speaker: string; text: string }[];
}

export interface Room {
  id: string;
  title: string;
  type: 'group' | 'direct';
  isLocked: boolean;
  teamId?: string;
  creatorId: string;
  ownerId: string;
  orgId: string;
  created: number;
  lastActivity: number;
  isAnnouncementOnly: boolean;
  isReadOnly?: boolean;
  isPublic: boolean;
  description?: string;
  classificationId?: string;
}

export interface Membership {
  id: string;
  roomId: string;
  personId: string;
  isModerator: boolean;
  isMonitor: boolean;
  isRoomHidden?: boolean;
  created: number;
}

export interface Message {
  id: string;
  roomId: string;
  personId: string;
  text?: string;
  markdown?: string;
  parentId?: string;
  created: number;
  /** Edits so far (Webex allows 10) and when the last one was made. */
  edits?: number;
  updated?: number;
}

export interface Delivery {
  id: string;
  webhookId: string;
  resource: string;
  event: string;
  targetUrl: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  at: number;
  body: string;
}

export interface Seed {
  baseUrl: string;
  controlUrl: string;
  pagesUrl: string;
  orgId: string;
  siteUrl: string;
  serviceApp: {
    applicationId: string;
    clientId: string;
    clientSecret: string;
    accessToken: string;
    refreshToken: string;
    scopes: string[];
  };
  tokenManager: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string; scopes: string[] };
  admin: { personId: string; email: string; accessToken: string };
  license: { concurrentMeetings: number; participantsPerMeeting: number };
}

/** The serializable part: what GET /_emulator/state returns and PUT /_emulator/state restores. */
export interface StateSnapshot {
  version: 1;
  clockOffsetMs: number;
  orgs: Org[];
  sites: Site[];
  people: Person[];
  serviceApps: ServiceApp[];
  integrations: Integration[];
  tokens: Token[];
  meetings: Meeting[];
  instances: Instance[];
  participants: Participant[];
  links: JoinLink[];
  webhooks: Webhook[];
  recordings: Recording[];
  transcripts: Transcript[];
  rooms: Room[];
  memberships: Membership[];
  /** Absent in snapshots made before messages were emulated. */
  messages?: Message[];
  seed?: Omit<Seed, 'baseUrl' | 'controlUrl' | 'pagesUrl'>;
}

export class EmulatorState {
  orgs = new Map<string, Org>();
  sites = new Map<string, Site>();
  people = new Map<string, Person>();
  serviceApps = new Map<string, ServiceApp>();
  integrations = new Map<string, Integration>();
  tokens = new Map<string, Token>();
  meetings = new Map<string, Meeting>();
  instances = new Map<string, Instance>();
  participants = new Map<string, Participant>();
  links = new Map<string, JoinLink>();
  webhooks = new Map<string, Webhook>();
  recordings = new Map<string, Recording>();
  transcripts = new Map<string, Transcript>();
  rooms = new Map<string, Room>();
  memberships = new Map<string, Membership>();
  messages = new Map<string, Message>();
  seed: StateSnapshot['seed'];

  // Indexes (derived; rebuilt on load).
  peopleByEmail = new Map<string, string>();
  /** Guests per `<machine account id>\n<subject>`. */
  guestsByKey = new Map<string, string>();
  meetingsByNumber = new Map<string, string>();
  meetingsByWebLink = new Map<string, string>();
  /** Series ids per host, in creation order: list pages walk this instead of every meeting. */
  meetingsByHost = new Map<string, string[]>();
  /** Instances in progress per site: the license count is this set's size. */
  inProgressBySite = new Map<string, Set<string>>();
  /** Series whose occurrence is still scheduled or ready: only these move on a clock advance. */
  pendingSeries = new Set<string>();
  membershipsByRoom = new Map<string, Set<string>>();
  membershipsByPerson = new Map<string, Set<string>>();
  /** Message ids per room, oldest first. */
  messagesByRoom = new Map<string, string[]>();

  addMessage(message: Message): void {
    this.messages.set(message.id, message);
    const list = this.messagesByRoom.get(message.roomId);
    if (list) list.push(message.id);
    else this.messagesByRoom.set(message.roomId, [message.id]);
  }

  addPerson(person: Person): void {
    this.people.set(person.id, person);
    for (const email of person.emails) this.peopleByEmail.set(email.toLowerCase(), person.id);
    if (person.guestOf !== undefined && person.subject !== undefined) this.guestsByKey.set(`${person.guestOf}\n${person.subject}`, person.id);
  }

  findPersonByEmail(email: string): Person | undefined {
    const id = this.peopleByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.people.get(id);
  }

  addMeeting(meeting: Meeting): void {
    this.meetings.set(meeting.id, meeting);
    this.meetingsByNumber.set(meeting.meetingNumber, meeting.id);
    this.meetingsByWebLink.set(meeting.webLink, meeting.id);
    const list = this.meetingsByHost.get(meeting.hostUserId);
    if (list) list.push(meeting.id);
    else this.meetingsByHost.set(meeting.hostUserId, [meeting.id]);
    if (meeting.occurrenceState === 'scheduled' || meeting.occurrenceState === 'ready') this.pendingSeries.add(meeting.id);
  }

  removeMeeting(meeting: Meeting): void {
    this.meetings.delete(meeting.id);
    this.meetingsByNumber.delete(meeting.meetingNumber);
    this.meetingsByWebLink.delete(meeting.webLink);
    this.pendingSeries.delete(meeting.id);
    // meetingsByHost keeps the id; list pages skip ids that are gone (deleting from the middle would be O(n)).
  }

  inProgressCount(siteUrl: string): number {
    return this.inProgressBySite.get(siteUrl)?.size ?? 0;
  }

  markInProgress(instance: Instance, inProgress: boolean): void {
    let set = this.inProgressBySite.get(instance.siteUrl);
    if (!set) {
      set = new Set();
      this.inProgressBySite.set(instance.siteUrl, set);
    }
    if (inProgress) set.add(instance.id);
    else set.delete(instance.id);
  }

  addMembership(membership: Membership): void {
    this.memberships.set(membership.id, membership);
    addToSetIndex(this.membershipsByRoom, membership.roomId, membership.id);
    addToSetIndex(this.membershipsByPerson, membership.personId, membership.id);
  }

  removeMembership(membership: Membership): void {
    this.memberships.delete(membership.id);
    this.membershipsByRoom.get(membership.roomId)?.delete(membership.id);
    this.membershipsByPerson.get(membership.personId)?.delete(membership.id);
  }

  toSnapshot(clockOffsetMs: number): StateSnapshot {
    const snapshot: StateSnapshot = {
      version: 1,
      clockOffsetMs,
      orgs: [...this.orgs.values()],
      sites: [...this.sites.values()],
      people: [...this.people.values()],
      serviceApps: [...this.serviceApps.values()],
      integrations: [...this.integrations.values()],
      tokens: [...this.tokens.values()],
      meetings: [...this.meetings.values()],
      instances: [...this.instances.values()],
      participants: [...this.participants.values()],
      links: [...this.links.values()],
      webhooks: [...this.webhooks.values()],
      recordings: [...this.recordings.values()],
      transcripts: [...this.transcripts.values()],
      rooms: [...this.rooms.values()],
      memberships: [...this.memberships.values()],
      messages: [...this.messages.values()],
    };
    if (this.seed) snapshot.seed = this.seed;
    return snapshot;
  }

  static fromSnapshot(snapshot: StateSnapshot): EmulatorState {
    const state = new EmulatorState();
    for (const org of snapshot.orgs) state.orgs.set(org.id, org);
    for (const site of snapshot.sites) state.sites.set(site.siteUrl, site);
    for (const person of snapshot.people) state.addPerson(person);
    for (const app of snapshot.serviceApps) state.serviceApps.set(app.applicationId, app);
    for (const integration of snapshot.integrations) state.integrations.set(integration.clientId, integration);
    for (const token of snapshot.tokens) state.tokens.set(token.value, token);
    for (const meeting of snapshot.meetings) state.addMeeting(meeting);
    for (const instance of snapshot.instances) {
      state.instances.set(instance.id, instance);
      if (instance.state === 'inProgress') state.markInProgress(instance, true);
    }
    for (const participant of snapshot.participants) state.participants.set(participant.id, participant);
    for (const link of snapshot.links) state.links.set(link.token, link);
    for (const webhook of snapshot.webhooks) state.webhooks.set(webhook.id, webhook);
    for (const recording of snapshot.recordings) state.recordings.set(recording.id, recording);
    for (const transcript of snapshot.transcripts) state.transcripts.set(transcript.id, transcript);
    for (const room of snapshot.rooms) state.rooms.set(room.id, room);
    for (const membership of snapshot.memberships) state.addMembership(membership);
    for (const message of snapshot.messages ?? []) state.addMessage(message);
    state.seed = snapshot.seed;
    return state;
  }
}

function addToSetIndex(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

/** The key field of each record list, and fields each record must carry as strings. */
const SNAPSHOT_LISTS: Record<string, readonly string[]> = {
  orgs: ['id', 'uuid', 'name'],
  sites: ['siteUrl', 'orgId'],
  people: ['id', 'uuid', 'orgId', 'displayName'],
  serviceApps: ['applicationId', 'clientId', 'clientSecret', 'developerOrgId'],
  integrations: ['clientId', 'clientSecret', 'orgId'],
  tokens: ['value', 'kind', 'personId', 'orgId', 'clientId'],
  meetings: ['id', 'orgId', 'siteUrl', 'hostUserId', 'meetingNumber', 'webLink', 'title', 'state', 'occurrenceState'],
  instances: ['id', 'seriesId', 'siteUrl', 'state'],
  participants: ['id', 'instanceId', 'seriesId', 'state'],
  links: ['token', 'seriesId', 'role'],
  webhooks: ['id', 'targetUrl', 'resource', 'event', 'orgId', 'createdBy'],
  recordings: ['id', 'instanceId', 'seriesId'],
  transcripts: ['id', 'instanceId', 'seriesId'],
  rooms: ['id', 'title', 'orgId'],
  memberships: ['id', 'roomId', 'personId'],
};

/**
 * A structural check before trusting a snapshot from a file or PUT /state: every list present, every record an
 * object carrying its identifying fields as strings (so later requests cannot trip over a half-valid import).
 */
export function isStateSnapshot(value: unknown): value is StateSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || typeof v.clockOffsetMs !== 'number') return false;
  if (v.messages !== undefined && !(Array.isArray(v.messages) && v.messages.every((m: unknown) => typeof m === 'object' && m !== null && typeof (m as Record<string, unknown>).id === 'string' && typeof (m as Record<string, unknown>).roomId === 'string'))) {
    return false;
  }
  return Object.entries(SNAPSHOT_LISTS).every(([key, fields]) => {
    const list = v[key];
    return (
      Array.isArray(list) &&
      list.every((item: unknown) => typeof item === 'object' && item !== null && fields.every((f) => typeof (item as Record<string, unknown>)[f] === 'string'))
    );
  });
}

/**
 * Meeting preference types, written from the official contract (`components.schemas` MeetingPreferenceObject,
 * SchedulingOptionsObject, SitesObject, SiteObject, DefaultSiteObject of webex-g2g-subset.openapi.json).
 */
import { JOIN_BEFORE_HOST_MINUTES, type JoinBeforeHostMinutes } from './meeting-types.js';
import type { Shape } from './shape.js';

export const PERSONAL_MEETING_ROOM_TOLL_TYPES = ["toll", "tollFree"] as const;
export type PersonalMeetingRoomTollType = (typeof PERSONAL_MEETING_ROOM_TOLL_TYPES)[number];

export const AUDIO_PREFERENCES_DEFAULT_AUDIO_TYPES = ["webexAudio", "voipOnly", "otherTeleconferenceService", "none"] as const;
export type AudioPreferencesDefaultAudioType = (typeof AUDIO_PREFERENCES_DEFAULT_AUDIO_TYPES)[number];

export interface PersonalMeetingRoomCoHost {
  /** Email address for cohost. */
  email: string;
  /** Display name for cohost. */
  displayName: string;
}

export interface PersonalMeetingRoomTelephonyCallInNumber {
  /** Label for call-in number. */
  label: string;
  /** Call-in number to join teleconference from a phone. */
  callInNumber: string;
  /** Type of toll for the call-in number. */
  tollType: PersonalMeetingRoomTollType;
}

export interface PersonalMeetingRoomTelephonyLink {
  /** Link relation describing how the target resource is related to the current context (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  rel: string;
  /** Target resource URI (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  href: string;
  /** Target resource method (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  method: string;
}

export interface PersonalMeetingRoomTelephony {
  /** Code for authenticating a user to join teleconference. */
  accessCode: string;
  /** Array of call-in numbers for joining teleconference from a phone. */
  callInNumbers: PersonalMeetingRoomTelephonyCallInNumber[];
  /** [HATEOAS](https://en.wikipedia.org/wiki/HATEOAS) information of global call-in numbers for joining teleconference from a phone. */
  /** The schema says one object; the spec's example (and meetings' telephony) send an array. */
  links?: PersonalMeetingRoomTelephonyLink[];
}

export interface PersonalMeetingRoom {
  /** Personal Meeting Room topic. */
  topic: string;
  /** PIN for joining the room as host. */
  hostPin: string;
  /** Personal Meeting Room link. */
  personalMeetingRoomLink: string;
  /** Option to automatically lock the Personal Room a number of minutes after a meeting starts. */
  enabledAutoLock: boolean;
  /** Number of minutes after which the Personal Room is locked if `enabledAutoLock` is enabled. */
  autoLockMinutes?: number;
  /** Flag to enable notifying the owner of a Personal Room when someone enters the Personal Room lobby while the owner is not in the room. */
  enabledNotifyHost: boolean;
  /** Flag allowing other invitees to host a meeting in the Personal Room without the owner. */
  supportCoHost: boolean;
  /** Whether or not to allow any attendee with a host account on the target site to become a cohost when joining the Personal Room. */
  supportAnyoneAsCoHost?: boolean;
  /** Whether or not to allow the first attendee with a host account on the target site to become a cohost when joining the Personal Room. */
  allowFirstUserToBeCoHost?: boolean;
  /** Whether or not to allow authenticated video devices in the user's organization to start or join the meeting without a prompt. */
  allowAuthenticatedDevices?: boolean;
  /** Array defining cohosts for the room if both `supportAnyoneAsCoHost` and `allowFirstUserToBeCoHost` are `false` This attribute can be modified with the [Update Personal Meeting Room Options](/docs/api/v1/meeting-preferenc */
  coHosts?: PersonalMeetingRoomCoHost[];
  /** SIP address for callback from a video system. */
  sipAddress: string;
  /** IP address for callback from a video system. */
  dialInIpAddress: string;
  /** Information for callbacks from meeting to phone or for joining a teleconference using a phone. */
  telephony: PersonalMeetingRoomTelephony;
}

export interface AudioPreferencesOfficeNumber {
  /** Country code for the phone number. */
  countryCode: string;
  /** Phone number. */
  number: string;
  /** Flag identifying the phone number as the one that will be used to dial into a teleconference. */
  enabledCallInAuthentication: boolean;
  /** Flag to enable/disable Call Me number display on the meeting client. */
  enabledCallMe: boolean;
}

export interface AudioPreferences {
  /** Default audio type. */
  defaultAudioType: AudioPreferencesDefaultAudioType;
  /** Phone number and other information for the teleconference provider to be used, along with instructions for invitees. */
  otherTeleconferenceDescription: string;
  /** Flag to enable/disable global call ins. */
  enabledGlobalCallIn: boolean;
  /** Flag to enable/disable call-ins from toll-free numbers. */
  enabledTollFree: boolean;
  /** Flag to enable/disable automatically connecting to audio using a computer. */
  enabledAutoConnection: boolean;
  /** PIN to provide a secondary level of authentication for calls where the host is using the phone and may need to invite additional invitees. */
  audioPin?: string;
  /** Office phone number. */
  officeNumber: AudioPreferencesOfficeNumber;
  /** Mobile phone number. */
  mobileNumber: AudioPreferencesOfficeNumber;
}

export interface VideoPreferencesVideoDevice {
  /** Video system name. */
  deviceName: string;
  /** Video address. */
  deviceAddress: string;
  /** Flag identifying the device as the default video device. */
  isDefault: boolean;
}

export interface VideoPreferences {
  /** Array of video devices. */
  videoDevices: VideoPreferencesVideoDevice[];
}

export interface SchedulingOptions {
  /** Flag to enable/disable ***Join Before Host***. */
  enabledJoinBeforeHost: boolean;
  /** Number of minutes before the start time that an invitee can join a meeting if `enabledJoinBeforeHost` is true. */
  joinBeforeHostMinutes: JoinBeforeHostMinutes;
  /** Flag to enable/disable the automatic sharing of the meeting recording with invitees when it is available. */
  enabledAutoShareRecording: boolean;
  /** Flag to automatically enable Webex Assistant whenever you start a meeting. */
  enabledWebexAssistantByDefault?: boolean;
  /** You can allow other hosts to schedule meetings on your behalf by entering their email addresses here. */
  delegateEmails?: string[];
}

export interface MeetingSite {
  /** Access URL for the site. */
  siteUrl: string;
  /** Flag identifying the site as the default site. */
  default: boolean;
}

export interface MeetingPreferences {
  /** Personal Meeting Room options. */
  personalMeetingRoom: PersonalMeetingRoom;
  /** Audio Preferences. */
  audio: AudioPreferences;
  /** Information for video conferencing systems used to connect to Webex meetings. */
  video: VideoPreferences;
  /** Meeting scheduling options. */
  schedulingOptions: SchedulingOptions;
  /** List of user's Webex meeting sites including default site. */
  sites?: MeetingSite[];
}

export interface MeetingSites {
  /** Array of sites for the user. */
  sites: MeetingSite[];
}

export interface UpdateDefaultSiteBody {
  /** Access URL for the site. */
  siteUrl: string;
}

export interface MeetingPreferencesQuery {
  /** Email address for the user. */
  userEmail?: string;
  /** URL of the Webex site to query. */
  siteUrl?: string;
}

// Shapes (see shape.ts)

export const personalMeetingRoomCoHostShape: Shape<PersonalMeetingRoomCoHost> = {
  email: 'string',
  displayName: 'string',
};

export const personalMeetingRoomTelephonyCallInNumberShape: Shape<PersonalMeetingRoomTelephonyCallInNumber> = {
  label: 'string',
  callInNumber: 'string',
  tollType: PERSONAL_MEETING_ROOM_TOLL_TYPES,
};

export const personalMeetingRoomTelephonyLinkShape: Shape<PersonalMeetingRoomTelephonyLink> = {
  rel: 'string',
  href: 'string',
  method: 'string',
};

export const personalMeetingRoomTelephonyShape: Shape<PersonalMeetingRoomTelephony> = {
  accessCode: 'string',
  callInNumbers: { array: personalMeetingRoomTelephonyCallInNumberShape },
  links: { array: personalMeetingRoomTelephonyLinkShape },
};

export const personalMeetingRoomShape: Shape<PersonalMeetingRoom> = {
  topic: 'string',
  hostPin: 'string',
  personalMeetingRoomLink: 'string',
  enabledAutoLock: 'boolean',
  autoLockMinutes: 'number',
  enabledNotifyHost: 'boolean',
  supportCoHost: 'boolean',
  supportAnyoneAsCoHost: 'boolean',
  allowFirstUserToBeCoHost: 'boolean',
  allowAuthenticatedDevices: 'boolean',
  coHosts: { array: personalMeetingRoomCoHostShape },
  sipAddress: 'string',
  dialInIpAddress: 'string',
  telephony: personalMeetingRoomTelephonyShape,
};

export const audioPreferencesOfficeNumberShape: Shape<AudioPreferencesOfficeNumber> = {
  countryCode: 'string',
  number: 'string',
  enabledCallInAuthentication: 'boolean',
  enabledCallMe: 'boolean',
};

export const audioPreferencesShape: Shape<AudioPreferences> = {
  defaultAudioType: AUDIO_PREFERENCES_DEFAULT_AUDIO_TYPES,
  otherTeleconferenceDescription: 'string',
  enabledGlobalCallIn: 'boolean',
  enabledTollFree: 'boolean',
  enabledAutoConnection: 'boolean',
  audioPin: 'string',
  officeNumber: audioPreferencesOfficeNumberShape,
  mobileNumber: audioPreferencesOfficeNumberShape,
};

export const videoPreferencesVideoDeviceShape: Shape<VideoPreferencesVideoDevice> = {
  deviceName: 'string',
  deviceAddress: 'string',
  isDefault: 'boolean',
};

export const videoPreferencesShape: Shape<VideoPreferences> = {
  videoDevices: { array: videoPreferencesVideoDeviceShape },
};

export const schedulingOptionsShape: Shape<SchedulingOptions> = {
  enabledJoinBeforeHost: 'boolean',
  joinBeforeHostMinutes: JOIN_BEFORE_HOST_MINUTES,
  enabledAutoShareRecording: 'boolean',
  enabledWebexAssistantByDefault: 'boolean',
  delegateEmails: { array: 'string' },
};

export const meetingSiteShape: Shape<MeetingSite> = {
  siteUrl: 'string',
  default: 'boolean',
};

export const meetingPreferencesShape: Shape<MeetingPreferences> = {
  personalMeetingRoom: personalMeetingRoomShape,
  audio: audioPreferencesShape,
  video: videoPreferencesShape,
  schedulingOptions: schedulingOptionsShape,
  sites: { array: meetingSiteShape },
};

export const meetingSitesShape: Shape<MeetingSites> = {
  sites: { array: meetingSiteShape },
};

export const updateDefaultSiteBodyShape: Shape<UpdateDefaultSiteBody> = {
  siteUrl: 'string',
};

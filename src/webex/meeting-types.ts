/**
 * Meeting types, written from the official contract (`components.schemas` of webex-g2g-subset.openapi.json:
 * MeetingSeriesObject + MeetingObjectForListMeeting = `Meeting`, CreateMeetingObject, UpdateMeetingObject,
 * PatchMeetingObject, JoinMeetingObject, JoinMeetingLinkObject, EndMeetingRequestObject, and the query parameters
 * of listMeetings / getMeetingById / deleteMeeting). Required (non-`?`) fields are the ones the spec marks required.
 * Each type has a `...Shape` (bottom of the file) that the compiler holds to the type's keys; tests use it to show
 * that payloads fit these types without loss.
 */
import type { Shape } from './shape.js';

/** Join-before-host windows Webex accepts: meetings 0, 5, 10, 15; webinars 0, 15, 30, 45, 60 (docs/webex-contract.md §1.1). */
export const MEETING_JOIN_BEFORE_HOST_MINUTES = [0, 5, 10, 15] as const;
export const WEBINAR_JOIN_BEFORE_HOST_MINUTES = [0, 15, 30, 45, 60] as const;
/** Every window the field accepts, for meetings and webinars alike. */
export const JOIN_BEFORE_HOST_MINUTES = [0, 5, 10, 15, 30, 45, 60] as const;
export type JoinBeforeHostMinutes = (typeof JOIN_BEFORE_HOST_MINUTES)[number];
export type MeetingJoinBeforeHostMinutes = (typeof MEETING_JOIN_BEFORE_HOST_MINUTES)[number];

export const MEETING_TYPES = ["meetingSeries", "scheduledMeeting", "meeting"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_STATES = ["active", "scheduled", "ready", "lobby", "inProgress", "ended", "missed", "expired"] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const UNLOCKED_MEETING_JOIN_SECURITY_VALUES = ["allowJoin", "allowJoinWithLobby", "blockFromJoin"] as const;
export type UnlockedMeetingJoinSecurity = (typeof UNLOCKED_MEETING_JOIN_SECURITY_VALUES)[number];

export const SCHEDULED_TYPES = ["meeting", "webinar", "personalRoomMeeting"] as const;
export type ScheduledType = (typeof SCHEDULED_TYPES)[number];

export const TOLL_TYPES = ["toll", "tollFree"] as const;
export type TollType = (typeof TOLL_TYPES)[number];

export const NOTE_TYPES = ["allowAll", "allowOne"] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const REGISTRATION_QUESTION_TYPES = ["singleLineTextBox", "multiLineTextBox", "checkbox", "dropdownList", "radioButtons"] as const;
export type RegistrationQuestionType = (typeof REGISTRATION_QUESTION_TYPES)[number];

export const REGISTRATION_QUESTION_RULE_CONDITIONS = ["contains", "notContains", "beginsWith", "endsWith", "equals", "notEquals"] as const;
export type RegistrationQuestionRuleCondition = (typeof REGISTRATION_QUESTION_RULE_CONDITIONS)[number];

export const REGISTRATION_QUESTION_RULE_RESULTS = ["approve", "reject"] as const;
export type RegistrationQuestionRuleResult = (typeof REGISTRATION_QUESTION_RULE_RESULTS)[number];

export const REGISTRATION_APPROVE_RULE_QUESTIONS = ["lastName", "email", "jobTitle", "companyName", "address1", "address2", "city", "state", "zipCode", "countryRegion", "workPhone", "fax"] as const;
export type RegistrationApproveRuleQuestion = (typeof REGISTRATION_APPROVE_RULE_QUESTIONS)[number];

export const AUDIO_CONNECTION_TYPES = ["webexAudio", "VoIP", "other", "none"] as const;
export type AudioConnectionType = (typeof AUDIO_CONNECTION_TYPES)[number];

export const ENTRY_AND_EXIT_TONES = ["beep", "announceName", "noTone"] as const;
export type EntryAndExitTone = (typeof ENTRY_AND_EXIT_TONES)[number];

export const LIVE_STREAM_LAYOUT_WITHOUT_SHARED_CONTENTS = ["grid", "stack", "focus"] as const;
export type LiveStreamLayoutWithoutSharedContent = (typeof LIVE_STREAM_LAYOUT_WITHOUT_SHARED_CONTENTS)[number];

export const LIVE_STREAM_LAYOUT_WITH_SHARED_CONTENTS = ["stack", "focusedContentWithActiveSpeaker", "focusedContent"] as const;
export type LiveStreamLayoutWithSharedContent = (typeof LIVE_STREAM_LAYOUT_WITH_SHARED_CONTENTS)[number];

export interface CallInNumber {
  /** Label for the call-in number. */
  label: string;
  /** Call-in number to join the teleconference from a phone. */
  callInNumber: string;
  /** Type of toll for the call-in number. */
  tollType: TollType;
}

export interface TelephonyLink {
  /** Link relation describing how the target resource is related to the current context (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  rel: string;
  /** Target resource URI (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  href: string;
  /** Target resource method (conforming with [RFC5998](https://tools.ietf.org/html/rfc5988)). */
  method: string;
}

export interface Telephony {
  /** Code for authenticating a user to join teleconference. */
  accessCode: string;
  /** Array of call-in numbers for joining a teleconference from a phone. */
  callInNumbers: CallInNumber[];
  /** [HATEOAS](https://en.wikipedia.org/wiki/HATEOAS) information of global call-in numbers for joining a teleconference from a phone. */
  links?: TelephonyLink[];
}

export interface MeetingOptions {
  /** Whether or not to allow any attendee to chat in the meeting. */
  enabledChat?: boolean;
  /** Whether or not to allow any attendee to have video in the meeting. */
  enabledVideo?: boolean;
  /** Whether or not to allow any attendee to poll in the meeting. */
  enabledPolling?: boolean;
  /** Whether or not to allow any attendee to take notes in the meeting. */
  enabledNote?: boolean;
  /** Whether note taking is enabled. */
  noteType?: NoteType;
  /** Whether or not to allow any attendee to transfer files in the meeting. */
  enabledFileTransfer?: boolean;
  /** Whether or not to allow any attendee to share [Universal Communications Format](https://www.cisco.com/c/en/us/td/docs/collaboration/training_center/wbs30/WebEx_BK_TE1FB6C1_00_training-center-frequently-asked-questions/We */
  enabledUCFRichMedia?: boolean;
}

export interface AttendeePrivileges {
  /** Whether or not to allow any attendee to share content in the meeting. */
  enabledShareContent?: boolean;
  /** Whether or not to allow any attendee to save shared documents, slides, or whiteboards when they are shared as files in the content viewer instead of in a window or application. */
  enabledSaveDocument?: boolean;
  /** Whether or not to allow any attendee to print shared documents, slides, or whiteboards when they are shared as files in the content viewer instead of in a window or application. */
  enabledPrintDocument?: boolean;
  /** Whether or not to allow any attendee to annotate shared documents, slides, or whiteboards when they are shared as files in the content viewer instead of in a window or application. */
  enabledAnnotate?: boolean;
  /** Whether or not to allow any attendee to view participants. */
  enabledViewParticipantList?: boolean;
  /** Whether or not to allow any attendee to see a small preview image of any page of shared documents or slides when they are shared as files in the content viewer instead of in a window or application. */
  enabledViewThumbnails?: boolean;
  /** Whether or not to allow any attendee to control applications, web browsers, or desktops remotely. */
  enabledRemoteControl?: boolean;
  /** Whether or not to allow any attendee to view any shared documents or slides when they are shared as files in the content viewer instead of in a window or application. */
  enabledViewAnyDocument?: boolean;
  /** Whether or not to allow any attendee to scroll through any page of shared documents or slides when they are shared as files in the content viewer instead of in a window or application. */
  enabledViewAnyPage?: boolean;
  /** Whether or not to allow any attendee to contact the operator privately. */
  enabledContactOperatorPrivately?: boolean;
  /** Whether or not to allow any attendee to chat with the host in private. */
  enabledChatHost?: boolean;
  /** Whether or not to allow any attendee to chat with the presenter in private. */
  enabledChatPresenter?: boolean;
  /** Whether or not to allow any attendee to chat with other participants in private. */
  enabledChatOtherParticipants?: boolean;
}

export interface RegistrationQuestionOption {
  /** The unique id of options. */
  /** The spec says number; its own examples send strings, so both are accepted. */
  id: number | string;
  /** The content of the option. */
  value: string;
}

export interface RegistrationQuestionRule {
  /** Judgment expression for approval rules. */
  condition: RegistrationQuestionRuleCondition;
  /** The keyword for the approval rule. */
  value: string;
  /** The automatic approval result for the approval rule. */
  result: RegistrationQuestionRuleResult;
  /** Whether to check the case of values. */
  matchCase?: boolean;
  /** The priority number of the approval rule. */
  order: number;
}

export interface RegistrationQuestion {
  /** Unique identifier for the question. */
  /** The spec says number; its own examples send strings, so both are accepted. */
  id: number | string;
  /** Title of the customized question. */
  question: string;
  /** Whether or not the customized question is required to be answered by participants. */
  required?: boolean;
  /** Type of the question being asked. */
  type: RegistrationQuestionType;
  /** The maximum length of a string that can be entered by the user, ranging from `0` to `999`. */
  maxLength?: number;
  /** TThe content of `options`. */
  options?: RegistrationQuestionOption[];
  /** The automatic approval rules for customized questions. */
  rules?: RegistrationQuestionRule[];
}

export interface RegistrationApproveRule {
  /** Name for standard question. */
  question: RegistrationApproveRuleQuestion;
  /** Judgment expression for approval rules. */
  condition: RegistrationQuestionRuleCondition;
  /** The keyword for the approval rule. */
  value: string;
  /** The automatic approval result for the approval rule. */
  result: RegistrationQuestionRuleResult;
  /** Whether to check the case of values. */
  matchCase?: boolean;
  /** The priority number of the approval rule. */
  order: number;
}

export interface Registration {
  /** Whether or not meeting registration requests are accepted automatically. */
  autoAcceptRequest?: boolean;
  /** Whether or not a registrant's first name is required for meeting registration. */
  requireFirstName?: boolean;
  /** Whether or not a registrant's last name is required for meeting registration. */
  requireLastName?: boolean;
  /** Whether or not a registrant's email is required for meeting registration. */
  requireEmail?: boolean;
  /** Whether or not a registrant's job title is shown or required for meeting registration. */
  requireJobTitle?: boolean;
  /** Whether or not a registrant's company name is shown or required for meeting registration. */
  requireCompanyName?: boolean;
  /** Whether or not a registrant's first address field is shown or required for meeting registration. */
  requireAddress1?: boolean;
  /** Whether or not a registrant's second address field is shown or required for meeting registration. */
  requireAddress2?: boolean;
  /** Whether or not a registrant's city is shown or required for meeting registration. */
  requireCity?: boolean;
  /** Whether or not a registrant's state is shown or required for meeting registration. */
  requireState?: boolean;
  /** Whether or not a registrant's postal code is shown or required for meeting registration. */
  requireZipCode?: boolean;
  /** Whether or not a registrant's country or region is shown or required for meeting registration. */
  requireCountryRegion?: boolean;
  /** Whether or not a registrant's work phone number is shown or required for meeting registration. */
  requireWorkPhone?: boolean;
  /** Whether or not a registrant's fax number is shown or required for meeting registration. */
  requireFax?: boolean;
  /** Maximum number of meeting registrations. */
  maxRegisterNum?: number;
  /** Not in the schema, but in the spec's own meeting examples. */
  enabledRegistrationId?: boolean;
  /** Customized questions for meeting registration. */
  customizedQuestions?: RegistrationQuestion[];
  /** The approval rules for standard questions. */
  rules?: RegistrationApproveRule[];
}

export interface Interpreter {
  /** Unique identifier for meeting interpreter. */
  id: string;
  /** Forms a set of simultaneous interpretation channels together with `languageCode2`. */
  languageCode1: string;
  /** Forms a set of simultaneous interpretation channels together with `languageCode1`. */
  languageCode2: string;
  /** Email address of meeting interpreter. */
  email?: string;
  /** Display name of meeting interpreter. */
  displayName?: string;
}

export interface SimultaneousInterpretation {
  /** Whether or not simultaneous interpretation is enabled. */
  enabled: boolean;
  /** Interpreters for meeting. */
  interpreters?: Interpreter[];
}

export interface TrackingCode {
  /** Name for the tracking code. */
  name: string;
  /** Value for the tracking code. */
  value: string;
}

export interface AudioConnectionOptions {
  /** Choose how meeting attendees join the audio portion of the meeting. */
  audioConnectionType?: AudioConnectionType;
  /** Whether or not to show toll-free call-in numbers. */
  enabledTollFreeCallIn?: boolean;
  /** Whether or not to show global call-in numbers to attendees. */
  enabledGlobalCallIn?: boolean;
  /** Whether or not to allow attendees to receive a call-back and call-in is available. */
  enabledAudienceCallBack?: boolean;
  /** Select the sound you want users who have a phone audio connection to hear when someone enters or exits the meeting. */
  entryAndExitTone?: EntryAndExitTone;
  /** Whether or not to allow the host to unmute participants. */
  allowHostToUnmuteParticipants?: boolean;
  /** Whether or not to allow attendees to unmute themselves. */
  allowAttendeeToUnmuteSelf?: boolean;
  /** Whether or not to auto-mute attendees when attendees enter meetings. */
  muteAttendeeUponEntry?: boolean;
}

export interface LiveStream {
  /** A descriptive text to describe the destination of the live streaming. */
  destination: string;
  /** Live streaming RTMP URL. */
  rtmpUrl: string;
  /** The URL to view the live streaming, i.e. */
  streamUrl: string;
  /** Live streaming layout when there's no shared content. */
  layoutWithoutSharedContent?: LiveStreamLayoutWithoutSharedContent;
  /** Live streaming layout when there's shared content. */
  layoutWithSharedContent?: LiveStreamLayoutWithSharedContent;
  /** Whether or not to allow change the live streaming layout in the meeitng. */
  allowChangeLayoutInMeeting?: boolean;
  /** Whether or not to follow the stage layout when it's being synchronized. */
  followStageLayoutWhenSynced?: boolean;
  /** Resolution of the live streaming. */
  resolution?: string;
}

export interface Meeting {
  /** Unique identifier for meeting. */
  id: string;
  /** Meeting number. */
  meetingNumber?: string;
  /** Meeting title. */
  title: string;
  /** Meeting agenda. */
  agenda?: string;
  /** Meeting password. */
  password: string;
  /** 8-digit numeric password used to join a meeting from audio and video devices. */
  phoneAndVideoSystemPassword?: string;
  /** Meeting type. */
  meetingType: MeetingType;
  /** Meeting state. */
  state: MeetingState;
  /** Only applies to meeting series in the `inProgress` state, scheduled meetings in the `ready` state, and meeting instances in the `inProgress` state, whether or not the meeting host joined the meeting. */
  hostDidJoin?: boolean;
  /** Only applies to meeting series in the `inProgress` state, scheduled meetings in the `ready` state, and meeting instances in the `inProgress` state. */
  attendeeDidJoin?: boolean;
  /** [Time zone](https://en.wikipedia.org/wiki/List_of_tz_database_time_zones#List) of `start` and `end`, conforming with the [IANA time zone database](https://www.iana.org/time-zones). */
  timezone: string;
  /** Start time for meeting in [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  start: string;
  /** End time for a meeting in ISO 8601 compliant format. */
  end: string;
  /** Meeting series recurrence rule (conforming with [RFC 2445](https://www.ietf.org/rfc/rfc2445.txt)). */
  recurrence?: string;
  /** Unique identifier for the meeting host. */
  hostUserId: string;
  /** Display name for the meeting host. */
  hostDisplayName: string;
  /** Email address for the meeting host. */
  hostEmail: string;
  /** Key for joining the meeting as host. */
  hostKey: string;
  /** Site URL for the meeting. */
  siteUrl: string;
  /** Link to a meeting information page where the meeting client is launched if the meeting is ready to start or join. */
  webLink: string;
  /** Link to register a meeting which has enabled registration. */
  registerLink?: string;
  /** SIP address for callback from a video system. */
  sipAddress?: string;
  /** IP address for callback from a video system. */
  dialInIpAddress?: string;
  /** Room ID of the associated Webex space. */
  roomId?: string;
  /** Whether or not meeting is recorded automatically. */
  enabledAutoRecordMeeting?: boolean;
  /** Whether or not to allow any attendee with a host account on the target site to become a cohost when joining the meeting. */
  allowAnyUserToBeCoHost?: boolean;
  /** Whether or not to allow any attendee to join the meeting before the host joins the meeting. */
  enabledJoinBeforeHost?: boolean;
  /** Whether or not to allow any attendee to connect to audio before the host joins the meeting. */
  enableConnectAudioBeforeHost?: boolean;
  /** Number of minutes an attendee can join the meeting before the meeting start time and the host joins. */
  joinBeforeHostMinutes?: JoinBeforeHostMinutes;
  /** Whether or not to exclude the meeting password from the email invitation. */
  excludePassword?: boolean;
  /** Whether or not to allow the meeting to be listed on the public calendar. */
  publicMeeting?: boolean;
  /** The number of minutes before the meeting begins, that an email reminder is sent to the host. */
  reminderTime?: number;
  /** Specifies how the people who aren't on the invite can join the unlocked meeting. */
  unlockedMeetingJoinSecurity?: UnlockedMeetingJoinSecurity;
  /** Unique identifier for a meeting session type for the user. */
  sessionTypeId?: number;
  /** Specifies whether the meeting is a regular meeting, a webinar, or a meeting scheduled in the user's [personal room](https://help.webex.com/en-us/article/nul0wut/Webex-Personal-Rooms-in-Webex-Meetings). */
  scheduledType?: ScheduledType;
  /** Whether or not webcast view is enabled. */
  enabledWebcastView?: boolean;
  /** Password for panelists of a webinar meeting. */
  panelistPassword?: string;
  /** 8-digit numeric panelist password to join a webinar meeting from audio and video devices. */
  phoneAndVideoSystemPanelistPassword?: string;
  /** Whether or not to automatically lock the meeting after it starts. */
  enableAutomaticLock?: boolean;
  /** The number of minutes after the meeting begins, for automatically locking it. */
  automaticLockMinutes?: number;
  /** Whether or not to allow the first attendee of the meeting with a host account on the target site to become a cohost. */
  allowFirstUserToBeCoHost?: boolean;
  /** Whether or not to allow authenticated video devices in the meeting's organization to start or join the meeting without a prompt. */
  allowAuthenticatedDevices?: boolean;
  /** Information for callbacks from a meeting to phone or for joining a teleconference using a phone. */
  telephony: Telephony;
  /** Meeting Options. */
  meetingOptions?: MeetingOptions;
  /** Attendee Privileges. */
  attendeePrivileges?: AttendeePrivileges;
  /** Meeting registration. */
  registration?: Registration;
  /** External keys created by an integration application in its own domain, for example Zendesk ticket IDs, Jira IDs, Salesforce Opportunity IDs, etc. */
  integrationTags?: string[];
  /** Simultaneous interpretation information for a meeting. */
  simultaneousInterpretation?: SimultaneousInterpretation;
  /** Whether or not breakout sessions are enabled. */
  enabledBreakoutSessions: boolean;
  /** [HATEOAS](https://en.wikipedia.org/wiki/HATEOAS) Breakout Sessions information for meeting. */
  links?: TelephonyLink[];
  /** Tracking codes information. */
  trackingCodes?: TrackingCode[];
  /** Whether or not the audio watermark is enabled. */
  enabledAudioWatermark?: boolean;
  /** Whether or not the visual watermark is enabled. */
  enabledVisualWatermark?: boolean;
  /** Opacity level for visual watermark. */
  visualWatermarkOpacity?: number;
  /** Audio connection options. */
  audioConnectionOptions?: AudioConnectionOptions;
  /** Require attendees to sign in before joining the webinar. */
  requireAttendeeLogin?: boolean;
  /** Restrict webinar to invited attendees only. */
  restrictToInvitees?: boolean;
  /** Whether or not live streaming is enabled. */
  enabledLiveStream?: boolean;
  /** Live streaming settings. */
  liveStream?: LiveStream;
  /** Unique identifier for meeting series. */
  meetingSeriesId?: string;
  /** Unique identifier for scheduled meeting which current meeting is associated with. */
  scheduledMeetingId?: string;
  /** This state only applies to scheduled meeting. */
  isModified?: boolean;
  /** Whether or not this meeting instance has chat. */
  hasChat?: boolean;
  /** Whether or not this meeting instance has been recorded. */
  hasRecording?: boolean;
  /** Whether or not this meeting instance has a transcription. */
  hasTranscription?: boolean;
  /** Not in the schema, but in the spec's listMeetings example (and a listMeetings filter). */
  hasSummary?: boolean;
  /** Whether or not this meeting instance has closed captions. */
  hasClosedCaption?: boolean;
  /** Whether or not this meeting instance has polls. */
  hasPolls?: boolean;
  /** Whether or not this meeting instance has Q&A. */
  hasQA?: boolean;
  /** Whether or not this meeting instance has Slido interactions. */
  hasSlido?: boolean;
  /** Whether or not this meeting instance has a registration form. */
  hasRegistration?: boolean;
  /** Whether or not someone has registered a this meeting instance via the registration form. */
  hasRegistrants?: boolean;
  /** Whether this meeting instance has a survey and someone has responded to the survey. */
  hasPostEventSurvey?: boolean;
}

export interface MeetingInviteeInput {
  /** Email address of meeting invitee. */
  email: string;
  /** Display name of meeting invitee. */
  displayName?: string;
  /** Whether or not invitee is allowed to be a cohost for the meeting. */
  coHost?: boolean;
  /** Whether or not an invitee is allowed to be a panelist. */
  panelist?: boolean;
}

export interface RegistrationQuestionInputOption {
  /** The content of the option. */
  value: string;
}

export interface RegistrationQuestionInputRule {
  /** Judgment expression for approval rules. */
  condition: RegistrationQuestionRuleCondition;
  /** The keyword for the approval rule. */
  value: string;
  /** The automatic approval result for the approval rule. */
  result: RegistrationQuestionRuleResult;
  /** Whether to check the case of values. */
  matchCase?: boolean;
}

export interface RegistrationQuestionInput {
  /** Title of the customized question. */
  question: string;
  /** Whether or not the customized question is required to be answered by participants. */
  required?: boolean;
  /** Type of the question being asked. */
  type: RegistrationQuestionType;
  /** The maximum length of a string that can be entered by the user, ranging from `0` to `999`. */
  maxLength?: number;
  /** The content of `options`. */
  options?: RegistrationQuestionInputOption[];
  /** The automatic approval rules for customized questions. */
  rules?: RegistrationQuestionInputRule[];
}

export interface RegistrationInput {
  /** Whether or not meeting registration request is accepted automatically. */
  autoAcceptRequest?: boolean;
  /** Whether or not a registrant's first name is required for meeting registration. */
  requireFirstName?: boolean;
  /** Whether or not a registrant's last name is required for meeting registration. */
  requireLastName?: boolean;
  /** Whether or not a registrant's email is required for meeting registration. */
  requireEmail?: boolean;
  /** Whether or not a registrant's job title is shown or required for meeting registration. */
  requireJobTitle?: boolean;
  /** Whether or not a registrant's company name is shown or required for meeting registration. */
  requireCompanyName?: boolean;
  /** Whether or not a registrant's first address field is shown or required for meeting registration. */
  requireAddress1?: boolean;
  /** Whether or not a registrant's second address field is shown or required for meeting registration. */
  requireAddress2?: boolean;
  /** Whether or not a registrant's city is shown or required for meeting registration. */
  requireCity?: boolean;
  /** Whether or not a registrant's state is shown or required for meeting registration. */
  requireState?: boolean;
  /** Whether or not a registrant's postal code is shown or required for meeting registration. */
  requireZipCode?: boolean;
  /** Whether or not a registrant's country or region is shown or required for meeting registration. */
  requireCountryRegion?: boolean;
  /** Whether or not a registrant's work phone number is shown or required for meeting registration. */
  requireWorkPhone?: boolean;
  /** Whether or not a registrant's fax number is shown or required for meeting registration. */
  requireFax?: boolean;
  /** Maximum number of meeting registrations. */
  maxRegisterNum?: number;
  /** Customized questions for meeting registration. */
  customizedQuestions?: RegistrationQuestionInput[];
  /** The approval rules for standard questions. */
  rules?: RegistrationApproveRule[];
}

export interface InterpreterInput {
  /** Forms a set of simultaneous interpretation channels together with `languageCode2`. */
  languageCode1: string;
  /** Forms a set of simultaneous interpretation channels together with `languageCode1`. */
  languageCode2: string;
  /** Email address of meeting interpreter. */
  email?: string;
  /** Display name of meeting interpreter. */
  displayName?: string;
}

export interface SimultaneousInterpretationInput {
  /** Whether or not simultaneous interpretation is enabled. */
  enabled: boolean;
  /** Interpreters for meeting. */
  interpreters?: InterpreterInput[];
}

export interface BreakoutSessionInput {
  /** Name for breakout session. */
  name: string;
  /** Invitees for breakout session. */
  invitees?: string[];
}

export interface CreateMeetingBody {
  /** Whether or not to create an ad-hoc meeting for the room specified by `roomId`. */
  adhoc?: boolean;
  /** Unique identifier for the Webex space which the meeting is to be associated with. */
  roomId?: string;
  /** Unique identifier for meeting template. */
  templateId?: string;
  /** Meeting title. */
  title: string;
  /** Meeting agenda. */
  agenda?: string;
  /** Meeting password. */
  password?: string;
  /** Date and time for the start of meeting in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  start: string;
  /** Date and time for the end of meeting in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  end: string;
  /** [Time zone](https://en.wikipedia.org/wiki/List_of_tz_database_time_zones#List) in which the meeting was originally scheduled (conforming with the [IANA time zone database](https://www.iana.org/time-zones)). */
  timezone?: string;
  /** Meeting series recurrence rule (conforming with [RFC 2445](https://www.ietf.org/rfc/rfc2445.txt)), applying only to meeting series. */
  recurrence?: string;
  /** Whether or not meeting is recorded automatically. */
  enabledAutoRecordMeeting?: boolean;
  /** Whether or not to allow any attendee with a host account on the target site to become a cohost when joining the meeting. */
  allowAnyUserToBeCoHost?: boolean;
  /** Whether or not to allow any attendee to join the meeting before the host joins the meeting. */
  enabledJoinBeforeHost?: boolean;
  /** Whether or not to allow any attendee to connect audio in the meeting before the host joins the meeting. */
  enableConnectAudioBeforeHost?: boolean;
  /** Number of minutes an attendee can join the meeting before the meeting start time and the host joins. */
  joinBeforeHostMinutes?: JoinBeforeHostMinutes;
  /** Whether or not to exclude the meeting password from the email invitation. */
  excludePassword?: boolean;
  /** Whether or not to allow the meeting to be listed on the public calendar. */
  publicMeeting?: boolean;
  /** The number of minutes before the meeting begins, that an email reminder is sent to the host. */
  reminderTime?: number;
  /** Specifies how the people who aren't on the invite can join the unlocked meeting. */
  unlockedMeetingJoinSecurity?: UnlockedMeetingJoinSecurity;
  /** Unique identifier for a meeting session type for the user. */
  sessionTypeId?: number;
  /** When set as an attribute in a POST request body, specifies whether it's a regular meeting, a webinar, or a meeting scheduled in the user's [personal room](https://help.webex.com/en-us/article/nul0wut/Webex-Personal-Rooms */
  scheduledType?: ScheduledType;
  /** Whether or not webcast view is enabled. */
  enabledWebcastView?: boolean;
  /** Password for panelists of a webinar meeting. */
  panelistPassword?: string;
  /** Whether or not to automatically lock the meeting after it starts. */
  enableAutomaticLock?: boolean;
  /** The number of minutes after the meeting begins, for automatically locking it. */
  automaticLockMinutes?: number;
  /** Whether or not to allow the first attendee of the meeting with a host account on the target site to become a cohost. */
  allowFirstUserToBeCoHost?: boolean;
  /** Whether or not to allow authenticated video devices in the meeting's organization to start or join the meeting without a prompt. */
  allowAuthenticatedDevices?: boolean;
  /** Invitees for meeting. */
  invitees?: MeetingInviteeInput[];
  /** Whether or not to send emails to host and invitees. */
  sendEmail?: boolean;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** URL of the Webex site which the meeting is created on. */
  siteUrl?: string;
  /** Meeting Options. */
  meetingOptions?: MeetingOptions;
  /** Attendee Privileges. */
  attendeePrivileges?: AttendeePrivileges;
  /** Meeting registration. */
  registration?: RegistrationInput;
  /** External keys created by an integration application in its own domain, for example Zendesk ticket IDs, Jira IDs, Salesforce Opportunity IDs, etc. */
  integrationTags?: string[];
  /** Simultaneous interpretation information for a meeting. */
  simultaneousInterpretation?: SimultaneousInterpretationInput;
  /** Whether or not breakout sessions are enabled. */
  enabledBreakoutSessions?: boolean;
  /** Breakout sessions are smaller groups that are split off from the main meeting or webinar. */
  breakoutSessions?: BreakoutSessionInput[];
  /** Tracking codes information. */
  trackingCodes?: TrackingCode[];
  /** Whether or not the audio watermark is enabled. */
  enabledAudioWatermark?: boolean;
  /** Whether or not the visual watermark is enabled. */
  enabledVisualWatermark?: boolean;
  /** Opacity level for the visual watermark. */
  visualWatermarkOpacity?: number;
  /** Audio connection options. */
  audioConnectionOptions?: AudioConnectionOptions;
  /** Require attendees to sign in before joining the webinar. */
  requireAttendeeLogin?: boolean;
  /** Restrict webinar to invited attendees only. */
  restrictToInvitees?: boolean;
  /** Whether or not live streaming is enabled. */
  enabledLiveStream?: boolean;
  /** Live streaming settings. */
  liveStream?: LiveStream;
}

export interface UpdateMeetingBody {
  /** Meeting title. */
  title?: string;
  /** Meeting agenda. */
  agenda?: string;
  /** Meeting password. */
  password?: string;
  /** Date and time for the start of meeting in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  start?: string;
  /** Date and time for the end of meeting in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  end?: string;
  /** [Time zone](https://en.wikipedia.org/wiki/List_of_tz_database_time_zones#List) in which the meeting was originally scheduled (conforming with the [IANA time zone database](https://www.iana.org/time-zones)). */
  timezone?: string;
  /** Meeting series recurrence rule (conforming with [RFC 2445](https://www.ietf.org/rfc/rfc2445.txt)). */
  recurrence?: string;
  /** Whether or not meeting is recorded automatically. */
  enabledAutoRecordMeeting?: boolean;
  /** Whether or not to allow any attendee with a host account on the target site to become a cohost when joining the meeting. */
  allowAnyUserToBeCoHost?: boolean;
  /** Whether or not to allow any attendee to join the meeting before the host joins the meeting. */
  enabledJoinBeforeHost?: boolean;
  /** Whether or not to allow any attendee to connect audio in the meeting before the host joins the meeting. */
  enableConnectAudioBeforeHost?: boolean;
  /** Number of minutes an attendee can join the meeting before the meeting start time and the host joins. */
  joinBeforeHostMinutes?: JoinBeforeHostMinutes;
  /** Whether or not to exclude the meeting password from the email invitation. */
  excludePassword?: boolean;
  /** Whether or not to allow the meeting to be listed on the public calendar. */
  publicMeeting?: boolean;
  /** The number of minutes before the meeting begins, that an email reminder is sent to the host. */
  reminderTime?: number;
  /** Specifies how the people who aren't on the invite can join the unlocked meeting. */
  unlockedMeetingJoinSecurity?: UnlockedMeetingJoinSecurity;
  /** Unique identifier for a meeting session type for the user. */
  sessionTypeId?: number;
  /** Whether or not webcast view is enabled. */
  enabledWebcastView?: boolean;
  /** Password for panelists of a webinar meeting. */
  panelistPassword?: string;
  /** Whether or not to automatically lock the meeting after it starts. */
  enableAutomaticLock?: boolean;
  /** The number of minutes after the meeting begins, for automatically locking it. */
  automaticLockMinutes?: number;
  /** Whether or not to allow the first attendee of the meeting with a host account on the target site to become a cohost. */
  allowFirstUserToBeCoHost?: boolean;
  /** Whether or not to allow authenticated video devices in the meeting's organization to start or join the meeting without a prompt. */
  allowAuthenticatedDevices?: boolean;
  /** Whether or not to send emails to host and invitees. */
  sendEmail?: boolean;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** Meeting Options. */
  meetingOptions?: MeetingOptions;
  /** Attendee Privileges. */
  attendeePrivileges?: AttendeePrivileges;
  /** External keys created by an integration application in its own domain, for example Zendesk ticket IDs, Jira IDs, Salesforce Opportunity IDs, etc. */
  integrationTags?: string[];
  /** Whether or not breakout sessions are enabled. */
  enabledBreakoutSessions?: boolean;
  /** Tracking codes information. */
  trackingCodes?: TrackingCode[];
  /** Whether or not the audio watermark is enabled. */
  enabledAudioWatermark?: boolean;
  /** Whether or not the visual watermark is enabled. */
  enabledVisualWatermark?: boolean;
  /** Opacity level for the visual watermark. */
  visualWatermarkOpacity?: number;
  /** Audio connection options. */
  audioConnectionOptions?: AudioConnectionOptions;
  /** Require attendees to sign in before joining the webinar. */
  requireAttendeeLogin?: boolean;
  /** Restrict webinar to invited attendees only. */
  restrictToInvitees?: boolean;
  /** Whether or not live streaming is enabled. */
  enabledLiveStream?: boolean;
  /** Live streaming settings. */
  liveStream?: LiveStream;
}

export interface JoinMeetingBody {
  /** Unique identifier for the meeting. */
  meetingId?: string;
  /** Meeting number. */
  meetingNumber?: string;
  /** Link to a meeting information page where the meeting client is launched if the meeting is ready to start or join. */
  webLink?: string;
  /** Whether or not to redirect to `joinLink`. */
  joinDirectly?: boolean;
  /** Email address of meeting participant. */
  email?: string;
  /** Display name of meeting participant. */
  displayName?: string;
  /** Required when the meeting is protected by a password and the current user is not privileged to view it if they are not a host, cohost, or invitee. */
  password?: string;
  /** Expiration duration of `joinLink` in minutes. */
  expirationMinutes?: number;
  /** Required when the meeting is webinar-enabled and enabled registration ID. */
  registrationId?: string;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** When `createJoinLinkAsWebLink` is true, the returned `joinLink` is the webLink of the meeting, otherwise, the normal `joinLink` is returned. */
  createJoinLinkAsWebLink?: boolean;
  /** When `createStartLinkAsWebLink` is true, the returned `startLink` is the webLink of the meeting, otherwise, the normal `startLink` is returned. */
  createStartLinkAsWebLink?: boolean;
}

export interface JoinMeetingResponse {
  /** The link is used to start a meeting as the meeting host. */
  startLink?: string;
  /** The link is used to join the meeting. */
  joinLink?: string;
  /** Expiration time of `joinLink`. */
  expiration?: string;
}

export interface EndMeetingBody {
  /** The reason for ending the meeting. */
  reason?: string;
}

export interface ListMeetingsQuery {
  /** Meeting number for the meeting objects being requested. */
  meetingNumber?: string;
  /** URL encoded link to information page for the meeting objects being requested. */
  webLink?: string;
  /** Associated Webex space ID for the meeting objects being requested. */
  roomId?: string;
  /** Unique identifier for the meeting series. */
  meetingSeriesId?: string;
  /** Limit the maximum number of meetings in the response, up to 100. */
  max?: number;
  /** Start date and time (inclusive) for the range for which meetings are to be returned in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  from?: string;
  /** End date and time (exclusive) for the range for which meetings are to be returned in any [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) compliant format. */
  to?: string;
  /** Meeting type for the meeting objects being requested. */
  meetingType?: MeetingType;
  /** Meeting state for the meeting objects being requested. */
  state?: MeetingState;
  /** Scheduled type for the meeting objects being requested. */
  scheduledType?: ScheduledType;
  /** Flag identifying whether a meeting has been modified. */
  isModified?: boolean;
  /** Flag identifying whether a meeting has a chat log. */
  hasChat?: boolean;
  /** Flag identifying meetings which have been recorded. */
  hasRecording?: boolean;
  /** Flag identifying meetings with transcripts. */
  hasTranscription?: boolean;
  /** Flag identifying meetings with summaries. */
  hasSummary?: boolean;
  /** Flag identifying meetings with closed captions. */
  hasClosedCaption?: boolean;
  /** Flag identifying meetings with polls. */
  hasPolls?: boolean;
  /** Flag identifying meetings with Q&A. */
  hasQA?: boolean;
  /** Flag identifying meetings with Slido interactions. */
  hasSlido?: boolean;
  /** Flag identifying to retrieve the current scheduled meeting of the meeting series or the entire meeting series. */
  current?: boolean;
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** URL of the Webex site which the API lists meetings from. */
  siteUrl?: string;
  /** External key created by an integration application. */
  integrationTag?: string;
}

export interface GetMeetingQuery {
  /** Whether or not to retrieve only the current scheduled meeting of the meeting series, i.e. */
  current?: boolean;
  /** Email address for the meeting host. */
  hostEmail?: string;
}

export interface DeleteMeetingQuery {
  /** Email address for the meeting host. */
  hostEmail?: string;
  /** Whether or not to send emails to host and invitees. */
  sendEmail?: boolean;
}
/** PATCH takes the same fields as PUT, merge-style: only the fields given change (`agenda`, `recurrence`, `trackingCodes` may be null). */
export type PatchMeetingBody = { [K in keyof UpdateMeetingBody]?: UpdateMeetingBody[K] | (K extends 'agenda' | 'recurrence' | 'trackingCodes' ? null : never) };

// ---------------------------------------------------------------------------------------------------------------
// Shapes (see shape.ts)

export const callInNumberShape: Shape<CallInNumber> = {
  label: 'string',
  callInNumber: 'string',
  tollType: TOLL_TYPES,
};

export const telephonyLinkShape: Shape<TelephonyLink> = {
  rel: 'string',
  href: 'string',
  method: 'string',
};

export const telephonyShape: Shape<Telephony> = {
  accessCode: 'string',
  callInNumbers: { array: callInNumberShape },
  links: { array: telephonyLinkShape },
};

export const meetingOptionsShape: Shape<MeetingOptions> = {
  enabledChat: 'boolean',
  enabledVideo: 'boolean',
  enabledPolling: 'boolean',
  enabledNote: 'boolean',
  noteType: NOTE_TYPES,
  enabledFileTransfer: 'boolean',
  enabledUCFRichMedia: 'boolean',
};

export const attendeePrivilegesShape: Shape<AttendeePrivileges> = {
  enabledShareContent: 'boolean',
  enabledSaveDocument: 'boolean',
  enabledPrintDocument: 'boolean',
  enabledAnnotate: 'boolean',
  enabledViewParticipantList: 'boolean',
  enabledViewThumbnails: 'boolean',
  enabledRemoteControl: 'boolean',
  enabledViewAnyDocument: 'boolean',
  enabledViewAnyPage: 'boolean',
  enabledContactOperatorPrivately: 'boolean',
  enabledChatHost: 'boolean',
  enabledChatPresenter: 'boolean',
  enabledChatOtherParticipants: 'boolean',
};

export const registrationQuestionOptionShape: Shape<RegistrationQuestionOption> = {
  id: 'string|number',
  value: 'string',
};

export const registrationQuestionRuleShape: Shape<RegistrationQuestionRule> = {
  condition: REGISTRATION_QUESTION_RULE_CONDITIONS,
  value: 'string',
  result: REGISTRATION_QUESTION_RULE_RESULTS,
  matchCase: 'boolean',
  order: 'number',
};

export const registrationQuestionShape: Shape<RegistrationQuestion> = {
  id: 'string|number',
  question: 'string',
  required: 'boolean',
  type: REGISTRATION_QUESTION_TYPES,
  maxLength: 'number',
  options: { array: registrationQuestionOptionShape },
  rules: { array: registrationQuestionRuleShape },
};

export const registrationApproveRuleShape: Shape<RegistrationApproveRule> = {
  question: REGISTRATION_APPROVE_RULE_QUESTIONS,
  condition: REGISTRATION_QUESTION_RULE_CONDITIONS,
  value: 'string',
  result: REGISTRATION_QUESTION_RULE_RESULTS,
  matchCase: 'boolean',
  order: 'number',
};

export const registrationShape: Shape<Registration> = {
  autoAcceptRequest: 'boolean',
  requireFirstName: 'boolean',
  requireLastName: 'boolean',
  requireEmail: 'boolean',
  requireJobTitle: 'boolean',
  requireCompanyName: 'boolean',
  requireAddress1: 'boolean',
  requireAddress2: 'boolean',
  requireCity: 'boolean',
  requireState: 'boolean',
  requireZipCode: 'boolean',
  requireCountryRegion: 'boolean',
  requireWorkPhone: 'boolean',
  requireFax: 'boolean',
  maxRegisterNum: 'number',
  enabledRegistrationId: 'boolean',
  customizedQuestions: { array: registrationQuestionShape },
  rules: { array: registrationApproveRuleShape },
};

export const interpreterShape: Shape<Interpreter> = {
  id: 'string',
  languageCode1: 'string',
  languageCode2: 'string',
  email: 'string',
  displayName: 'string',
};

export const simultaneousInterpretationShape: Shape<SimultaneousInterpretation> = {
  enabled: 'boolean',
  interpreters: { array: interpreterShape },
};

export const trackingCodeShape: Shape<TrackingCode> = {
  name: 'string',
  value: 'string',
};

export const audioConnectionOptionsShape: Shape<AudioConnectionOptions> = {
  audioConnectionType: AUDIO_CONNECTION_TYPES,
  enabledTollFreeCallIn: 'boolean',
  enabledGlobalCallIn: 'boolean',
  enabledAudienceCallBack: 'boolean',
  entryAndExitTone: ENTRY_AND_EXIT_TONES,
  allowHostToUnmuteParticipants: 'boolean',
  allowAttendeeToUnmuteSelf: 'boolean',
  muteAttendeeUponEntry: 'boolean',
};

export const liveStreamShape: Shape<LiveStream> = {
  destination: 'string',
  rtmpUrl: 'string',
  streamUrl: 'string',
  layoutWithoutSharedContent: LIVE_STREAM_LAYOUT_WITHOUT_SHARED_CONTENTS,
  layoutWithSharedContent: LIVE_STREAM_LAYOUT_WITH_SHARED_CONTENTS,
  allowChangeLayoutInMeeting: 'boolean',
  followStageLayoutWhenSynced: 'boolean',
  resolution: 'string',
};

export const meetingShape: Shape<Meeting> = {
  id: 'string',
  meetingNumber: 'string',
  title: 'string',
  agenda: 'string',
  password: 'string',
  phoneAndVideoSystemPassword: 'string',
  meetingType: MEETING_TYPES,
  state: MEETING_STATES,
  hostDidJoin: 'boolean',
  attendeeDidJoin: 'boolean',
  timezone: 'string',
  start: 'string',
  end: 'string',
  recurrence: 'string',
  hostUserId: 'string',
  hostDisplayName: 'string',
  hostEmail: 'string',
  hostKey: 'string',
  siteUrl: 'string',
  webLink: 'string',
  registerLink: 'string',
  sipAddress: 'string',
  dialInIpAddress: 'string',
  roomId: 'string',
  enabledAutoRecordMeeting: 'boolean',
  allowAnyUserToBeCoHost: 'boolean',
  enabledJoinBeforeHost: 'boolean',
  enableConnectAudioBeforeHost: 'boolean',
  joinBeforeHostMinutes: JOIN_BEFORE_HOST_MINUTES,
  excludePassword: 'boolean',
  publicMeeting: 'boolean',
  reminderTime: 'number',
  unlockedMeetingJoinSecurity: UNLOCKED_MEETING_JOIN_SECURITY_VALUES,
  sessionTypeId: 'number',
  scheduledType: SCHEDULED_TYPES,
  enabledWebcastView: 'boolean',
  panelistPassword: 'string',
  phoneAndVideoSystemPanelistPassword: 'string',
  enableAutomaticLock: 'boolean',
  automaticLockMinutes: 'number',
  allowFirstUserToBeCoHost: 'boolean',
  allowAuthenticatedDevices: 'boolean',
  telephony: telephonyShape,
  meetingOptions: meetingOptionsShape,
  attendeePrivileges: attendeePrivilegesShape,
  registration: registrationShape,
  integrationTags: { array: 'string' },
  simultaneousInterpretation: simultaneousInterpretationShape,
  enabledBreakoutSessions: 'boolean',
  links: { array: telephonyLinkShape },
  trackingCodes: { array: trackingCodeShape },
  enabledAudioWatermark: 'boolean',
  enabledVisualWatermark: 'boolean',
  visualWatermarkOpacity: 'number',
  audioConnectionOptions: audioConnectionOptionsShape,
  requireAttendeeLogin: 'boolean',
  restrictToInvitees: 'boolean',
  enabledLiveStream: 'boolean',
  liveStream: liveStreamShape,
  meetingSeriesId: 'string',
  scheduledMeetingId: 'string',
  isModified: 'boolean',
  hasChat: 'boolean',
  hasRecording: 'boolean',
  hasTranscription: 'boolean',
  hasSummary: 'boolean',
  hasClosedCaption: 'boolean',
  hasPolls: 'boolean',
  hasQA: 'boolean',
  hasSlido: 'boolean',
  hasRegistration: 'boolean',
  hasRegistrants: 'boolean',
  hasPostEventSurvey: 'boolean',
};

export const meetingInviteeInputShape: Shape<MeetingInviteeInput> = {
  email: 'string',
  displayName: 'string',
  coHost: 'boolean',
  panelist: 'boolean',
};

export const registrationQuestionInputOptionShape: Shape<RegistrationQuestionInputOption> = {
  value: 'string',
};

export const registrationQuestionInputRuleShape: Shape<RegistrationQuestionInputRule> = {
  condition: REGISTRATION_QUESTION_RULE_CONDITIONS,
  value: 'string',
  result: REGISTRATION_QUESTION_RULE_RESULTS,
  matchCase: 'boolean',
};

export const registrationQuestionInputShape: Shape<RegistrationQuestionInput> = {
  question: 'string',
  required: 'boolean',
  type: REGISTRATION_QUESTION_TYPES,
  maxLength: 'number',
  options: { array: registrationQuestionInputOptionShape },
  rules: { array: registrationQuestionInputRuleShape },
};

export const registrationInputShape: Shape<RegistrationInput> = {
  autoAcceptRequest: 'boolean',
  requireFirstName: 'boolean',
  requireLastName: 'boolean',
  requireEmail: 'boolean',
  requireJobTitle: 'boolean',
  requireCompanyName: 'boolean',
  requireAddress1: 'boolean',
  requireAddress2: 'boolean',
  requireCity: 'boolean',
  requireState: 'boolean',
  requireZipCode: 'boolean',
  requireCountryRegion: 'boolean',
  requireWorkPhone: 'boolean',
  requireFax: 'boolean',
  maxRegisterNum: 'number',
  customizedQuestions: { array: registrationQuestionInputShape },
  rules: { array: registrationApproveRuleShape },
};

export const interpreterInputShape: Shape<InterpreterInput> = {
  languageCode1: 'string',
  languageCode2: 'string',
  email: 'string',
  displayName: 'string',
};

export const simultaneousInterpretationInputShape: Shape<SimultaneousInterpretationInput> = {
  enabled: 'boolean',
  interpreters: { array: interpreterInputShape },
};

export const breakoutSessionInputShape: Shape<BreakoutSessionInput> = {
  name: 'string',
  invitees: { array: 'string' },
};

export const createMeetingBodyShape: Shape<CreateMeetingBody> = {
  adhoc: 'boolean',
  roomId: 'string',
  templateId: 'string',
  title: 'string',
  agenda: 'string',
  password: 'string',
  start: 'string',
  end: 'string',
  timezone: 'string',
  recurrence: 'string',
  enabledAutoRecordMeeting: 'boolean',
  allowAnyUserToBeCoHost: 'boolean',
  enabledJoinBeforeHost: 'boolean',
  enableConnectAudioBeforeHost: 'boolean',
  joinBeforeHostMinutes: JOIN_BEFORE_HOST_MINUTES,
  excludePassword: 'boolean',
  publicMeeting: 'boolean',
  reminderTime: 'number',
  unlockedMeetingJoinSecurity: UNLOCKED_MEETING_JOIN_SECURITY_VALUES,
  sessionTypeId: 'number',
  scheduledType: SCHEDULED_TYPES,
  enabledWebcastView: 'boolean',
  panelistPassword: 'string',
  enableAutomaticLock: 'boolean',
  automaticLockMinutes: 'number',
  allowFirstUserToBeCoHost: 'boolean',
  allowAuthenticatedDevices: 'boolean',
  invitees: { array: meetingInviteeInputShape },
  sendEmail: 'boolean',
  hostEmail: 'string',
  siteUrl: 'string',
  meetingOptions: meetingOptionsShape,
  attendeePrivileges: attendeePrivilegesShape,
  registration: registrationInputShape,
  integrationTags: { array: 'string' },
  simultaneousInterpretation: simultaneousInterpretationInputShape,
  enabledBreakoutSessions: 'boolean',
  breakoutSessions: { array: breakoutSessionInputShape },
  trackingCodes: { array: trackingCodeShape },
  enabledAudioWatermark: 'boolean',
  enabledVisualWatermark: 'boolean',
  visualWatermarkOpacity: 'number',
  audioConnectionOptions: audioConnectionOptionsShape,
  requireAttendeeLogin: 'boolean',
  restrictToInvitees: 'boolean',
  enabledLiveStream: 'boolean',
  liveStream: liveStreamShape,
};

export const updateMeetingBodyShape: Shape<UpdateMeetingBody> = {
  title: 'string',
  agenda: 'string',
  password: 'string',
  start: 'string',
  end: 'string',
  timezone: 'string',
  recurrence: 'string',
  enabledAutoRecordMeeting: 'boolean',
  allowAnyUserToBeCoHost: 'boolean',
  enabledJoinBeforeHost: 'boolean',
  enableConnectAudioBeforeHost: 'boolean',
  joinBeforeHostMinutes: JOIN_BEFORE_HOST_MINUTES,
  excludePassword: 'boolean',
  publicMeeting: 'boolean',
  reminderTime: 'number',
  unlockedMeetingJoinSecurity: UNLOCKED_MEETING_JOIN_SECURITY_VALUES,
  sessionTypeId: 'number',
  enabledWebcastView: 'boolean',
  panelistPassword: 'string',
  enableAutomaticLock: 'boolean',
  automaticLockMinutes: 'number',
  allowFirstUserToBeCoHost: 'boolean',
  allowAuthenticatedDevices: 'boolean',
  sendEmail: 'boolean',
  hostEmail: 'string',
  meetingOptions: meetingOptionsShape,
  attendeePrivileges: attendeePrivilegesShape,
  integrationTags: { array: 'string' },
  enabledBreakoutSessions: 'boolean',
  trackingCodes: { array: trackingCodeShape },
  enabledAudioWatermark: 'boolean',
  enabledVisualWatermark: 'boolean',
  visualWatermarkOpacity: 'number',
  audioConnectionOptions: audioConnectionOptionsShape,
  requireAttendeeLogin: 'boolean',
  restrictToInvitees: 'boolean',
  enabledLiveStream: 'boolean',
  liveStream: liveStreamShape,
};

export const joinMeetingBodyShape: Shape<JoinMeetingBody> = {
  meetingId: 'string',
  meetingNumber: 'string',
  webLink: 'string',
  joinDirectly: 'boolean',
  email: 'string',
  displayName: 'string',
  password: 'string',
  expirationMinutes: 'number',
  registrationId: 'string',
  hostEmail: 'string',
  createJoinLinkAsWebLink: 'boolean',
  createStartLinkAsWebLink: 'boolean',
};

export const joinMeetingResponseShape: Shape<JoinMeetingResponse> = {
  startLink: 'string',
  joinLink: 'string',
  expiration: 'string',
};

export const endMeetingBodyShape: Shape<EndMeetingBody> = {
  reason: 'string',
};

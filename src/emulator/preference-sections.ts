import { isPlainObject } from './meeting-rules.js';
import type { AudioPreferences, PersonalRoomPreferences, Person, VideoDevice } from './state.js';

/**
 * The personalMeetingRoom, audio and video sections of meeting preferences (docs/webex-contract.md §3): what a person
 * has set, their defaults, and the PUT bodies checked as the spec documents them. A PUT replaces the whole section
 * (every field the spec marks required must be sent).
 */

export const DEFAULT_AUDIO_TYPES = ['webexAudio', 'voipOnly', 'otherTeleconferenceService', 'none'] as const;
export const AUTO_LOCK_MINUTES = [0, 5, 10, 15, 20] as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function personalRoomOf(person: Person): PersonalRoomPreferences {
  return (
    person.preferences?.personalMeetingRoom ?? {
      topic: `${person.displayName}'s Personal Room`,
      hostPin: '4325',
      enabledAutoLock: false,
      autoLockMinutes: 10,
      enabledNotifyHost: true,
      supportCoHost: false,
      supportAnyoneAsCoHost: false,
      allowFirstUserToBeCoHost: false,
      allowAuthenticatedDevices: false,
      coHosts: [],
    }
  );
}

export function personalRoomView(person: Person, siteUrl: string | undefined): Record<string, unknown> {
  const site = siteUrl ?? 'example.webex.com';
  const room = personalRoomOf(person);
  const handle = person.uuid.slice(0, 8);
  return {
    topic: room.topic,
    hostPin: room.hostPin,
    personalMeetingRoomLink: `https://${site}/meet/${handle}`,
    enabledAutoLock: room.enabledAutoLock,
    autoLockMinutes: room.autoLockMinutes,
    enabledNotifyHost: room.enabledNotifyHost,
    supportCoHost: room.supportCoHost,
    supportAnyoneAsCoHost: room.supportAnyoneAsCoHost,
    allowFirstUserToBeCoHost: room.allowFirstUserToBeCoHost,
    allowAuthenticatedDevices: room.allowAuthenticatedDevices,
    ...(room.coHosts.length > 0 ? { coHosts: room.coHosts } : {}),
    sipAddress: `${handle}@${site}`,
    dialInIpAddress: '173.243.2.68',
    telephony: { accessCode: '1234567890', callInNumbers: [{ label: 'US Toll', callInNumber: '+1-415-655-0001', tollType: 'toll' }] },
  };
}

// G2G Service Apps see VoIP only (S11 asserts audio.defaultAudioType == "voipOnly").
export function audioOf(person: Person): AudioPreferences {
  return (
    person.preferences?.audio ?? {
      defaultAudioType: 'voipOnly',
      otherTeleconferenceDescription: '',
      enabledGlobalCallIn: false,
      enabledTollFree: false,
      enabledAutoConnection: false,
      audioPin: '',
      officeNumber: { countryCode: '1', number: '', enabledCallInAuthentication: false, enabledCallMe: false },
      mobileNumber: { countryCode: '1', number: '', enabledCallInAuthentication: false, enabledCallMe: false },
    }
  );
}

export function videoOf(person: Person): { videoDevices: VideoDevice[] } {
  return { videoDevices: person.preferences?.videoDevices ?? [] };
}

/** Host and audio PINs: digits, no run like 1234 or 4321, not one digit repeated (spec, hostPin and audioPin). */
export function isAcceptablePin(pin: string, length: number): boolean {
  if (pin.length !== length || !/^\d+$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  return !steps.every((s) => s === 0) && !steps.every((s) => s === 1) && !steps.every((s) => s === -1);
}

export function parsePersonalRoom(body: unknown): Parsed<PersonalRoomPreferences> {
  if (!isPlainObject(body)) return { ok: false, problems: ['The request body must be a JSON object'] };
  const problems: string[] = [];
  if (typeof body.topic !== 'string' || body.topic.trim() === '' || body.topic.length > 128) problems.push("'topic' is required: a non-empty string of at most 128 characters");
  if (typeof body.hostPin !== 'string' || !isAcceptablePin(body.hostPin, 4)) {
    problems.push("'hostPin' is required: 4 digits, not sequential (1234, 4321) and not one digit repeated (1111)");
  }
  for (const key of ['enabledAutoLock', 'enabledNotifyHost', 'supportCoHost'] as const) {
    if (typeof body[key] !== 'boolean') problems.push(`'${key}' is required and must be a boolean`);
  }
  for (const key of ['supportAnyoneAsCoHost', 'allowFirstUserToBeCoHost', 'allowAuthenticatedDevices'] as const) {
    if (body[key] !== undefined && typeof body[key] !== 'boolean') problems.push(`'${key}' must be a boolean`);
  }
  if (typeof body.autoLockMinutes !== 'number' || !(AUTO_LOCK_MINUTES as readonly number[]).includes(body.autoLockMinutes)) {
    problems.push(`'autoLockMinutes' is required and must be one of ${AUTO_LOCK_MINUTES.join(', ')}`);
  }
  const coHosts = body.coHosts;
  const validCoHosts =
    Array.isArray(coHosts) &&
    coHosts.every((c) => isPlainObject(c) && typeof c.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(c.email) && typeof c.displayName === 'string' && c.displayName !== '');
  if (!validCoHosts) problems.push("'coHosts' is required: an array of {email, displayName}");
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      topic: body.topic as string,
      hostPin: body.hostPin as string,
      enabledAutoLock: body.enabledAutoLock as boolean,
      autoLockMinutes: body.autoLockMinutes as number,
      enabledNotifyHost: body.enabledNotifyHost as boolean,
      supportCoHost: body.supportCoHost as boolean,
      supportAnyoneAsCoHost: body.supportAnyoneAsCoHost === true,
      allowFirstUserToBeCoHost: body.allowFirstUserToBeCoHost === true,
      allowAuthenticatedDevices: body.allowAuthenticatedDevices === true,
      coHosts: (coHosts as { email: string; displayName: string }[]).map((c) => ({ email: c.email, displayName: c.displayName })),
    },
  };
}

export function parseAudio(body: unknown): Parsed<AudioPreferences> {
  if (!isPlainObject(body)) return { ok: false, problems: ['The request body must be a JSON object'] };
  const problems: string[] = [];
  if (typeof body.defaultAudioType !== 'string' || !(DEFAULT_AUDIO_TYPES as readonly string[]).includes(body.defaultAudioType)) {
    problems.push(`'defaultAudioType' is required and must be one of ${DEFAULT_AUDIO_TYPES.join(', ')}`);
  }
  if (typeof body.otherTeleconferenceDescription !== 'string') problems.push("'otherTeleconferenceDescription' is required and must be a string");
  for (const key of ['enabledGlobalCallIn', 'enabledTollFree', 'enabledAutoConnection'] as const) {
    if (typeof body[key] !== 'boolean') problems.push(`'${key}' is required and must be a boolean`);
  }
  if (body.audioPin !== undefined && (typeof body.audioPin !== 'string' || (body.audioPin !== '' && !isAcceptablePin(body.audioPin, 4)))) {
    problems.push("'audioPin' must be exactly 4 digits, not sequential (1234, 4321) and not one digit repeated (1111)");
  }
  const phone = (key: 'officeNumber' | 'mobileNumber') => {
    const v = body[key];
    const ok =
      isPlainObject(v) &&
      typeof v.countryCode === 'string' &&
      typeof v.number === 'string' &&
      v.number.length <= 30 &&
      typeof v.enabledCallInAuthentication === 'boolean' &&
      typeof v.enabledCallMe === 'boolean';
    if (!ok) problems.push(`'${key}' is required: {countryCode, number (at most 30 characters), enabledCallInAuthentication, enabledCallMe}`);
    return v as AudioPreferences['officeNumber'];
  };
  const officeNumber = phone('officeNumber');
  const mobileNumber = phone('mobileNumber');
  if (problems.length > 0) return { ok: false, problems };
  const copy = (p: AudioPreferences['officeNumber']) => ({ countryCode: p.countryCode, number: p.number, enabledCallInAuthentication: p.enabledCallInAuthentication, enabledCallMe: p.enabledCallMe });
  return {
    ok: true,
    value: {
      defaultAudioType: body.defaultAudioType as AudioPreferences['defaultAudioType'],
      otherTeleconferenceDescription: body.otherTeleconferenceDescription as string,
      enabledGlobalCallIn: body.enabledGlobalCallIn as boolean,
      enabledTollFree: body.enabledTollFree as boolean,
      enabledAutoConnection: body.enabledAutoConnection as boolean,
      audioPin: typeof body.audioPin === 'string' ? body.audioPin : '',
      officeNumber: copy(officeNumber),
      mobileNumber: copy(mobileNumber),
    },
  };
}

export function parseVideo(body: unknown): Parsed<VideoDevice[]> {
  if (!isPlainObject(body)) return { ok: false, problems: ['The request body must be a JSON object'] };
  const devices = body.videoDevices;
  if (!Array.isArray(devices)) return { ok: false, problems: ["'videoDevices' is required: an array of {deviceName, deviceAddress, isDefault}"] };
  const problems: string[] = [];
  devices.forEach((d, i) => {
    if (!isPlainObject(d)) {
      problems.push(`'videoDevices[${i}]' must be an object`);
      return;
    }
    if (typeof d.deviceName !== 'string' || d.deviceName === '') problems.push(`'videoDevices[${i}].deviceName' is required and cannot be empty`);
    if (typeof d.deviceAddress !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(d.deviceAddress)) problems.push(`'videoDevices[${i}].deviceAddress' must be an e-mail-style address`);
    if (typeof d.isDefault !== 'boolean') problems.push(`'videoDevices[${i}].isDefault' is required and must be a boolean`);
  });
  if (problems.length === 0 && devices.length > 0 && devices.filter((d) => (d as { isDefault: boolean }).isDefault).length !== 1) {
    problems.push("exactly one of 'videoDevices' must have 'isDefault': true");
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: (devices as VideoDevice[]).map((d) => ({ deviceName: d.deviceName, deviceAddress: d.deviceAddress, isDefault: d.isDefault })) };
}

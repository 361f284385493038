/**
 * Time zones for meeting times: Webex answers in the `timezone` request header's zone (default UTC) with an
 * offset (`2019-11-01T20:00:00+08:00`), and reads local times without an offset in the meeting's `timezone`.
 */
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(zone: string): boolean {
  try {
    offsetFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

function offsetFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', year: 'numeric' });
    offsetFormatters.set(zone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC for `zone` at instant `ms`. */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT') return 0;
  const part = offsetFormatter(zone).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC, or with `+HH:MM` in another zone. */
export function formatInZone(ms: number, zone: string): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const offset = zoneOffsetMinutes(zone, whole);
  if (offset === 0) return new Date(whole).toISOString().replace('.000Z', 'Z');
  const local = new Date(whole + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO 8601 date-time; a time without offset is local to `zone`. Undefined when malformed. */
export function parseDateTime(text: string, zone: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', off] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const asUtc = Date.UTC(Number(y), month - 1, day, hour, minute, second, Math.floor(Number(`0.${frac}`) * 1000));
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== day) return undefined;
  if (off === 'Z') return asUtc;
  if (off !== undefined) {
    const om = /([+-])(\d{2}):?(\d{2})/.exec(off);
    if (!om) return undefined;
    const minutes = Number(om[2]) * 60 + Number(om[3]);
    return asUtc - (om[1] === '-' ? -minutes : minutes) * 60_000;
  }
  // Local time in `zone`: subtract the zone's offset at (about) that instant, then correct once across DST edges.
  const first = asUtc - zoneOffsetMinutes(zone, asUtc) * 60_000;
  return asUtc - zoneOffsetMinutes(zone, first) * 60_000;
}

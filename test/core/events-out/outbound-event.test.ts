import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTBOUND_EVENT_TYPES, outboundData } from '../../../src/core/events-out/outbound-event.js';

/** Fields an in-process event might carry (today or after a future change) that must never leave g2g. */
const LEAKY = {
  joinUrl: 'https://g2g.example/j/SECRETCODE',
  code: 'SECRETCODE',
  guestToken: 'GUESTTOKEN',
  accessToken: 'ACCESSTOKEN',
  webLink: 'https://site.webex.com/join/x',
  displayName: 'Pat Patient',
  reason: 'refresh refused: token abc',
  warnings: ['grant meeting:participants_read'],
};
const base = { visitId: 'v1', tenantId: 't1', orgId: 'o1', externalId: 'ext-1', at: 1_790_000_000_000 };

describe('outbound payloads', () => {
  it('carry only allow-listed ids, states and counts for every type, whatever else the event holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTBOUND_EVENT_TYPES), fc.dictionary(fc.string(), fc.string()), (type, extra) => {
        const payload = { ...extra, ...LEAKY, ...base, meetingId: 'm1', participantId: 'p1', role: 'guest', start: 's', end: 'e', by: 'api', siteUrl: 'site.webex.com', scopes: ['guest-meeting:rw'], inProgress: 1, starting: 0, licensed: 1 };
        const { data, at } = outboundData(type, payload as never);
        const text = JSON.stringify(data);
        const allowedKeys = ['visitId', 'tenantId', 'orgId', 'externalId', 'status', 'meetingId', 'start', 'end', 'by', 'participantId', 'role', 'inProgress', 'starting', 'licensed', 'siteUrl', 'scopes'];
        const allowedStates = ['scheduled', 'in_progress', 'ended', 'cancelled', 'missed', 'authorized', 'deauthorized', 'needs_reauth'];
        for (const value of [...Object.values(LEAKY).flat(), ...Object.values(extra).filter((v) => v.length > 3)]) {
          if (allowedKeys.includes(value) || allowedStates.includes(value)) continue;
          if (!['v1', 't1', 'o1', 'ext-1', 'm1', 'p1', 'guest', 'api', 's', 'e', 'site.webex.com', 'guest-meeting:rw'].includes(value)) expect(text).not.toContain(JSON.stringify(value));
        }
        expect(Object.keys(data).every((k) => allowedKeys.includes(k))).toBe(true);
        expect(at).toBe(base.at);
      }),
    );
  });

  it('names the state each event moves to', () => {
    expect(outboundData('visit.started', { ...base, meetingId: 'm1' }).data).toEqual({ ...withoutAt(base), status: 'in_progress', meetingId: 'm1' });
    expect(outboundData('visit.missed', base).data).toEqual({ ...withoutAt(base), status: 'missed' });
    expect(outboundData('participant.left', { ...base, participantId: 'p1', displayName: 'Pat', role: 'guest' }).data).toEqual({ ...withoutAt(base), participantId: 'p1', role: 'guest' });
    expect(outboundData('capacity.exhausted', { ...base, inProgress: 2, starting: 1, licensed: 3 }).data).toEqual({ ...withoutAt(base), inProgress: 2, starting: 1, licensed: 3 });
    expect(outboundData('org.needs_reauth', { orgId: 'o1', reason: 'invalid_grant' }).data).toEqual({ orgId: 'o1', status: 'needs_reauth' });
    expect(outboundData('org.deauthorized', { orgId: 'o1' })).toEqual({ data: { orgId: 'o1', status: 'deauthorized' }, at: undefined });
  });
});

function withoutAt(b: typeof base): Omit<typeof base, 'at'> {
  const { at: _at, ...rest } = b;
  return rest;
}

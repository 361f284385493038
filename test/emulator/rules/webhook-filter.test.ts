import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../src/emulator/faults.js';
import { matchesWebhookFilter, parseWebhookFilter, webhookHearsEvent } from '../../../src/emulator/webhook-filter.js';

describe('webhook filters', () => {
  it('parses k=v pairs with URL encoding and refuses unknown keys for known resources', () => {
    expect(parseWebhookFilter('siteUrl=a.webex.com&hostEmail=x%40y.com', 'meetings')).toEqual({ ok: true, pairs: [['siteUrl', 'a.webex.com'], ['hostEmail', 'x@y.com']] });
    expect(parseWebhookFilter('colour=red', 'meetings')).toMatchObject({ ok: false });
    expect(parseWebhookFilter('novalue', 'meetings')).toMatchObject({ ok: false });
    expect(parseWebhookFilter('anything=1', 'attachmentActions')).toMatchObject({ ok: true });
    expect(parseWebhookFilter('roomId=abc', 'messages')).toMatchObject({ ok: true });
  });

  it('a filter built from an event fields always matches that event', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('id', 'state', 'siteUrl', 'meetingType'), fc.string({ minLength: 1 })), (fields) => {
        const filter = Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const parsed = parseWebhookFilter(filter, 'meetings');
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(matchesWebhookFilter(parsed.pairs, fields)).toBe(true);
      }),
    );
  });

  it('list fields match when they contain the value; a missing field never matches', () => {
    expect(matchesWebhookFilter([['trainSiteNames', 'a.webex.com']], { trainSiteNames: ['b.webex.com', 'a.webex.com'] })).toBe(true);
    expect(matchesWebhookFilter([['hostEmail', 'A@X.com']], { hostEmail: 'a@x.com' })).toBe(true);
    expect(matchesWebhookFilter([['state', 'ended']], {})).toBe(false);
  });

  it('event "all" covers created, updated and deleted only', () => {
    expect(webhookHearsEvent({ resource: 'meetings', event: 'all' }, 'meetings', 'deleted')).toBe(true);
    expect(webhookHearsEvent({ resource: 'meetings', event: 'all' }, 'meetings', 'started')).toBe(false);
    expect(webhookHearsEvent({ resource: 'meetings', event: 'ended' }, 'meetingParticipants', 'ended')).toBe(false);
  });
});

describe('fault path globs', () => {
  it('* spans segments and everything else is literal', () => {
    expect(globToRegExp('/v1/meetings*').test('/v1/meetings/abc/end')).toBe(true);
    expect(globToRegExp('/v1/meetings/?').test('/v1/meetings/a')).toBe(true);
    expect(globToRegExp('/v1/a.b').test('/v1/aXb')).toBe(false);
  });
});

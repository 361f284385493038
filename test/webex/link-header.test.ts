import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNextLink, parseLinkHeader } from '../../src/webex/link-header.js';
import { backoffDelay, parseRetryAfter } from '../../src/webex/backoff.js';

describe('parseLinkHeader', () => {
  it('reads the Webex example', () => {
    const header = '<https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lzY29zcGFyazovL3VzL1BFT1BMRS83MTZlOWQxYy1jYTQ0LTRmZWQtOGZjYS05ZGY0YjRmNDE3ZjU>; rel="next"';
    expect(findNextLink(header)).toBe(
      'https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lzY29zcGFyazovL3VzL1BFT1BMRS83MTZlOWQxYy1jYTQ0LTRmZWQtOGZjYS05ZGY0YjRmNDE3ZjU',
    );
  });

  it('handles several links, unquoted and multi-valued rel, extra parameters and odd spacing', () => {
    const links = parseLinkHeader('<https://a/1>;rel=first , <https://a/3>; title="x, y"; rel="next last",<https://a/0>; rel="prev"');
    expect(links.map((l) => [l.url, l.rels])).toEqual([
      ['https://a/1', ['first']],
      ['https://a/3', ['next', 'last']],
      ['https://a/0', ['prev']],
    ]);
    expect(links[1]?.params.title).toBe('x, y');
    expect(findNextLink('<https://a/1>; rel="prev"')).toBeUndefined();
    expect(findNextLink(null)).toBeUndefined();
    expect(findNextLink('')).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(Array.isArray(parseLinkHeader(s))).toBe(true);
      }),
    );
  });

  it('gives back every generated link with its rels, whatever the URL and order', () => {
    const rel = fc.constantFrom('next', 'prev', 'first', 'last');
    const link = fc.record({
      // URLs with the characters that trip naive parsers: commas, semicolons, equals signs, quotes.
      url: fc
        .tuple(fc.constantFrom('https://webexapis.com/v1', 'http://127.0.0.1:8080/v1'), fc.stringMatching(/^[a-zA-Z0-9/=&,;%"._~-]{0,40}$/))
        .map(([base, rest]) => `${base}/meetings?${rest}`),
      rels: fc.uniqueArray(rel, { minLength: 1, maxLength: 3 }),
      quoted: fc.boolean(),
      title: fc.option(fc.string().map((s) => s.replace(/["\\]/g, '')), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 5 }), fc.constantFrom(',', ', ', ' , '), (links, sep) => {
        const header = links
          .map((l) => {
            const relValue = l.rels.join(' ');
            const relPart = l.quoted || l.rels.length > 1 ? `rel="${relValue}"` : `rel=${relValue}`;
            return `<${l.url}>; ${relPart}${l.title !== undefined ? `; title="${l.title}"` : ''}`;
          })
          .join(sep);
        const parsed = parseLinkHeader(header);
        expect(parsed.map((p) => p.url)).toEqual(links.map((l) => l.url));
        expect(parsed.map((p) => p.rels)).toEqual(links.map((l) => l.rels));
        expect(findNextLink(header)).toBe(links.find((l) => l.rels.includes('next'))?.url);
      }),
    );
  });
});

describe('backoff and Retry-After', () => {
  it('keeps every backoff delay within [0, min(cap, base * 2^attempt))', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, base, cap, r) => {
        const d = backoffDelay(attempt, base, cap, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.max(1, Math.min(cap, base * 2 ** attempt)));
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 10, 25, 9, 0, 0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

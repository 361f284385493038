/** One link of an RFC 8288 `Link` header. */
export interface WebLink {
  url: string;
  /** The `rel` values, lower-cased (`rel="next last"` gives both). */
  rels: string[];
  params: Record<string, string>;
}

/**
 * Parses `Link: <https://webexapis.com/v1/people?max=10&after=Y2lz>; rel="next", <...>; rel="prev"`.
 * URLs are kept exactly as given (Webex: "do not rebuild the URL"). Malformed parts are skipped, never thrown.
 */
export function parseLinkHeader(header: string | null | undefined): WebLink[] {
  if (!header) return [];
  const links: WebLink[] = [];
  let i = 0;
  const n = header.length;
  while (i < n) {
    const open = header.indexOf('<', i);
    if (open === -1) break;
    const close = header.indexOf('>', open + 1);
    if (close === -1) break;
    const url = header.slice(open + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    // Parameters run until a comma outside quotes.
    while (i < n) {
      while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
      if (header[i] === ',') {
        i++;
        break;
      }
      if (header[i] !== ';') {
        // Not a parameter: skip to the next link.
        const comma = header.indexOf(',', i);
        i = comma === -1 ? n : comma + 1;
        break;
      }
      i++;
      while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
      let name = '';
      while (i < n && /[^=;,\s]/.test(header[i] ?? '')) name += header[i++];
      while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
      let value = '';
      if (header[i] === '=') {
        i++;
        while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
        if (header[i] === '"') {
          i++;
          while (i < n && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < n) i++;
            value += header[i++];
          }
          i++;
        } else {
          while (i < n && /[^;,\s]/.test(header[i] ?? '')) value += header[i++];
        }
      }
      if (name !== '') params[name.toLowerCase()] ??= value;
    }
    const rels = (params.rel ?? '').toLowerCase().split(/\s+/).filter((r) => r !== '');
    links.push({ url, rels, params });
  }
  return links;
}

/** The `rel="next"` URL of a `Link` header, if any. */
export function findNextLink(header: string | null | undefined): string | undefined {
  return parseLinkHeader(header).find((l) => l.rels.includes('next'))?.url;
}

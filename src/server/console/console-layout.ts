import { html, type SafeHtml } from '../html.js';

export const CONSOLE_SECTIONS = [
  { path: '/console', label: 'Overview' },
  { path: '/console/orgs', label: 'Orgs' },
  { path: '/console/visits', label: 'Visits' },
  { path: '/console/capacity', label: 'Capacity' },
  { path: '/console/events', label: 'Events' },
  { path: '/console/keys', label: 'API keys' },
  { path: '/console/usage', label: 'Usage' },
] as const;

export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]['path'];

/** Served as /console/assets/console.css: the CSP allows style sheets from 'self' only. */
export const CONSOLE_CSS = `
:root{--accent:#1a5fb4;--ink:#1d1d1f;--muted:#5c5c66;--line:#d5d5dc;--bad:#a4161a;--ok:#1b6e2a;--warn:#8a5a00;--bg:#fafafc}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:2}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
header.top .name{font-weight:700;margin-right:auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
nav a{text-decoration:none;padding:.25rem 0;display:inline-block}
nav a[aria-current=page]{font-weight:700;border-bottom:3px solid var(--accent)}
main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}
.card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;min-width:0}
.card .big{font-size:1.6rem;font-weight:700}
.table-wrap{overflow-wrap:normal;overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:.5rem;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}
tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;white-space:nowrap}
th{white-space:nowrap}
.status{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.85rem;border:1px solid currentColor;white-space:nowrap}
.status.good{color:var(--ok)}.status.bad{color:var(--bad)}.status.warn{color:var(--warn)}.status.info{color:var(--muted)}
.notice{padding:.6rem .9rem;border-radius:.4rem;background:#eef4ff;border:1px solid #b7cdf3;margin:0 0 1rem}
.notice.error{background:#fdeeee;border-color:#e3b1b1}
.secret{font-family:ui-monospace,monospace;word-break:break-all;background:#fff;border:1px dashed var(--muted);padding:.5rem;display:block}
form.inline{display:inline}
form.grid{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:end;background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem;color:var(--muted)}
input,select{font:inherit;padding:.35rem .45rem;border:1px solid #8c8c96;border-radius:.3rem;min-width:0;width:100%;color:var(--ink);background:#fff}
button{font:inherit;padding:.35rem .8rem;border-radius:.3rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
button.danger{background:var(--bad);border-color:var(--bad)}
.muted{color:var(--muted)}.mono{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
ol.timeline{padding-left:1.2rem}ol.timeline li{margin:.2rem 0}
.chart{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.5rem;overflow:hidden;max-width:100%}
.actions{display:flex;flex-wrap:wrap;gap:.4rem}
`;

export interface PageInput {
  title: string;
  section: ConsoleSection | null;
  body: SafeHtml;
  /** The session's CSRF token, for the sign-out form; absent on the sign-in page. */
  csrf?: string;
  notice?: { text: string; kind?: 'info' | 'error' } | undefined;
  /** Page scripts served from /console/assets (CSP allows only 'self'). */
  scripts?: string[];
  styles?: string[];
}

/** The console's one page shell: skip link, header with navigation, the notice, the page body. */
export function consolePage(p: PageInput): string {
  const nav =
    p.csrf === undefined
      ? html``
      : html`<nav aria-label="Console sections"><ul>${CONSOLE_SECTIONS.map(
          (s) => html`<li><a href="${s.path}"${p.section === s.path ? html` aria-current="page"` : html``}>${s.label}</a></li>`,
        )}</ul></nav>
        <form class="inline" method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${p.csrf}"><button class="secondary" type="submit">Sign out</button></form>`;
  const notice = p.notice === undefined ? html`` : html`<p class="notice${p.notice.kind === 'error' ? ' error' : ''}" role="status">${p.notice.text}</p>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${p.title} · g2g console</title>
<link rel="stylesheet" href="/console/assets/console.css">
${(p.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="name">g2g console</span>${nav}</header>
<main id="main" tabindex="-1"><h1>${p.title}</h1>${notice}${p.body}</main>
${(p.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body></html>
`.value;
}

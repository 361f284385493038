import { escapeHtml } from './escape-html.js';

/** Accent of the page: tells at a glance whether the person is in, waiting, or refused. */
export type PageTone = 'neutral' | 'ok' | 'wait' | 'error';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1d2330}
header{background:#0b1f33;color:#fff;padding:.75rem 1.5rem;font-weight:600;letter-spacing:.02em}
header small{font-weight:400;opacity:.7;margin-left:.5rem}
main{max-width:36rem;margin:2.5rem auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2rem;border-top:6px solid #8a94a6}
main.ok{border-top-color:#1f9d55}main.wait{border-top-color:#d69e2e}main.error{border-top-color:#d64545}
h1{font-size:1.5rem;margin:0 0 .25rem}
.meta{color:#5a6478;margin:0 0 1.25rem}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:999px;background:#e6ecf5;color:#0b1f33;font-size:.85rem;font-weight:600}
.badge.host{background:#0b1f33;color:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1.25rem}
dt{color:#5a6478}dd{margin:0}
ul.people{list-style:none;padding:0;margin:0 0 1.25rem}
ul.people li{padding:.4rem 0;border-bottom:1px solid #eef1f5}
label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text]{width:100%;padding:.6rem .75rem;border:1px solid #c5ccd8;border-radius:8px;font:inherit;margin-bottom:1rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}
.actions form{margin:0}
button{font:inherit;font-weight:600;padding:.65rem 1.6rem;border-radius:8px;border:0;cursor:pointer;background:#1f6feb;color:#fff}
button.leave{background:#5a6478}button.end{background:#d64545}button.admit{padding:.2rem .8rem;font-size:.85rem;margin-left:.5rem;background:#1f9d55}
p.note{color:#5a6478;font-size:.9rem}
a{color:#1f6feb}
`;

/**
 * Wraps a page body in the shared shell. Every value in `title` is escaped here; `bodyHtml` must
 * already be safe (built by the views with escapeHtml).
 */
export function renderLayout(page: { title: string; tone: PageTone; bodyHtml: string; refreshSeconds?: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
${page.refreshSeconds === undefined ? '' : `<meta http-equiv="refresh" content="${Math.max(1, Math.round(page.refreshSeconds))}">\n`}<title>${escapeHtml(page.title)} · Webex emulator</title>
<style>${STYLE}</style>
</head>
<body>
<header>Webex <small>local emulator: guest-to-guest meeting</small></header>
<main class="${page.tone}">
${page.bodyHtml}
</main>
</body>
</html>
`;
}

import { html, type SafeHtml } from '../html.js';

const GOOD = new Set(['ready', 'ended', 'delivered', 'active', 'in_progress']);
const BAD = new Set(['refused', 'deauthorized', 'needs_reauth', 'dead', 'revoked', 'cancelled', 'missed', 'expired']);
const WARN = new Set(['pending', 'failed', 'scheduled', 'delivering']);

/** A status as a badge: colour for the eye, the word itself for everyone (never colour alone). */
export function statusBadge(status: string): SafeHtml {
  const kind = GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : WARN.has(status) ? 'warn' : 'info';
  return html`<span class="status ${kind}">${status.replace(/_/g, ' ')}</span>`;
}

/** `2026-12-02 14:05 UTC`: short, unambiguous, the same on every operator's screen. */
export function when(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A table that scrolls inside its own box on a narrow screen (the page itself never scrolls sideways). */
export function table(caption: string, head: readonly (string | { text: string; num: true })[], rows: SafeHtml[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table><caption class="skip">${caption}</caption><thead><tr>${head.map((h) =>
    typeof h === 'string' ? html`<th scope="col">${h}</th>` : html`<th scope="col" class="num">${h.text}</th>`,
  )}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The hidden CSRF field every console form carries. */
export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

/** Start of the UTC day holding `now`. */
export function startOfUtcDay(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

import type { JoinPageReason } from '../core/broker/open-join-link.js';
import type { TenantBrand } from '../core/tenants/brand.js';
import { GUEST_PAGE_LABELS, GUEST_PAGE_TEXTS } from './guest-page-texts.js';
import { escapeHtml } from './html.js';

const DEFAULT_ACCENT = '#1a5fb4';

/** The HTML of a guest-facing page: the tenant's name, logo and colour, the message in the tenant's language. */
export function renderGuestPage(reason: JoinPageReason, brand: TenantBrand, title: string | undefined, refreshSeconds: number | undefined): string {
  const { heading, text } = GUEST_PAGE_TEXTS[brand.language][reason];
  const labels = GUEST_PAGE_LABELS[brand.language];
  // Validated on the way in; checked again because it lands inside a style sheet.
  const accent = brand.accentColor !== null && /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  const name = brand.displayName ?? undefined;
  const logo = brand.logoUrl === null ? '' : `<img class="logo" src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(labels.logo(name ?? ''))}" height="48">`;
  const header = logo === '' && name === undefined ? '' : `<header>${logo}${name === undefined ? '' : `<p class="brand">${escapeHtml(name)}</p>`}</header>`;
  const meeting = title === undefined ? '' : `<p class="meeting"><span class="label">${escapeHtml(labels.meeting)}:</span> ${escapeHtml(title)}</p>`;
  const refresh = refreshSeconds === undefined ? '' : `<meta http-equiv="refresh" content="${Math.max(1, Math.round(refreshSeconds))}">`;
  const pageTitle = name === undefined ? heading : `${heading} · ${name}`;
  return `<!doctype html>
<html lang="${brand.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${escapeHtml(pageTitle)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}header{display:flex;align-items:center;gap:.75rem;margin-bottom:1.5rem}.logo{max-width:10rem;object-fit:contain}.brand{font-weight:600;margin:0}h1{font-size:1.4rem;border-left:.3rem solid ${accent};padding-left:.6rem}.meeting{color:#444}</style>
</head><body>${header}<main><h1>${escapeHtml(heading)}</h1>${meeting}<p>${escapeHtml(text)}</p></main></body></html>
`;
}

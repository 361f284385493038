import { z } from 'zod';

/** Languages the guest-facing pages are written in. */
export const GUEST_LANGUAGES = ['en', 'es'] as const;
export type GuestLanguage = (typeof GUEST_LANGUAGES)[number];

/** How a tenant's guests see g2g's own pages (link waiting, revoked, cancelled, ended): its name, logo, colour, language. */
export interface TenantBrand {
  /** Shown above the page's message, e.g. "Northside Clinic"; null shows no name. */
  displayName: string | null;
  /** An https image URL; null shows no logo. */
  logoUrl: string | null;
  /** `#rrggbb`; null keeps g2g's own. */
  accentColor: string | null;
  language: GuestLanguage;
}

export const DEFAULT_BRAND: TenantBrand = { displayName: null, logoUrl: null, accentColor: null, language: 'en' };

const httpsUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((v) => {
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

/** What an operator may set; every field optional (a partial update keeps the rest), null clears one. */
export const brandInputSchema = z.strictObject({
  displayName: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').nullable().optional(),
  logoUrl: httpsUrl.nullable().optional(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a73e8').nullable().optional(),
  language: z.enum(GUEST_LANGUAGES, { message: `must be one of ${GUEST_LANGUAGES.join(', ')}` }).optional(),
});
export type BrandInput = z.infer<typeof brandInputSchema>;

/** The stored brand with `input` applied over it. */
export function applyBrandInput(current: TenantBrand, input: BrandInput): TenantBrand {
  return {
    displayName: input.displayName === undefined ? current.displayName : input.displayName,
    logoUrl: input.logoUrl === undefined ? current.logoUrl : input.logoUrl,
    accentColor: input.accentColor === undefined ? current.accentColor : (input.accentColor?.toLowerCase() ?? null),
    language: input.language ?? current.language,
  };
}

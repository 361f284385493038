import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/** Flags for a quiet, offline headless Chromium: no network beyond loopback, no background services. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * Whether this run has Chromium (looked up once, in browser-global-setup.ts). Browser suites use
 * `describe.skipIf(!hasChromium())`, so a machine without it skips them and says so once, not per test.
 */
export function hasChromium(): boolean {
  return inject('g2gChromiumPath') !== '';
}

/** Launches the Chromium the run found (Debian's package on CI) with playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = inject('g2gChromiumPath');
  if (executablePath === '') throw new Error('no Chromium in this run: guard the suite with describe.skipIf(!hasChromium())');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: 20_000 });
}

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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

export function chromiumPath(): string {
  return process.env['G2G_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/**
 * Launches the system Chromium (Debian's package; CI installs it) with playwright-core. Fails with a
 * clear message instead of a timeout when the binary is missing.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install chromium) or set G2G_CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: 20_000 });
}

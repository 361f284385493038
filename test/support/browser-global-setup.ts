/**
 * Vitest globalSetup: looks for Chromium once per run. Missing, the browser suites are skipped with one line
 * saying how to run them, or, with G2G_REQUIRE_BROWSER=1 (CI), the run fails before any test starts.
 * Workers read the result with `inject('g2gChromiumPath')` (empty: none).
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium executable the browser suites launch; '' when there is none. */
    g2gChromiumPath: string;
  }
}

/** Where to look for Chromium: G2G_CHROMIUM_PATH, else Debian's package. */
function chromiumPath(env: NodeJS.ProcessEnv): string {
  const fromEnv = env['G2G_CHROMIUM_PATH'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : '/usr/bin/chromium';
}

export default function setup(project: TestProject): void {
  const executable = chromiumPath(process.env);
  const found = existsSync(executable);
  if (!found && process.env['G2G_REQUIRE_BROWSER'] === '1') {
    throw new Error(`Chromium not found at ${executable} and G2G_REQUIRE_BROWSER=1: install it (apt-get install chromium) or set G2G_CHROMIUM_PATH`);
  }
  if (!found) {
    console.warn(`Browser tests skipped: no Chromium at ${executable}. To run them, install it (apt-get install chromium) or set G2G_CHROMIUM_PATH.`);
  }
  project.provide('g2gChromiumPath', found ? executable : '');
}

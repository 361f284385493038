/**
 * Vitest globalSetup: one PostgreSQL for the whole run, so the PostgreSQL half of every store suite always runs.
 * G2G_TEST_DATABASE_URL (CI points it at the machine's server) wins; without it a throwaway embedded server is
 * started here, once, and stopped at teardown. Workers read the URL with `inject('g2gPostgresUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the PostgreSQL the tests use; each file makes its own schemas in it. */
    g2gPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env['G2G_TEST_DATABASE_URL'];
  if (fromEnv !== undefined && fromEnv !== '') {
    project.provide('g2gPostgresUrl', fromEnv);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  console.log(`PostgreSQL tests use an embedded ${server.version} on ${new URL(server.url).host} (set G2G_TEST_DATABASE_URL to use another)`);
  project.provide('g2gPostgresUrl', server.url);
  return () => server.stop();
}

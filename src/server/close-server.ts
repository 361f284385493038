import type { FastifyInstance } from 'fastify';

/** How long requests in flight at shutdown may take before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Closes the server gracefully and promptly: requests in flight finish, and each keep-alive connection closes as soon
 * as it goes idle. `server.close()` closes only the connections idle at the moment it is called; a keep-alive
 * connection of the emulator's webhook deliveries, busy at that moment, was seen to stay open past 30 s (Fastify keeps
 * idle connections 72 s), holding the shutdown and the test suite's hooks. Whatever is still open after `graceMs`
 * is cut.
 */
export async function closeServer(app: FastifyInstance, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

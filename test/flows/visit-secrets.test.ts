import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { createLogger } from '../../src/logger.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

describe.each(testDatabases().slice(0, 1))('secrets stay out of logs and the database ($name)', (database) => {
  let stack: Stack;
  const lines: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    stack = await startStack(database, { log: createLogger({ level: 'debug', destination }) });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('never writes a join code, a Webex join or start link, a token or the API key, at debug level', async () => {
    const visit = (
      await stack.api('POST', '/api/v1/visits', {
        body: { title: 'Secret', participants: [{ displayName: 'Dr. Ada', role: 'host' }, { displayName: 'Pat' }] },
      })
    ).json as VisitView;
    const codes = visit.participants.map((p) => new URL(p.joinUrl ?? '').pathname.slice(3));
    const webexLinks: string[] = [];
    for (const p of visit.participants) {
      const res = await stack.api('GET', new URL(p.joinUrl ?? '').pathname, { key: null });
      expect(res.status).toBe(302);
      webexLinks.push(String(res.headers.location));
    }
    await stack.api('GET', '/j/not-a-code-but-still-masked', { key: null });
    const opened = await stack.control.openLink({ url: webexLinks[0] ?? '' }); // the host starts it
    expect(opened.ok).toBe(true);
    await stack.settle();

    const log = lines.join('');
    expect(log).toContain('visit scheduled');
    expect(log).toContain('join link opened');
    const secrets = [
      ...codes,
      ...webexLinks,
      ...webexLinks.map((l) => new URL(l).searchParams.toString()).filter((q) => q !== ''),
      stack.apiKey,
      stack.emulator.seed.serviceApp.accessToken,
      stack.emulator.seed.serviceApp.clientSecret,
      stack.emulator.seed.tokenManager.accessToken,
      'not-a-code-but-still-masked',
    ];
    for (const secret of secrets) expect(log.includes(secret), `log holds a secret: ${secret.slice(0, 12)}…`).toBe(false);

    const stored = JSON.stringify([
      await stack.db.selectFrom('visits').selectAll().execute(),
      await stack.db.selectFrom('visit_participants').selectAll().execute(),
      await stack.db.selectFrom('visit_links').selectAll().execute(),
    ]);
    for (const secret of [...codes, ...webexLinks]) expect(stored.includes(secret)).toBe(false);
  });
});

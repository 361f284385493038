import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { runKillRestart } from './kill-restart.js';

/** The short kill -9 proof that runs in `npm test`; the 300-visit version is bench/chaos (docs/operations.md §Under faults). */
describe.each(testDatabases())('a g2g process killed with SIGKILL mid-load on $name', (database) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'g2g-kill-test-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged visit intact, delivers its event, and settles the creates the kill cut off', async () => {
    const visits = 60;
    const result = await runKillRestart({ database: database.name, databaseUrl: await database.freshUrl(), dataDir, visits, concurrency: 6 });
    // The kill came mid-load (else the proof proves nothing), and the restarted instance took the rest.
    expect(result.killedAfter).toBeGreaterThanOrEqual(visits / 3);
    expect(result.killedAfter).toBeLessThan(visits);
    expect(result.acknowledged).toBeGreaterThan(result.killedAfter);
    expect({
      acknowledgedAfterSweep: result.acknowledgedAfterSweep,
      intact: result.intact,
      missingVisits: result.missingVisits,
      missingEvents: result.missingEvents,
      duplicate: result.duplicate,
      orphanMeetings: result.orphanMeetings,
      reservationsAfterSweep: result.reservationsAfterSweep,
    }).toEqual({ acknowledgedAfterSweep: visits, intact: visits, missingVisits: 0, missingEvents: 0, duplicate: 0, orphanMeetings: 0, reservationsAfterSweep: 0 });
  }, 120_000);
});

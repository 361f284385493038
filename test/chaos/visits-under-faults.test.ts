import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { runChaos } from './visits-under-faults.js';

/** The short chaos proof that runs in `npm test`; the 1,000-visit version is bench/chaos (docs/operations.md §Under faults). */
describe.each(testDatabases())('visits under Webex faults on $name', (database) => {
  it('loses, duplicates and orphans nothing: 40 visits, 20% of Webex calls failing, some after Webex acted', async () => {
    const result = await runChaos({ database, visits: 40, concurrency: 4, faultShare: 0.2 });
    expect(result.acknowledged).toBe(40);
    expect({ lost: result.lost, duplicate: result.duplicate, orphanMeetings: result.orphanMeetings, reservationsLeft: result.reservationsLeft }).toEqual({
      lost: 0,
      duplicate: 0,
      orphanMeetings: 0,
      reservationsLeft: 0,
    });
    // The faults did happen (else the proof proves nothing).
    expect(Object.values(result.faultsInjected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 60_000);
});

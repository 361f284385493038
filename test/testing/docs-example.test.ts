import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startG2GTestKit, type G2GTestKit } from 'g2g/testing';

let kit: G2GTestKit;
beforeAll(async () => {
  kit = await startG2GTestKit();
});
afterAll(async () => {
  await kit?.close();
});

describe('our clinic app on g2g', () => {
  it('a patient joins a hostless visit: it starts, and our handler hears it', async () => {
    const started: string[] = [];
    kit.g2g.on('visit.started', ({ visitId }) => void started.push(visitId));
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Consultation', participants: [{ displayName: 'Pat' }] });

    const joined = await kit.join(visit.participants[0]?.joinUrl ?? '', 'Pat');
    expect(joined).toMatchObject({ ok: true, state: 'joined' });
    await kit.settle();
    expect(started).toEqual([visit.id]);
    expect((await kit.g2g.visits.get(kit.tenant, visit.id)).status).toBe('in_progress');
  });

  it('still schedules one meeting when Webex makes it but the answer is lost', async () => {
    await kit.injectFault({ method: 'POST', path: '/v1/meetings', when: 'after', status: 504, count: 1 });
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Flaky network', participants: [{ displayName: 'Sam' }] });
    expect(visit.status).toBe('scheduled');
    const posts = await kit.journal({ method: 'POST', path: '/v1/meetings' });
    expect(posts.at(-1)).toMatchObject({ status: 200, lost: 504 });
  });

  it('a visit nobody joins is missed once its time has passed', async () => {
    const start = new Date(Date.now() + 60 * 60_000).toISOString();
    const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'No-show', start, participants: [{ displayName: 'Lee' }] });
    await kit.advanceClock(2 * 60 * 60_000);
    await kit.g2g.sweep();
    expect((await kit.g2g.visits.get(kit.tenant, visit.id)).status).toBe('missed');
  });
});

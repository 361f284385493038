import { describe, expect, it } from 'vitest';
import { createTypedEmitter, type HandlerFailure } from '../../src/core/typed-emitter.js';
import { captureLogs } from '../server/orgs-stack.js';

interface TestEvents {
  'visit.started': { visitId: string };
  'org.authorized': { orgId: string };
  error: HandlerFailure;
}

describe('createTypedEmitter (the one emitter behind g2g.on)', () => {
  it('runs handlers after the emitting code, not inside it', async () => {
    const emitter = createTypedEmitter<TestEvents>({ log: captureLogs().log });
    const seen: string[] = [];
    emitter.on('visit.started', ({ visitId }) => void seen.push(visitId));
    emitter.emit('visit.started', { visitId: 'v1' });
    expect(seen).toEqual([]);
    await emitter.idle();
    expect(seen).toEqual(['v1']);
  });

  it('gives every failing handler, sync or async, of any event the same policy: logged, counted, reported on error', async () => {
    const logs = captureLogs();
    const failed: string[] = [];
    const emitter = createTypedEmitter<TestEvents>({ log: logs.log, onHandlerFailed: (event) => failed.push(event) });
    const reported: { event: string; message: string }[] = [];
    emitter.on('error', ({ event, error }) => void reported.push({ event, message: (error as Error).message }));
    emitter.on('visit.started', () => {
      throw new Error('sync handler broke');
    });
    emitter.on('org.authorized', () => Promise.reject(new Error('async handler broke')));
    const after: string[] = [];
    emitter.on('org.authorized', ({ orgId }) => void after.push(orgId));

    emitter.emit('visit.started', { visitId: 'v1' });
    emitter.emit('org.authorized', { orgId: 'o1' });
    await emitter.idle();

    expect(failed.sort()).toEqual(['org.authorized', 'visit.started']);
    expect(reported.sort((a, b) => a.event.localeCompare(b.event))).toEqual([
      { event: 'org.authorized', message: 'async handler broke' },
      { event: 'visit.started', message: 'sync handler broke' },
    ]);
    expect(after).toEqual(['o1']); // one failing handler does not keep the others from running
    expect(logs.text()).toContain('event handler failed');
  });

  it('counts a failing error handler without reporting it on error again (no loop)', async () => {
    const failed: string[] = [];
    const emitter = createTypedEmitter<TestEvents>({ log: captureLogs().log, onHandlerFailed: (event) => failed.push(event) });
    let calls = 0;
    emitter.on('error', () => {
      calls += 1;
      throw new Error('error handler broke');
    });
    emitter.on('visit.started', () => {
      throw new Error('first');
    });
    emitter.emit('visit.started', { visitId: 'v1' });
    await emitter.idle();
    expect(calls).toBe(1);
    expect(failed).toEqual(['visit.started', 'error']);
  });

  it('stops calling a handler once unsubscribed', async () => {
    const emitter = createTypedEmitter<TestEvents>({ log: captureLogs().log });
    const seen: string[] = [];
    const off = emitter.on('visit.started', ({ visitId }) => void seen.push(visitId));
    emitter.emit('visit.started', { visitId: 'v1' });
    await emitter.idle();
    off();
    emitter.emit('visit.started', { visitId: 'v2' });
    await emitter.idle();
    expect(seen).toEqual(['v1']);
  });
});

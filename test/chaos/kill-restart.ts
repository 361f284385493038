/**
 * The kill -9 proof (docs/operations.md §Under faults): a g2g instance in a child process (g2g-instance.ts) takes a
 * load of visit creates, each with its own Idempotency-Key; once a third are acknowledged it is killed with SIGKILL
 * and started again on the same database, and the load goes on. The run then counts, in g2g's database and in the
 * emulator's state, every acknowledged visit that is not intact (visit scheduled, 2 seats, 2 links, exactly one Webex
 * meeting) and every acknowledged visit whose `visit.scheduled` event never reached the receiver.
 * The creates in flight at the kill leave reservations that answer 409 until a retry two minutes on, or the sweep ten
 * minutes on, settles them: the last phase restarts the instance with its clock past both, lets the sweep clear them
 * and retries their keys, so every visit ends acknowledged with no orphan meeting left in Webex.
 * Used by test/chaos (short) and bench/chaos (long). No vitest here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { STALE_RESERVATION_MS } from '../../src/core/visits/sweep-reservations.js';
import { startEmulator } from '../../src/emulator/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import { freePort } from '../support/free-port.js';

export interface KillRestartOptions {
  /** For the report only. */
  database: string;
  /** An empty database (SQLite file or PostgreSQL schema); every instance of the run uses it. */
  databaseUrl: string;
  dataDir: string;
  visits: number;
  concurrency: number;
  /** How long to wait for the org to be ready, events to arrive and reservations to be swept (default 60 s each). */
  patienceMs?: number;
}

export interface KillRestartResult {
  database: string;
  visits: number;
  /** How many visits were acknowledged when the kill came. */
  killedAfter: number;
  restartMs: number;
  /** Requests whose connection died with the instance (retried in the second pass). */
  failedWhileDown: number;
  /** Visits answered 201 (or 200, a replay) by the end of the second pass, before any sweep. */
  acknowledged: number;
  /** Status -> count of the second pass's other answers (409: a create in flight at the kill, not settled yet). */
  unacknowledged: Record<string, number>;
  /** `creating` rows after the second pass: the creates in flight when the process died. */
  reservationsLeft: number;
  /** Webex meetings those reservations had made before the kill (the sweep deletes them with the reservation). */
  meetingsOfReservations: number;
  /** Visits acknowledged at the very end, after the sweep and the retries of the unsettled keys. */
  acknowledgedAfterSweep: number;
  /** The rest is counted at the very end, over every acknowledged visit. */
  intact: number;
  missingVisits: number;
  missingEvents: number;
  /** Visits with more than one Webex meeting, or Idempotency-Keys with more than one visit. */
  duplicate: number;
  /** Webex meetings tagged with a visit id that is not a scheduled visit. */
  orphanMeetings: number;
  /** `creating` rows at the very end. */
  reservationsAfterSweep: number;
}

interface Instance {
  child: ChildProcess;
  apiKey: string;
}

interface Census {
  intact: number;
  duplicate: number;
  reservations: Set<string>;
  meetingsOfReservations: number;
  orphanMeetings: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runKillRestart(options: KillRestartOptions): Promise<KillRestartResult> {
  const patienceMs = options.patienceMs ?? 60_000;
  const scheduledEvents = new Set<string>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { visitId?: string } };
      if (body.type === 'visit.scheduled' && body.data.visitId !== undefined) scheduledEvents.add(body.data.visitId);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', pagesTls: false, logLevel: 'silent', webhookRetryDelaysMs: [50, 200, 1000] });
  const seed = emulator.seed;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const setup = {
    port,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    key: randomBytes(32).toString('base64'),
    webhookSecret: 'chaos-webhook-secret-0123456789',
    webex: { baseUrl: seed.baseUrl, applicationId: seed.serviceApp.applicationId, clientId: seed.serviceApp.clientId, clientSecret: seed.serviceApp.clientSecret, tokenManagerToken: seed.tokenManager.accessToken },
    eventsUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`,
    eventsSecret: 'chaos-events-secret-0123456789',
    orgId: seed.orgId,
  };

  const startInstance = (extra: { clockOffsetMs?: number; sweepIntervalMs?: number } = {}): Promise<Instance> => {
    const env = { ...process.env, G2G_CHAOS: JSON.stringify({ ...setup, ...extra }) };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'g2g-instance.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const m = /ready (\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve({ child, apiKey: m[1] });
      });
      child.on('exit', (code, signal) => reject(new Error(`instance exited (${String(code ?? signal)}) before it was ready`)));
    });
  };

  const census = async (acknowledged: Iterable<string>): Promise<Census> => {
    const state = (await (await fetch(`${seed.controlUrl}/state`)).json()) as { meetings: { integrationTags: string[] }[] };
    const meetingsByVisit = new Map<string, number>();
    for (const m of state.meetings) {
      const tag = m.integrationTags.find((t) => t.startsWith('vis_'));
      if (tag !== undefined) meetingsByVisit.set(tag, (meetingsByVisit.get(tag) ?? 0) + 1);
    }
    const db = await openDatabase(options.databaseUrl, { migrate: false });
    try {
      const rows = await db.selectFrom('visits').select(['id', 'status', 'idempotency_key']).execute();
      const scheduled = new Set(rows.filter((r) => r.status === 'scheduled').map((r) => r.id));
      let intact = 0;
      for (const visitId of acknowledged) {
        const seats = await db.selectFrom('visit_participants').select('id').where('visit_id', '=', visitId).execute();
        const links = await db.selectFrom('visit_links').select('code_hash').where('visit_id', '=', visitId).execute();
        if (scheduled.has(visitId) && seats.length === 2 && links.length === 2 && meetingsByVisit.get(visitId) === 1) intact += 1;
      }
      const reservations = new Set(rows.filter((r) => r.status === 'creating').map((r) => r.id));
      const perKey = new Map<string, number>();
      for (const r of rows) if (r.status !== 'creating' && r.idempotency_key !== null) perKey.set(r.idempotency_key, (perKey.get(r.idempotency_key) ?? 0) + 1);
      const tagged = [...meetingsByVisit.keys()];
      return {
        intact,
        duplicate: [...meetingsByVisit.values()].filter((n) => n > 1).length + [...perKey.values()].filter((n) => n > 1).length,
        reservations,
        meetingsOfReservations: tagged.filter((v) => reservations.has(v)).length,
        orphanMeetings: tagged.filter((v) => !scheduled.has(v)).length,
      };
    } finally {
      await db.destroy();
    }
  };

  let instance = await startInstance();
  try {
    await fetch(`${seed.controlUrl}/service-apps/${encodeURIComponent(seed.serviceApp.applicationId)}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: seed.orgId }),
    });
    await waitFor(patienceMs, 'the org to be ready', async () => {
      const res = await fetch(`${base}/api/v1/orgs/${encodeURIComponent(seed.orgId)}`, { headers: { authorization: `Bearer ${instance.apiKey}` } });
      return res.ok && ((await res.json()) as { status?: string }).status === 'ready';
    });

    const acknowledged = new Map<number, string>();
    let answers: Record<string, number> = {};
    let failedWhileDown = 0;
    let killedAfter = -1;
    let restartMs = 0;
    const attempt = async (i: number): Promise<void> => {
      try {
        const res = await fetch(`${base}/api/v1/visits`, {
          method: 'POST',
          headers: { authorization: `Bearer ${instance.apiKey}`, 'content-type': 'application/json', 'idempotency-key': `kill-${i}` },
          body: JSON.stringify({ title: `Kill ${i}`, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] }),
        });
        const json = (await res.json()) as { id?: string };
        if ((res.status === 201 || res.status === 200) && json.id !== undefined) acknowledged.set(i, json.id);
        else answers[res.status] = (answers[res.status] ?? 0) + 1;
      } catch {
        failedWhileDown += 1; // the connection died with the instance (or it was not up yet)
      }
      if (killedAfter < 0 && acknowledged.size >= options.visits / 3) {
        killedAfter = acknowledged.size;
        const dying = instance.child;
        dying.kill('SIGKILL');
        await exited(dying); // the port is free again once the process is gone
        const t0 = Date.now();
        instance = await startInstance();
        restartMs = Date.now() - t0;
      }
    };
    const limit = pLimit(options.concurrency);
    const retryUnacknowledged = () => Promise.all(Array.from({ length: options.visits }, (_, i) => limit(() => (acknowledged.has(i) ? Promise.resolve() : attempt(i)))));
    await Promise.all(Array.from({ length: options.visits }, (_, i) => limit(() => attempt(i))));
    answers = {};
    await retryUnacknowledged();
    const unacknowledged = answers;
    const acknowledgedBeforeSweep = acknowledged.size;
    const beforeSweep = await census(acknowledged.values());

    // Ten minutes on: a restarted instance's sweep settles the reservations of the killed creates, then their keys are retried.
    instance.child.kill('SIGTERM');
    await exited(instance.child);
    instance = await startInstance({ clockOffsetMs: STALE_RESERVATION_MS + 60_000, sweepIntervalMs: 200 });
    await waitFor(patienceMs, 'the sweep to clear the reservations', async () => (await census([])).reservations.size === 0);
    await retryUnacknowledged();

    // Every event of an acknowledged change reaches the receiver (the restarted instance delivers what the killed one stored).
    await waitFor(patienceMs, 'every visit.scheduled event', async () => [...acknowledged.values()].every((v) => scheduledEvents.has(v))).catch(() => undefined);
    const end = await census(acknowledged.values());
    return {
      database: options.database,
      visits: options.visits,
      killedAfter,
      restartMs,
      failedWhileDown,
      acknowledged: acknowledgedBeforeSweep,
      unacknowledged,
      reservationsLeft: beforeSweep.reservations.size,
      meetingsOfReservations: beforeSweep.meetingsOfReservations,
      acknowledgedAfterSweep: acknowledged.size,
      intact: end.intact,
      missingVisits: acknowledged.size - end.intact,
      missingEvents: [...acknowledged.values()].filter((v) => !scheduledEvents.has(v)).length,
      duplicate: end.duplicate,
      orphanMeetings: end.orphanMeetings,
      reservationsAfterSweep: end.reservations.size,
    };
  } finally {
    instance.child.kill('SIGTERM');
    await exited(instance.child);
    await emulator.close();
    receiver.close();
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

/** Polls `ready` every 100 ms until it answers true; throws after `timeoutMs`. */
async function waitFor(timeoutMs: number, what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
}

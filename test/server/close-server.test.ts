import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer } from '../../src/server/close-server.js';

/** A keep-alive request over a real socket: answers its status, or the error that ended it. */
function get(agent: http.Agent, port: number, path: string): Promise<number | Error> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', resolve);
  });
}

describe('closeServer', () => {
  const agents: http.Agent[] = [];
  afterEach(() => agents.splice(0).forEach((a) => a.destroy()));

  async function serve(): Promise<{ app: FastifyInstance; port: number; release(): void; agent: http.Agent; arrived: Promise<void> }> {
    const app = Fastify();
    let release = () => undefined as void;
    let arrived = () => undefined as void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const held = new Promise<void>((r) => (release = r));
    app.get('/slow', async () => {
      arrived();
      await held;
      return { ok: true };
    });
    app.get('/never', async () => {
      arrived();
      await new Promise(() => undefined);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const agent = new http.Agent({ keepAlive: true });
    agents.push(agent);
    return { app, port: (app.server.address() as AddressInfo).port, release, agent, arrived: arrival };
  }

  it('lets a request in flight on a keep-alive connection finish, then closes', async () => {
    const { app, port, release, agent, arrived } = await serve();
    const answer = get(agent, port, '/slow');
    await arrived;
    const closed = closeServer(app, 60_000);
    release();
    expect(await answer).toBe(200);
    await closed;
    expect(app.server.listening).toBe(false);
  });

  it('cuts a request still running when the grace is over', async () => {
    const { app, port, agent, arrived } = await serve();
    const answer = get(agent, port, '/never');
    await arrived;
    await closeServer(app, 100);
    expect(await answer).toBeInstanceOf(Error);
  });
});

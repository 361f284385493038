import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createPageCertificate } from './pages/create-page-certificate.js';

export interface DualProtocolListener {
  readonly port: number;
  close(): Promise<void>;
}

/** The first byte of a TLS connection is a handshake record (content type 22). */
const TLS_HANDSHAKE = 0x16;

/**
 * Listens on one port for both http and https and hands each connection to the app. Clients that hard-code
 * `https://{{baseUrl}}/v1` (Cisco's G2G Postman collection does) reach the same API as `http://` ones; the
 * certificate is self-signed, made in the background at start, and only awaited by the first TLS connection.
 */
export async function listenDualProtocol(app: FastifyInstance, options: { host: string; port: number }): Promise<DualProtocolListener> {
  await app.ready();
  const httpServer = app.server;
  let httpsServer: Promise<HttpsServer> | undefined;
  const tlsServer = () =>
    (httpsServer ??= createPageCertificate().then((certificate) =>
      createHttpsServer({ key: certificate.key, cert: certificate.cert }, (req, res) => httpServer.emit('request', req, res)),
    ));
  // Made early so the first https request does not wait for key generation.
  tlsServer().catch(() => undefined);
  const sockets = new Set<Socket>();

  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // A connection that never says anything is dropped; once handed over, the http server's own timeouts apply.
    socket.setTimeout(30_000, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        tlsServer().then(
          (server) => {
            server.emit('connection', socket);
            socket.resume();
          },
          () => socket.destroy(),
        );
      } else {
        httpServer.emit('connection', socket);
        process.nextTick(() => socket.resume());
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const address = front.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await app.close();
    },
  };
}

/**
 * A real HTTP server on 127.0.0.1:0 that records every request and answers from a script: the stand-in for
 * webexapis.com in client tests (no fetch mocks). `startRecorder(handler)` returns `{ origin, baseUrl, requests,
 * close }`; the handler gets each recorded request and its 0-based index and returns what to answer:
 * `{ status, headers, body }` (object bodies are sent as JSON), `{ hang: true }` (never answer; freed on close) or
 * `{ destroy: true }` (drop the connection without an answer).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/v1/meetings/abc`. */
  path: string;
  query: URLSearchParams;
  /** The request target as sent (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** `bodyText` parsed when the content type is JSON-ish and parsing works. */
  json: unknown;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
  destroy?: boolean;
}

export type RecorderHandler = (req: RecordedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>;

export interface Recorder {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecorder(handler: RecorderHandler = () => ({ status: 200, body: {} })): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const target = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      if (/json/i.test(req.headers['content-type'] ?? '') && bodyText !== '') {
        try {
          json = JSON.parse(bodyText);
        } catch {
          json = undefined;
        }
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: target.pathname,
        query: target.searchParams,
        url: req.url ?? '/',
        headers: req.headers,
        bodyText,
        json,
      };
      const index = requests.push(recorded) - 1;
      void Promise.resolve()
        .then(() => handler(recorded, index))
        .then(
        (script) => answer(res, script),
        (error: unknown) => answer(res, { status: 500, body: { message: String(error) } }),
      );
    });
  });

  function answer(res: ServerResponse, script: ScriptedResponse): void {
    if (script.hang) {
      hanging.add(res);
      return;
    }
    if (script.destroy) {
      res.socket?.destroy();
      return;
    }
    const headers: Record<string, string> = { ...script.headers };
    let payload = '';
    if (script.body !== undefined) {
      if (typeof script.body === 'string') payload = script.body;
      else {
        payload = JSON.stringify(script.body);
        headers['content-type'] ??= 'application/json;charset=UTF-8';
      }
    }
    res.writeHead(script.status ?? 200, headers);
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

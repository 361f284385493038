import { CliError } from './cli-error.js';

export interface ApiRequest {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

export interface ApiClient {
  readonly baseUrl: string;
  /** The JSON answer of a 2xx, else a CliError with the problem's one-line detail (and fields). */
  json<T = unknown>(method: string, path: string, req?: ApiRequest): Promise<T>;
  /** The text answer of a 2xx (CSV, transcripts). */
  text(method: string, path: string, req?: ApiRequest): Promise<string>;
}

/** Talks to a running g2g over HTTP with a bearer (API key or operator token); the token never reaches an error message. */
export function createApiClient(opts: { baseUrl: string; token: string; fetch?: typeof fetch }): ApiClient {
  const doFetch = opts.fetch ?? fetch;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');

  async function send(method: string, path: string, req: ApiRequest): Promise<Response> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { authorization: `Bearer ${opts.token}`, ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const inner = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
      const cause = inner?.code ?? inner?.message ?? (error instanceof Error ? error.message : String(error));
      throw new CliError(`cannot reach g2g at ${baseUrl} (${cause}): is it running? set --url or G2G_URL`, { cause: error });
    }
    if (res.ok) return res;
    throw await problemError(res);
  }

  return {
    baseUrl,
    async json<T>(method: string, path: string, req: ApiRequest = {}): Promise<T> {
      const res = await send(method, path, req);
      const text = await res.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async text(method, path, req = {}) {
      return (await send(method, path, req)).text();
    },
  };
}

async function problemError(res: Response): Promise<CliError> {
  let problem: { detail?: unknown; code?: unknown; errors?: { field?: unknown; message?: unknown }[] } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    // not problem+json: the status says enough
  }
  const fields = (problem.errors ?? []).map((e) => `${String(e.field)}: ${String(e.message)}`).join('; ');
  const detail = typeof problem.detail === 'string' ? problem.detail : res.statusText;
  const hint = res.status === 401 ? ' (check --key / G2G_API_KEY or G2G_ADMIN_TOKEN)' : '';
  return new CliError(`HTTP ${res.status}: ${detail}${fields ? ` (${fields})` : ''}${hint}`, { ...(typeof problem.code === 'string' ? { code: problem.code } : {}) });
}

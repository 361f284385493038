import type { TransportRequest } from './transport.js';

export interface EncodedRequest {
  headers: Record<string, string>;
  body: string | undefined;
  /** Secrets this call carries in its body, to scrub from error messages and log text if Webex echoes them. */
  secrets: readonly string[];
}

/** Shared by every call without a form (nearly all of them): one array less per call. */
const NO_SECRETS: readonly string[] = Object.freeze([]);

/** Headers and body of one call: a form (the OAuth endpoint), JSON, or nothing. */
export function encodeRequest(req: TransportRequest, userAgent: string): EncodedRequest {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: req.responseType === 'text' ? 'text/plain, text/vtt, */*' : 'application/json' };
  let secrets: readonly string[] = NO_SECRETS;
  let body: string | undefined;
  if (req.form !== undefined) {
    const form = new URLSearchParams(req.form);
    body = form.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    secrets = [...form].filter(([k]) => /secret|token/i.test(k)).map(([, v]) => v);
  } else if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] = req.contentType ?? 'application/json';
  }
  return { headers, body, secrets };
}

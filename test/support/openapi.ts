/**
 * Validates Webex wire traffic against the official OpenAPI 3.0 subset
 * (`spec/webex/webex-g2g-subset.openapi.json`, Cisco's, CC BY 4.0; see `spec/webex/ORIGIN.md`).
 *
 * Exports:
 * - `webexSpecPath(): string`: absolute path of the spec file.
 * - `loadWebexSpec(): WebexSpec`: the parsed document (read once, cached).
 * - `listWebexOperations(): WebexOperationRef[]`: every `{ method, template, operationId }` in the spec.
 * - `findWebexOperation(method, path)`: the operation a concrete path hits (`/meetings/abc` -> `/meetings/{meetingId}`),
 *   with its decoded path params; `undefined` when no templated path matches. Literal segments win over templates,
 *   so `POST /meetings/join` is `meetingJoin`, not a meeting id.
 * - `validateWebexRequest({ method, path, query?, body?, contentType? })`: checks path params, query params (strings
 *   are coerced to the declared type, unknown names and missing required ones are errors), the content type and the
 *   JSON body. Request bodies are checked strictly: a property the spec does not declare is an error (it would be a
 *   typo or an invented field), unless `allowUnknownFields: true`.
 * - `validateWebexResponse({ method, path, status, body, contentType?, strict? })`: checks the status is declared,
 *   the content type is one of the declared ones and the body matches the schema. Unknown fields are allowed by
 *   default (real Webex adds fields, e.g. `orgId` on webhooks); `strict: true` reports them too.
 *
 * Both return `{ valid, errors, operationId? }`; `errors` are readable lines (`body/title: must be string`).
 * `path` is concrete and may be a full URL, may start with the server base `/v1`, and may carry `?query`
 * (merged with `query`). `body` may be a parsed value or the raw string/Buffer.
 *
 * Rules that go beyond the letter of the spec (documented here so nobody is surprised):
 * - Error statuses that declare no content (nearly all 4xx/5xx in this spec) must still carry the Webex error body
 *   when they carry a JSON body: `components.schemas.Error` plus string `message` and `trackingId` (docs/webex-contract.md §10).
 *   An empty body, or a non-JSON one (a proxy's 429 text/html page), is accepted.
 * - A status with no declared content (204) must have an empty body.
 * - `text/*` bodies must be strings. The spec's `text/plain` schema for `GET /guests/count` is malformed (an object
 *   with a property named "112"), so that body is checked to be a non-negative integer instead (docs/webex-contract.md §6).
 * - `GET /meetingParticipants/{participantId}` declares a request body in the spec (a spec bug); a GET without a body
 *   is valid.
 * - Errata: where the spec's own examples contradict its schemas, the validator accepts both (`SPEC_ERRATA` below):
 *   `personalMeetingRoom.telephony.links` of meeting preferences (and of the PMR section) may be an array (as on meetings), and registration
 *   `customizedQuestions[].id` / `options[].id` may be strings. In `strict` mode the spec's own examples also show
 *   undeclared fields (`hasSummary` on listed meetings, `registration.enabledRegistrationId`); strict reports them.
 * - OpenAPI 3.0 keywords are translated for JSON Schema: `nullable` widens the type to include null, `example(s)`
 *   are dropped, `format`s are checked by ajv-formats (`int64`, `password` included).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object with a `default` inside.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export interface ValidationResult {
  valid: boolean;
  errors: string[];
  operationId?: string;
}

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined | null;

export interface WebexRequestToValidate {
  method: string;
  path: string;
  query?: Record<string, QueryValue> | URLSearchParams | undefined;
  body?: unknown;
  /** The request's Content-Type header; when given it must be one the operation declares. */
  contentType?: string | undefined;
  /** Accept body properties the spec does not declare (default false: they are errors). */
  allowUnknownFields?: boolean | undefined;
}

export interface WebexResponseToValidate {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** The response's Content-Type header; when given it must match a declared media type (parameters ignored). */
  contentType?: string | undefined;
  /** Also report properties the spec does not declare (default false). */
  strict?: boolean | undefined;
}

export interface WebexOperationRef {
  method: string;
  template: string;
  operationId: string;
}

export interface WebexOperationMatch extends WebexOperationRef {
  operation: SpecOperation;
  pathParams: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;

interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface SpecMediaType {
  schema?: JsonSchema;
  example?: unknown;
}

interface SpecResponse {
  description?: string;
  content?: Record<string, SpecMediaType>;
}

export interface SpecOperation {
  operationId?: string;
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content: Record<string, SpecMediaType> };
  responses: Record<string, SpecResponse>;
}

export interface WebexSpec {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const SPEC_ID = 'https://g2g.local/webex-g2g-subset.openapi.json';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function webexSpecPath(): string {
  return path.join(repoRoot, 'spec', 'webex', 'webex-g2g-subset.openapi.json');
}

let cachedSpec: WebexSpec | undefined;

export function loadWebexSpec(): WebexSpec {
  cachedSpec ??= JSON.parse(readFileSync(webexSpecPath(), 'utf8')) as WebexSpec;
  return cachedSpec;
}

export function listWebexOperations(): WebexOperationRef[] {
  const spec = loadWebexSpec();
  const out: WebexOperationRef[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push({ method: method.toUpperCase(), template, operationId: op.operationId ?? `${method.toUpperCase()} ${template}` });
    }
  }
  return out;
}

/** Splits a concrete path (maybe a full URL, maybe with `/v1` and `?query`) into segments and its query. */
function splitPath(raw: string): { segments: string[]; search: URLSearchParams } {
  const url = new URL(raw, 'http://placeholder.invalid');
  let pathname = url.pathname;
  const base = new URL(loadWebexSpec().servers?.[0]?.url ?? 'https://webexapis.com/v1').pathname.replace(/\/$/, '');
  if (base && (pathname === base || pathname.startsWith(`${base}/`))) pathname = pathname.slice(base.length);
  const segments = pathname.split('/').filter((s) => s !== '');
  return { segments, search: url.searchParams };
}

interface CompiledTemplate {
  template: string;
  parts: ({ literal: string } | { param: string })[];
  literalCount: number;
}

let templates: CompiledTemplate[] | undefined;

function compiledTemplates(): CompiledTemplate[] {
  if (templates) return templates;
  templates = Object.keys(loadWebexSpec().paths).map((template) => {
    const parts = template
      .split('/')
      .filter((s) => s !== '')
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        return m?.[1] !== undefined ? { param: m[1] } : { literal: seg };
      });
    return { template, parts, literalCount: parts.filter((p) => 'literal' in p).length };
  });
  // Literal segments win: `/meetings/join` must beat `/meetings/{meetingId}`.
  templates.sort((a, b) => b.literalCount - a.literalCount);
  return templates;
}

function matchTemplate(t: CompiledTemplate, segments: string[]): Record<string, string> | undefined {
  if (t.parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const part = t.parts[i];
    const seg = segments[i];
    if (part === undefined || seg === undefined) return undefined;
    if ('literal' in part) {
      if (part.literal !== seg) return undefined;
    } else {
      try {
        params[part.param] = decodeURIComponent(seg);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}

export function findWebexOperation(method: string, concretePath: string): WebexOperationMatch | undefined {
  const { segments } = splitPath(concretePath);
  const lower = method.toLowerCase();
  for (const t of compiledTemplates()) {
    const params = matchTemplate(t, segments);
    if (!params) continue;
    const op = loadWebexSpec().paths[t.template]?.[lower];
    if (!op) continue;
    return {
      method: method.toUpperCase(),
      template: t.template,
      operationId: op.operationId ?? `${method.toUpperCase()} ${t.template}`,
      operation: op,
      pathParams: params,
    };
  }
  return undefined;
}

function describeMiss(method: string, concretePath: string): string {
  const { segments } = splitPath(concretePath);
  const hits = compiledTemplates().filter((t) => matchTemplate(t, segments));
  if (hits.length === 0) return `no path in the Webex spec matches ${concretePath}`;
  const allowed = hits.flatMap((t) => HTTP_METHODS.filter((m) => loadWebexSpec().paths[t.template]?.[m]).map((m) => m.toUpperCase()));
  return `${method.toUpperCase()} is not an operation of ${hits[0]?.template ?? concretePath} (the spec has ${allowed.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema translation (OpenAPI 3.0 -> JSON Schema draft-07 as ajv understands it)

function toJsonSchema(node: unknown, closeObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, closeObjects));
  if (node === null || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key === 'description') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out.$ref = `${SPEC_ID}${closeObjects ? '?closed' : ''}${value}`;
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      // Property names are data, not keywords: translate each property's schema, keep the names.
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, s]) => [name, toJsonSchema(s, closeObjects)]),
      );
      continue;
    }
    if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = value;
      continue;
    }
    out[key] = toJsonSchema(value, closeObjects);
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  }
  if (closeObjects && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Where the spec's examples contradict its schemas: widen the schema to what the examples (and Webex) send. */
const SPEC_ERRATA: { pointer: string[]; patch: (schema: JsonSchema) => JsonSchema }[] = [
  {
    pointer: ['MeetingPreferenceObject', 'properties', 'personalMeetingRoom', 'properties', 'telephony', 'properties', 'links'],
    patch: (schema) => ({ anyOf: [schema, { type: 'array', items: schema }] }),
  },
  {
    pointer: ['PMRObject', 'properties', 'telephony', 'properties', 'links'],
    patch: (schema) => ({ anyOf: [schema, { type: 'array', items: schema }] }),
  },
  {
    pointer: ['CustomizedQuestionForGetMeeting', 'properties', 'id'],
    patch: (schema) => ({ ...schema, type: ['number', 'string'] }),
  },
  {
    pointer: ['CustomizedQuestionForGetMeeting', 'properties', 'options', 'items', 'properties', 'id'],
    patch: (schema) => ({ ...schema, type: ['number', 'string'] }),
  },
];

function componentsWithErrata(): Record<string, JsonSchema> {
  const schemas = structuredClone(loadWebexSpec().components.schemas);
  for (const { pointer, patch } of SPEC_ERRATA) {
    let parent: Record<string, unknown> = schemas;
    for (const key of pointer.slice(0, -1)) {
      const next = parent[key];
      if (!next || typeof next !== 'object') throw new Error(`spec erratum no longer applies: ${pointer.join('/')}`);
      parent = next as Record<string, unknown>;
    }
    const last = pointer[pointer.length - 1] ?? '';
    const target = parent[last];
    if (!target || typeof target !== 'object') throw new Error(`spec erratum no longer applies: ${pointer.join('/')}`);
    parent[last] = patch(target as JsonSchema);
  }
  return schemas;
}

let ajvInstance: Ajv | undefined;

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const instance = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(instance);
  const components = { schemas: componentsWithErrata() };
  // Two copies of the components: open (unknown properties allowed) and closed (additionalProperties: false).
  instance.addSchema({ $id: SPEC_ID, components: toJsonSchema(components, false) });
  instance.addSchema({ $id: `${SPEC_ID}?closed`, components: toJsonSchema(components, true) });
  ajvInstance = instance;
  return instance;
}

const compiled = new WeakMap<object, { open?: ValidateFunction; closed?: ValidateFunction }>();

function validatorFor(schema: JsonSchema, closed: boolean): ValidateFunction {
  let entry = compiled.get(schema);
  if (!entry) {
    entry = {};
    compiled.set(schema, entry);
  }
  const key = closed ? 'closed' : 'open';
  const existing = entry[key];
  if (existing) return existing;
  const fn = ajv().compile(toJsonSchema(schema, closed) as JsonSchema);
  entry[key] = fn;
  return fn;
}

function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = `${prefix}${e.instancePath}`;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      return `${where}: property "${extra}" is not declared by the spec`;
    }
    if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
      return `${where}: must be one of ${JSON.stringify(allowed)}`;
    }
    return `${where}: ${e.message ?? e.keyword}`;
  });
}

function runSchema(prefix: string, schema: JsonSchema, value: unknown, closed: boolean): string[] {
  const fn = validatorFor(schema, closed);
  return fn(value) ? [] : formatErrors(prefix, fn.errors);
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

function mediaBase(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJsonMedia(contentType: string): boolean {
  const base = mediaBase(contentType);
  return base === 'application/json' || base.endsWith('+json');
}

function schemaType(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.type === 'string') return schema.type;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return schemaType(loadWebexSpec().components.schemas[name]);
  }
  return undefined;
}

/** Query strings carry text; turn each value into what the parameter's schema declares before checking it. */
function coerceQueryValue(raw: string[], schema: JsonSchema | undefined): unknown {
  const type = schemaType(schema);
  if (type === 'array') {
    const itemSchema = schema?.items as JsonSchema | undefined;
    const parts = raw.length === 1 ? (raw[0] ?? '').split(',') : raw;
    return parts.map((p) => coerceQueryValue([p], itemSchema));
  }
  const value = raw[raw.length - 1] ?? '';
  if (type === 'number' || type === 'integer') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function collectQuery(fromPath: URLSearchParams, query: WebexRequestToValidate['query']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: string) => out.set(k, [...(out.get(k) ?? []), v]);
  for (const [k, v] of fromPath) add(k, v);
  if (query instanceof URLSearchParams) {
    for (const [k, v] of query) add(k, v);
  } else if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v as readonly (string | number | boolean)[]) add(k, String(item));
      else add(k, String(v));
    }
  }
  return out;
}

function parseMaybeJson(body: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    if (text === '') return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, error: 'body: is not valid JSON' };
    }
  }
  return { ok: true, value: body };
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  if (typeof body === 'string') return body === '';
  if (Buffer.isBuffer(body)) return body.length === 0;
  return false;
}

export function validateWebexRequest(req: WebexRequestToValidate): ValidationResult {
  const match = findWebexOperation(req.method, req.path);
  if (!match) return { valid: false, errors: [describeMiss(req.method, req.path)] };
  const { operation, operationId } = match;
  const errors: string[] = [];
  const params = operation.parameters ?? [];

  for (const p of params.filter((x) => x.in === 'path')) {
    const value = match.pathParams[p.name];
    if (value === undefined || value === '') errors.push(`path/${p.name}: is required`);
    else if (p.schema) errors.push(...runSchema(`path/${p.name}`, p.schema, value, false));
  }

  const query = collectQuery(splitPath(req.path).search, req.query);
  const declared = new Map(params.filter((x) => x.in === 'query').map((x) => [x.name, x]));
  for (const [name, raw] of query) {
    const p = declared.get(name);
    if (!p) {
      errors.push(`query/${name}: is not a parameter of ${operationId} (allowed: ${[...declared.keys()].join(', ') || 'none'})`);
      continue;
    }
    if (p.schema) errors.push(...runSchema(`query/${name}`, p.schema, coerceQueryValue(raw, p.schema), false));
  }
  for (const p of declared.values()) {
    if (p.required && !query.has(p.name)) errors.push(`query/${p.name}: is required`);
  }

  const rb = operation.requestBody;
  const method = req.method.toUpperCase();
  const bodyAllowed = !!rb && method !== 'GET' && method !== 'HEAD';
  if (!bodyAllowed) {
    if (!isEmptyBody(req.body)) errors.push(`body: ${operationId} takes no request body`);
  } else if (isEmptyBody(req.body)) {
    if (rb.required) errors.push('body: is required');
  } else {
    const declaredTypes = Object.keys(rb.content);
    let media: SpecMediaType | undefined;
    if (req.contentType !== undefined) {
      const base = mediaBase(req.contentType);
      const key = declaredTypes.find((t) => mediaBase(t) === base);
      if (key === undefined) errors.push(`content-type: ${base} is not accepted (declared: ${declaredTypes.join(', ')})`);
      else media = rb.content[key];
    } else {
      media = rb.content[declaredTypes[0] ?? ''];
    }
    if (media?.schema) {
      const parsed = parseMaybeJson(req.body);
      if (!parsed.ok) errors.push(parsed.error);
      else errors.push(...runSchema('body', media.schema, parsed.value, req.allowUnknownFields !== true));
    }
  }
  return { valid: errors.length === 0, errors, operationId };
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

function findResponse(op: SpecOperation, status: number): SpecResponse | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

const errorBodyRequired: JsonSchema = {
  type: 'object',
  required: ['message', 'trackingId'],
  properties: { message: { type: 'string' }, trackingId: { type: 'string' } },
};

export function validateWebexResponse(res: WebexResponseToValidate): ValidationResult {
  const match = findWebexOperation(res.method, res.path);
  if (!match) return { valid: false, errors: [describeMiss(res.method, res.path)] };
  const { operation, operationId } = match;
  const declared = findResponse(operation, res.status);
  if (!declared) {
    return {
      valid: false,
      errors: [`status: ${res.status} is not declared for ${operationId} (declared: ${Object.keys(operation.responses).join(', ')})`],
      operationId,
    };
  }
  const errors: string[] = [];
  const contents = declared.content ?? {};
  const declaredTypes = Object.keys(contents);

  if (declaredTypes.length === 0) {
    if (res.status >= 400) {
      // The spec lists generic errors without content; Webex still answers with its error body (docs/webex-contract.md §10).
      const isJson = res.contentType === undefined ? typeof res.body === 'object' || typeof res.body === 'string' : isJsonMedia(res.contentType);
      if (!isEmptyBody(res.body) && isJson) {
        const parsed = parseMaybeJson(res.body);
        if (!parsed.ok) errors.push(parsed.error);
        else {
          const errorSchema = loadWebexSpec().components.schemas.Error;
          if (errorSchema) errors.push(...runSchema('body', errorSchema, parsed.value, res.strict === true));
          errors.push(...runSchema('body', errorBodyRequired, parsed.value, false));
        }
      }
    } else if (!isEmptyBody(res.body)) {
      errors.push(`body: status ${res.status} of ${operationId} declares no content, but a body was sent`);
    }
    return { valid: errors.length === 0, errors, operationId };
  }

  let mediaKey: string | undefined;
  if (res.contentType !== undefined) {
    const base = mediaBase(res.contentType);
    mediaKey = declaredTypes.find((t) => mediaBase(t) === base);
    if (mediaKey === undefined) {
      errors.push(`content-type: ${base} is not declared for ${res.status} of ${operationId} (declared: ${declaredTypes.join(', ')})`);
      return { valid: false, errors, operationId };
    }
  } else {
    mediaKey = declaredTypes[0];
  }
  const media = mediaKey === undefined ? undefined : contents[mediaKey];

  if (mediaKey !== undefined && mediaBase(mediaKey).startsWith('text/')) {
    const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.body;
    if (typeof text !== 'string') errors.push('body: must be text');
    else if (match.template === '/guests/count' && !/^\d+$/.test(text.trim())) errors.push('body: must be a non-negative integer');
    else if (media?.schema && schemaType(media.schema) === 'string') errors.push(...runSchema('body', media.schema, text, false));
    return { valid: errors.length === 0, errors, operationId };
  }

  if (isEmptyBody(res.body)) {
    errors.push(`body: is required for ${res.status} of ${operationId}`);
  } else if (media?.schema) {
    const parsed = parseMaybeJson(res.body);
    if (!parsed.ok) errors.push(parsed.error);
    else errors.push(...runSchema('body', media.schema, parsed.value, res.strict === true));
  }
  return { valid: errors.length === 0, errors, operationId };
}

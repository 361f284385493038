import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ResponseDocs } from './response-headers.js';

declare module 'fastify' {
  interface FastifySchema {
    /** Response descriptions and headers for the OpenAPI document only; Fastify itself ignores the key. */
    responseDocs?: ResponseDocs;
  }
}

/** The security scheme every `/api/v1` route declares (api-key-auth.ts reads it from `Authorization`). */
export const API_KEY_SECURITY: { apiKey: string[] }[] = [{ apiKey: [] }];
/** The security scheme of every `/api/v1/admin` route (admin-auth.ts). */
export const OPERATOR_SECURITY: { operatorToken: string[] }[] = [{ operatorToken: [] }];

const TAGS = [
  { name: 'visits', description: 'Schedule visits (a Webex meeting with seats and join links), read, list, change and cancel them' },
  { name: 'orgs', description: 'The Webex orgs that authorized the Service App for this API key: status, readiness checks, capacity' },
  { name: 'admin', description: "Operators: every tenant's orgs, visits, capacity, outbound events, tenants and API keys (operator token)" },
  { name: 'usage', description: 'Usage reports per org: meetings, minutes, participants, peak use vs licence, deferrals, waits' },
  { name: 'join', description: 'The click-time join broker behind every joinUrl (for people, in a browser)' },
  { name: 'webhooks', description: 'Where Webex delivers its webhooks (called by Webex, not by your app)' },
  { name: 'health', description: 'Liveness for load balancers' },
];

const zodTransform = createJsonSchemaTransform({});
const zodTransformObject = createJsonSchemaTransformObject({});

/**
 * The `@fastify/swagger` options of `/docs/json`: zod schemas to JSON schema, schemas with a `.meta({ id })` as
 * named `components.schemas` (those no operation uses are left out), `responseDocs` on their responses.
 */
export function openApiOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'g2g',
        version: '0.1.0',
        description:
          'Webex guest-to-guest meetings, end to end: orgs, visits, click-time join links. Errors are RFC 9457 problem details ' +
          '(`application/problem+json`, schema `Problem`): branch on `code`. The JSON API is under `/api/v1` and needs an API key.',
        license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      },
      servers: [{ url: publicUrl, description: 'This g2g' }],
      tags: TAGS,
      security: API_KEY_SECURITY,
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'g2g API key',
            description: 'A g2g API key as `Authorization: Bearer <key>` (`g2g keys create` makes one; it names the tenant and its orgs)',
          },
          operatorToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'g2g operator token',
            description: 'The operator token (`G2G_ADMIN_TOKEN`; `g2g start` on the embedded sandbox writes one to `{G2G_DATA_DIR}/admin-token`)',
          },
        },
      },
    },
    transform: withResponseDocs(zodTransform),
    transformObject: (document) => pruneUnusedSchemas(zodTransformObject(document)),
  };
}

/** Lifts `responseDocs` out of the route schema (it is no JSON schema) onto the responses it describes. */
function withResponseDocs(inner: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const { responseDocs, ...schema } = input.schema ?? {};
    const out = inner({ ...input, schema });
    const responses = out.schema.response as Record<string, Record<string, unknown>> | undefined;
    for (const [status, docs] of Object.entries(responseDocs ?? {})) {
      const response = responses?.[status];
      if (response === undefined) throw new Error(`${String(input.route.method)} ${input.url}: responseDocs for ${status}, which the route does not declare`);
      if (docs.headers !== undefined) response.headers = docs.headers;
      // @fastify/swagger reads the response's description here (beside a `$ref` it stays out of the schema).
      if (docs.description !== undefined) response.description = docs.description;
    }
    return out;
  };
}

type Document = ReturnType<SwaggerTransformObject>;

/**
 * The zod registry is process-wide: a schema registered anywhere lands in `components`, once as input (`...Input`)
 * and once as output. Keep only what the paths reach, so the components are the API's and none is unused.
 */
function pruneUnusedSchemas(document: Document): Document {
  const components = (document as { components?: { schemas?: Record<string, unknown> } }).components;
  const all = components?.schemas;
  if (components === undefined || all === undefined) return document;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(all[name]);
        }
      } else visit(value);
    }
  };
  visit((document as { paths?: unknown }).paths);
  components.schemas = Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  return document;
}

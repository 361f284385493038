import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { G2GError } from '../core/errors.js';
import type { Secret } from '../secret.js';
import type { WebhookInbox } from '../core/webhooks/webhook-inbox.js';
import { isSparkSignatureValid } from '../core/webhooks/spark-signature.js';

export interface WebexWebhookRoutesOptions {
  inbox: Pick<WebhookInbox, 'accept'>;
  /** Secrets accepted on `X-Spark-Signature` (rotation: any of them). */
  webhookSecrets: readonly Secret[];
}

const problemSchema = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string() });

/**
 * `POST /webhooks/webex`: verifies `X-Spark-Signature` over the raw bytes (constant time, every
 * configured secret), stores the delivery and answers before any work is done: 202 for a new event,
 * 200 for a redelivery. 401 for a bad or missing signature, 415 for anything but JSON. The content
 * parser is local to this plugin, so other routes keep Fastify's JSON parsing.
 */
export const webexWebhookRoutes: FastifyPluginAsync<WebexWebhookRoutesOptions> = async (app, { inbox, webhookSecrets }) => {
  app.removeAllContentTypeParsers();
  // Every body arrives as the exact bytes Webex signed; the handler decides what it accepts.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.post(
    '/webhooks/webex',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webex webhook receiver (serviceApp, meetings, meetingParticipants)',
        description:
          'Called by Webex. Signed with X-Spark-Signature (HMAC-SHA1 hex of the raw body, any configured G2G_WEBHOOK_SECRETS). ' +
          'Answers 202 when stored for processing, 200 for a duplicate delivery, 401 for a bad signature, 415 for a non-JSON body.',
        headers: z.looseObject({ 'x-spark-signature': z.string().optional() }),
        response: {
          200: z.object({ status: z.literal('duplicate') }),
          202: z.object({ status: z.literal('accepted') }),
          401: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (type !== 'application/json') {
        throw new G2GError({ code: 'unsupported_media_type', status: 415, message: 'webhook deliveries must be application/json' });
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!isSparkSignatureValid(raw, request.headers['x-spark-signature'], webhookSecrets)) {
        throw new G2GError({ code: 'webhook_signature_invalid', status: 401, message: 'X-Spark-Signature is missing or matches no configured webhook secret' });
      }
      const result = await inbox.accept(raw);
      return reply.code(result.status === 'accepted' ? 202 : 200).send({ status: result.status });
    },
  );
};

import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { G2GError } from '../core/errors.js';
import type { Secret } from '../secret.js';
import type { WebhookInbox } from '../core/webhooks/webhook-inbox.js';
import { isSparkSignatureValid } from '../core/webhooks/spark-signature.js';
import { problemResponses } from './problem-schema.js';

export interface WebexWebhookRoutesOptions {
  inbox: Pick<WebhookInbox, 'accept'>;
  /** Secrets accepted on `X-Spark-Signature` (rotation: any of them). */
  webhookSecrets: readonly Secret[];
}

const webhookAckSchema = z
  .object({ status: z.enum(['accepted', 'duplicate']).describe('accepted: stored, worked soon; duplicate: this delivery was already stored') })
  .meta({ id: 'WebhookAck' });

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
        operationId: 'receiveWebexWebhook',
        tags: ['webhooks'],
        summary: 'Webex webhook receiver (serviceApp, meetings, meetingParticipants, recordings, meetingTranscripts)',
        description:
          'Called by Webex, not by your app, so no API key: a delivery is authenticated by its signature instead. ' +
          '`X-Spark-Signature` must be the HMAC-SHA1 (hex) of the raw body under one of the configured G2G_WEBHOOK_SECRETS. ' +
          'Answers before any work is done: 202 when stored for processing, 200 for a redelivery of a stored event, ' +
          '401 for a missing or wrong signature, 415 for a body that is not application/json.',
        security: [],
        headers: z.looseObject({ 'x-spark-signature': z.string().optional().describe('HMAC-SHA1 hex of the raw body under a webhook secret') }),
        response: { 200: webhookAckSchema, 202: webhookAckSchema, ...problemResponses([400, 401, 413, 415, 500]) },
        responseDocs: {
          200: { description: 'A redelivery: the event was stored before (`duplicate`)' },
          202: { description: 'Stored; it is worked after this answer (`accepted`)' },
          400: { description: 'The body is not a Webex webhook envelope (JSON with resource, event and data)' },
          401: { description: 'X-Spark-Signature is missing or matches no configured secret (`webhook_signature_invalid`)' },
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

import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { refusal } from '../errors.js';
import { parseFault } from '../faults.js';
import { pruneExpired, settleAll } from '../lifecycle.js';
import { paramOf, sendJson, sendNoContent } from '../reply.js';
import { controlBody } from './control-body.js';

/** The test clock, the fault book and the rate limit (Stripe test clocks, LocalStack chaos). */
export function registerTimeAndFaultRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const clockView = () => ({ now: new Date(ctx.clock.now()).toISOString(), nowMs: ctx.clock.now(), offsetMs: ctx.clock.offsetMs });

  app.get('/_emulator/clock', async (_request, reply) => sendJson(reply, clockView()));

  app.post('/_emulator/clock/advance', async (request, reply) => {
    const ms = controlBody(request).ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 10 * 365 * 24 * 3600_000) {
      throw refusal(400, 'invalid_request', "'ms' must be a non-negative integer (milliseconds, at most ten years)");
    }
    ctx.clock.advance(ms);
    settleAll(ctx);
    pruneExpired(ctx);
    ctx.onChange();
    return sendJson(reply, clockView());
  });

  app.post('/_emulator/faults', async (request, reply) => {
    const parsed = parseFault(request.body ?? {});
    if (!parsed.ok) throw refusal(400, 'invalid_request', parsed.problems.join('; '));
    ctx.faults.add(parsed.fault);
    return sendJson(reply, { id: parsed.fault.id });
  });
  app.get('/_emulator/faults', async (_request, reply) => sendJson(reply, { items: ctx.faults.list() }));
  app.delete('/_emulator/faults', async (_request, reply) => {
    ctx.faults.clear();
    return sendNoContent(reply);
  });
  app.delete('/_emulator/faults/:faultId', async (request, reply) => {
    if (!ctx.faults.remove(paramOf(request, 'faultId'))) throw refusal(404, 'fault_not_found', 'No such fault');
    return sendNoContent(reply);
  });

  app.put('/_emulator/rate-limit', async (request, reply) => {
    const value = controlBody(request).requestsPerMinute;
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      throw refusal(400, 'invalid_request', "'requestsPerMinute' must be a positive integer, or null to turn the limit off");
    }
    ctx.rateLimiter.setLimit(value);
    return sendJson(reply, { requestsPerMinute: ctx.rateLimiter.limit });
  });
  app.put('/_emulator/webhook-delay', async (request, reply) => {
    const ms = controlBody(request).ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 3_600_000) {
      throw refusal(400, 'invalid_request', "'ms' must be an integer from 0 to 3600000 (real-time milliseconds)");
    }
    ctx.webhooks.setDelay(ms);
    return sendJson(reply, { ms });
  });
  app.get('/_emulator/webhook-delay', async (_request, reply) => sendJson(reply, { ms: ctx.webhooks.delayMs }));

  app.put('/_emulator/read-lag', async (request, reply) => {
    const ms = controlBody(request).ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 3_600_000) {
      throw refusal(400, 'invalid_request', "'ms' must be an integer from 0 to 3600000 (emulator-clock milliseconds; Webex: up to 600000)");
    }
    ctx.readLag.ms = ms;
    return sendJson(reply, { ms });
  });
  app.get('/_emulator/read-lag', async (_request, reply) => sendJson(reply, { ms: ctx.readLag.ms }));

  app.get('/_emulator/rate-limit', async (_request, reply) => sendJson(reply, { requestsPerMinute: ctx.rateLimiter.limit }));
}

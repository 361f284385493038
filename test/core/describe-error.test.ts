import { describe, expect, it } from 'vitest';
import { describeError, errorSummary } from '../../src/core/describe-error.js';
import { G2GError } from '../../src/core/errors.js';

describe('describeError', () => {
  it('keeps type, code, status, trackingId and message, and drops every other own property', () => {
    const error = Object.assign(new Error('Webex said no'), { code: 'webex_unavailable', status: 503, trackingId: 'T1', request: { headers: { authorization: 'Bearer secret-token' } } });
    const fields = describeError(error);
    expect(fields).toEqual({ type: 'Error', message: 'Webex said no', code: 'webex_unavailable', status: 503, trackingId: 'T1' });
    expect(JSON.stringify(fields)).not.toContain('secret-token');
  });

  it('describes thrown non-errors by their type and text', () => {
    expect(describeError('plain')).toEqual({ type: 'string', message: 'plain' });
  });

  it('adds the stack only when asked', () => {
    const error = new G2GError({ code: 'internal', status: 500, message: 'broke' });
    expect(describeError(error).stack).toBeUndefined();
    expect(describeError(error, { stack: true }).stack).toContain('broke');
  });

  it('summarises an error in one line with its code', () => {
    expect(errorSummary(new G2GError({ code: 'not_found', status: 404, message: 'gone' }))).toBe('G2GError not_found: gone');
    expect(errorSummary(new TypeError('fetch failed'))).toBe('TypeError: fetch failed');
  });
});

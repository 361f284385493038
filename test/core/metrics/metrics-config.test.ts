import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { isG2GError } from '../../../src/core/errors.js';

const base = { G2G_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`, G2G_WEBHOOK_SECRETS: 'whsec-0123456789abcdef' };

describe('G2G_METRICS_TOKEN', () => {
  it('is a Secret when set, and absent when unset or blank', () => {
    const config = loadConfig({ env: { ...base, G2G_METRICS_TOKEN: ' scrape-me-0123456789 ' } });
    expect(config.metricsToken?.reveal()).toBe('scrape-me-0123456789');
    expect(String(config.metricsToken)).toBe('[redacted]');
    expect(loadConfig({ env: base }).metricsToken).toBeUndefined();
    expect(loadConfig({ env: { ...base, G2G_METRICS_TOKEN: '  ' } }).metricsToken).toBeUndefined();
  });

  it('refuses a short token, naming the variable and never echoing the value', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { ...base, G2G_METRICS_TOKEN: 'short-secret' } });
    } catch (error) {
      caught = error;
    }
    if (!isG2GError(caught)) throw new Error('expected a G2GError');
    expect(caught.code).toBe('config_invalid');
    expect(caught.fields).toEqual([{ field: 'G2G_METRICS_TOKEN', message: expect.stringMatching(/at least 16 characters/) }]);
    expect(caught.message).not.toContain('short-secret');
  });
});

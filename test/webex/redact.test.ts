import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from '../../src/webex/redact.js';

const SECRET_FIELDS = ['access_token', 'refresh_token', 'accessToken', 'refreshToken', 'clientSecret', 'client_secret', 'secret', 'password', 'hostKey', 'joinLink', 'startLink', 'Authorization'];

/** Secrets are long random strings (as real tokens are), so finding one in the output means it leaked. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/);

describe('redactValue', () => {
  it('removes every secret field, at any depth, from any JSON value', () => {
    const withSecrets = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 4 }),
        fc.record({ field: fc.constantFrom(...SECRET_FIELDS), value: secretValue, rest: tie('node') }).map(({ field, value, rest }) => ({ [field]: value, rest })),
      ),
    })).node;
    fc.assert(
      fc.property(withSecrets, (value) => {
        const secrets: string[] = [];
        const collect = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(collect);
          else if (v && typeof v === 'object') {
            for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
              if (SECRET_FIELDS.includes(k) && typeof inner === 'string') secrets.push(inner);
              collect(inner);
            }
          }
        };
        collect(value);
        const out = JSON.stringify(redactValue(value));
        for (const s of secrets) expect(out).not.toContain(`"${s}"`);
      }),
    );
  });

  it('cleans credential query parameters out of any URL inside text, and known secrets anywhere', () => {
    fc.assert(
      fc.property(secretValue, fc.constantFrom('integrationJoinToken', 'access_token', 'token', 'principal'), (secret, param) => {
        const url = `https://example.webex.com/wbxmjs/joinservice/sites/example/meeting/download/b9?siteurl=example&${param}=${secret}&x=1`;
        const out = redactText(`link: ${url}`);
        expect(out).not.toContain(secret);
        expect(out).toContain(`${param}=${REDACTED}`);
        expect(out).toContain('siteurl=example');
        expect(redactText(`Token ${secret} is bad`, [secret])).toBe(`Token ${REDACTED} is bad`);
      }),
    );
  });

  it('keeps what is not secret', () => {
    const meeting = { id: 'm1', title: 'Visit', hostEmail: 'sa@example.com', password: 'BgJep@43', telephony: { accessCode: '123' }, links: [{ joinLink: 'https://x/y?integrationJoinToken=abc' }] };
    expect(redactValue(meeting)).toEqual({ id: 'm1', title: 'Visit', hostEmail: 'sa@example.com', password: REDACTED, telephony: { accessCode: '123' }, links: [{ joinLink: REDACTED }] });
  });
});

import { generate } from 'selfsigned';

export interface PageCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A fresh self-signed certificate for the join pages. Webex join links are https:// URLs, so the
 * emulator serves its own over TLS too; browsers in tests accept it with ignoreHTTPSErrors. The
 * SAN covers every name a local link can carry. EC keys: generating one takes milliseconds, where
 * RSA 2048 would add about a second to every emulator start.
 */
export async function createPageCertificate(): Promise<PageCertificate> {
  const result = await generate([{ name: 'commonName', value: 'g2g Webex emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}

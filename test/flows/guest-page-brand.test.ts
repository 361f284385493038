import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../src/core/visits/visit-view.js';
import { isG2GError } from '../../src/core/errors.js';
import { testDatabases } from '../support/databases.js';
import { startStack, type Stack } from '../support/stack.js';

const path = (joinUrl: string | null | undefined) => new URL(joinUrl ?? 'http://x/j/none').pathname;

describe.each(testDatabases())('guest pages in the tenant brand on $name', (database) => {
  let stack: Stack;
  let tenantId: string;
  beforeAll(async () => {
    stack = await startStack(database);
    tenantId = (await stack.internals.tenants.authenticate(stack.apiKey))?.id ?? '';
  });
  afterAll(async () => {
    await stack?.close();
  });

  const newVisit = async (title: string) => {
    const res = await stack.api('POST', '/api/v1/visits', { body: { title, hostless: true, participants: [{ displayName: 'Pat' }, { displayName: 'Sam' }] } });
    expect(res.status, res.body).toBe(201);
    return res.json as VisitView;
  };

  it("shows g2g's English page until the tenant sets a brand, then its name, logo, colour and language", async () => {
    const visit = await newVisit('Follow-up <b>call</b>');
    const joinPath = path(visit.participants[0]?.joinUrl);
    expect((await stack.api('DELETE', `/api/v1/visits/${visit.id}`)).status).toBe(200);

    const plain = await stack.api('GET', joinPath, { key: null });
    expect(plain.status).toBe(410);
    expect(plain.body).toContain('<html lang="en">');
    expect(plain.body).toContain('This meeting was cancelled');
    expect(plain.body).not.toContain('<img');
    expect(plain.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");

    const brand = await stack.g2g.tenants.setBrand(tenantId, { displayName: 'Clínica Norte', logoUrl: 'https://cdn.example.com/logo.png', accentColor: '#0A7F5A', language: 'es' });
    expect(brand).toEqual({ displayName: 'Clínica Norte', logoUrl: 'https://cdn.example.com/logo.png', accentColor: '#0a7f5a', language: 'es' });
    const branded = await stack.api('GET', joinPath, { key: null });
    expect(branded.status).toBe(410);
    expect(branded.body).toContain('<html lang="es">');
    expect(branded.body).toContain('Esta reunión se canceló');
    expect(branded.body).toContain('<p class="brand">Clínica Norte</p>');
    expect(branded.body).toContain('<img class="logo" src="https://cdn.example.com/logo.png" alt="Logotipo de Clínica Norte"');
    expect(branded.body).toContain('border-left:.3rem solid #0a7f5a');
    // The title is the visit's, escaped; never the tenant's markup.
    expect(branded.body).toContain('Follow-up &lt;b&gt;call&lt;/b&gt;');
    expect(branded.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src https:");

    // A partial update keeps the rest; null clears one field.
    expect(await stack.g2g.tenants.setBrand(tenantId, { logoUrl: null })).toMatchObject({ displayName: 'Clínica Norte', logoUrl: null, language: 'es' });
    expect((await stack.api('GET', joinPath, { key: null })).body).not.toContain('<img');

    // A revoked link of a live visit is branded too; an unknown link (no visit, so no tenant) is not.
    const live = await newVisit('Second');
    const revoke = await stack.api('DELETE', `/api/v1/visits/${live.id}/participants/${live.participants[1]?.id}/link`);
    expect(revoke.status, revoke.body).toBeLessThan(300);
    const revoked = await stack.api('GET', path(live.participants[1]?.joinUrl), { key: null });
    expect(revoked.status).toBe(410);
    expect(revoked.body).toContain('Este enlace se desactivó');
    const unknown = await stack.api('GET', '/j/abcdefghijklmnopqrstuvwxyz012345', { key: null });
    expect(unknown.body).toContain('<html lang="en">');
    await stack.g2g.tenants.setBrand(tenantId, { language: 'en', displayName: null, accentColor: null });
  });

  it('refuses a bad brand naming each field, and keeps the stored one', async () => {
    await stack.g2g.tenants.setBrand(tenantId, { displayName: 'Kept' });
    const attempt = stack.g2g.tenants.setBrand(tenantId, { logoUrl: 'http://insecure.example/logo.png', accentColor: 'red', language: 'fr', extra: 1 });
    const error: unknown = await attempt.catch((e: unknown) => e);
    expect(isG2GError(error) && error.code).toBe('validation_failed');
    expect(isG2GError(error) && error.fields.map((f) => f.field).sort()).toEqual(['accentColor', 'extra', 'language', 'logoUrl']);
    expect(await stack.g2g.tenants.brand(tenantId)).toMatchObject({ displayName: 'Kept', language: 'en' });
    const unknownTenant: unknown = await stack.g2g.tenants.setBrand('no-such-tenant', { displayName: 'X' }).catch((e: unknown) => e);
    expect(isG2GError(unknownTenant) && unknownTenant.status).toBe(404);
  });
});

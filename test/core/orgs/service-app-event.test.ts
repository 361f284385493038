import { describe, expect, it } from 'vitest';
import { readServiceAppEvent } from '../../../src/core/orgs/service-app-event.js';
import type { InboundWebhook } from '../../../src/core/webhooks/webhook-envelope.js';

const envelope = (event: string, data: Record<string, unknown>, orgId?: string): InboundWebhook => ({
  id: 'hook', name: 'g2g', resource: 'serviceApp', event, ...(orgId ? { orgId } : {}), data,
});

describe('readServiceAppEvent', () => {
  it('reads the documented and the community field spellings (docs/webex-contract.md §5.3)', () => {
    expect(readServiceAppEvent(envelope('authorized', { id: 'app', orgId: 'o1', scopes: ['guest-meeting:rw', 'spark:kms'], siteUrls: ['a.webex.com'], authorizationDate: '2026-11-25T10:00:00Z' }))).toEqual({
      kind: 'authorized', applicationId: 'app', orgId: 'o1', scopes: ['guest-meeting:rw', 'spark:kms'], siteUrls: ['a.webex.com'], authorizedAt: Date.UTC(2026, 10, 25, 10),
    });
    expect(readServiceAppEvent(envelope('authorized', { applicationId: 'app', authorizerOrgId: 'o2', scope: 'guest-meeting:rw spark:kms', siteUrl: 'b.webex.com' }))).toMatchObject({
      applicationId: 'app', orgId: 'o2', scopes: ['guest-meeting:rw', 'spark:kms'], siteUrls: ['b.webex.com'], authorizedAt: undefined,
    });
    expect(readServiceAppEvent(envelope('deauthorized', { id: 'app' }, 'o3'))).toMatchObject({ kind: 'deauthorized', orgId: 'o3' });
  });

  it('ignores other resources, other events, and events with no org id', () => {
    expect(readServiceAppEvent({ ...envelope('authorized', { orgId: 'o' }), resource: 'meetings' })).toBeUndefined();
    expect(readServiceAppEvent(envelope('updated', { orgId: 'o' }))).toBeUndefined();
    expect(readServiceAppEvent(envelope('authorized', { id: 'app' }))).toBeUndefined();
  });
});

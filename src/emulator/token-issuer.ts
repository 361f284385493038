import type { TokenLifetimes } from './context.js';
import { createOpaqueToken } from './ids.js';
import type { EmulatorState, Token } from './state.js';

/** The OAuth token response of `/access_token` and `/applications/{id}/token` (docs/webex-contract.md §4.2, §4.3). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
  scope?: string;
}

export function issueTokenPair(
  state: EmulatorState,
  grant: { personId: string; orgId: string; clientId: string; scopes: readonly string[] },
  now: number,
  lifetimes: TokenLifetimes,
): TokenResponse {
  const orgUuid = state.orgs.get(grant.orgId)?.uuid ?? '00000000-0000-0000-0000-000000000000';
  const base = { personId: grant.personId, orgId: grant.orgId, clientId: grant.clientId, scopes: [...grant.scopes], revoked: false };
  const access: Token = { ...base, value: createOpaqueToken(orgUuid), kind: 'access', expiresAt: now + lifetimes.accessSeconds * 1000 };
  const refresh: Token = { ...base, value: createOpaqueToken(orgUuid), kind: 'refresh', expiresAt: now + lifetimes.refreshSeconds * 1000 };
  state.tokens.set(access.value, access);
  state.tokens.set(refresh.value, refresh);
  return {
    access_token: access.value,
    expires_in: lifetimes.accessSeconds,
    refresh_token: refresh.value,
    refresh_token_expires_in: lifetimes.refreshSeconds,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
  };
}

/** A fresh access token for a valid refresh token; the refresh token is kept and its life renewed (S19). */
export function refreshAccessToken(state: EmulatorState, refresh: Token, now: number, lifetimes: TokenLifetimes): TokenResponse {
  const orgUuid = state.orgs.get(refresh.orgId)?.uuid ?? '00000000-0000-0000-0000-000000000000';
  const access: Token = {
    value: createOpaqueToken(orgUuid),
    kind: 'access',
    personId: refresh.personId,
    orgId: refresh.orgId,
    clientId: refresh.clientId,
    scopes: [...refresh.scopes],
    expiresAt: now + lifetimes.accessSeconds * 1000,
    revoked: false,
  };
  state.tokens.set(access.value, access);
  refresh.expiresAt = now + lifetimes.refreshSeconds * 1000;
  return {
    access_token: access.value,
    expires_in: lifetimes.accessSeconds,
    refresh_token: refresh.value,
    refresh_token_expires_in: lifetimes.refreshSeconds,
    token_type: 'Bearer',
    scope: refresh.scopes.join(' '),
  };
}

/** Revokes tokens matching the predicate; returns how many changed. */
export function revokeTokens(state: EmulatorState, predicate: (token: Token) => boolean): number {
  let count = 0;
  for (const token of state.tokens.values()) {
    if (!token.revoked && predicate(token)) {
      token.revoked = true;
      count += 1;
    }
  }
  return count;
}

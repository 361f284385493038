/** Events the orgs part emits (typed: unknown names fail to compile). */
export interface OrgEvents {
  /** `warnings`: what is degraded (a meeting webhook the scopes do not allow, or one Webex failed to register). */
  'org.authorized': { orgId: string; siteUrl: string | null; scopes: string[]; warnings: string[] };
  'org.refused': { orgId: string; missingScopes: string[]; scopes: string[] };
  'org.deauthorized': { orgId: string };
  'org.needs_reauth': { orgId: string; reason: string };
  /** A stored webhook event's handler failed (logged too); `final` when g2g gave up retrying. */
  'webhook.failed': { eventId: string; resource: string; event: string; attempts: number; final: boolean; error: string };
  /** The token-manager credential's refresh token was refused: set a new WEBEX_TOKEN_MANAGER_* credential. */
  'token_manager.needs_reauth': { reason: string };
}

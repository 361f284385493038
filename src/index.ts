/**
 * g2g as a library: run Webex guest-to-guest visits inside your own Node app.
 *
 * @example
 * import { createG2G, loadConfig } from 'g2g';
 * const g2g = await createG2G(loadConfig({ env: process.env }));
 * g2g.on('visit.started', ({ visitId }) => console.log('visit started', visitId));
 * await g2g.start();
 * const tenant = { id: tenantId, orgIds: [orgId] };
 * const { visit } = await g2g.visits.schedule(tenant, { title: 'Consultation', participants: [{ displayName: 'Pat' }] });
 */
export { createG2G, type G2G, type G2GOverrides, type G2GTuning, type G2GEventMap } from './g2g.js';
export { loadConfig, CONFIG_VARIABLES, type Config, type ConfigOverrides, type LoadConfigOptions } from './config.js';
export { G2GError, G2G_ERROR_CODES, isG2GError, type G2GErrorCode, type FieldProblem } from './core/errors.js';
export { WebexApiError, isWebexApiError, type WebexErrorCode } from './webex/index.js';
export { systemClock, createManualClock, type Clock } from './core/clock.js';
export { Secret } from './secret.js';
export type { G2GEvents, G2GEventName } from './core/visits/visit-events.js';
export type { Visits, VisitListQuery, VisitPage, OrgCapacity } from './core/visits/create-visits.js';
export type { VisitView, ParticipantView } from './core/visits/visit-view.js';
export type { VisitRequest, ParticipantRequest, VisitPatch, VisitStatus, SeatRole } from './core/visits/visit-request.js';
export type { VisitTenant } from './core/visits/visit-deps.js';
export type { Org, OrgStatus } from './core/orgs/org.js';
export type { OrgEvents } from './core/orgs/org-events.js';
export type { Orgs } from './core/orgs/orgs.js';
export type { Preflight, PreflightCheck } from './core/orgs/preflight.js';
export type { Tenant, Tenants } from './core/tenants/tenants.js';
export type { HandlerFailure } from './core/typed-emitter.js';
export {
  verifyG2GSignature,
  signG2GEvent,
  G2G_SIGNATURE_HEADER,
  G2G_EVENT_ID_HEADER,
  type VerifyG2GSignatureOptions,
  type G2GSignatureCheck,
} from './core/events-out/g2g-signature.js';
export { OUTBOUND_EVENT_TYPES, type OutboundEventBody, type OutboundEventType } from './core/events-out/outbound-event.js';
export type { EventOutbox } from './core/events-out/event-outbox.js';
export type { EventsConfig } from './config.js';

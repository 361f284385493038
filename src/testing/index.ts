/**
 * `g2g/testing`: test your app's g2g integration against a local Webex, with no Webex account (docs/testing-kit.md).
 *
 * @example
 * import { startG2GTestKit } from 'g2g/testing';
 * const kit = await startG2GTestKit();
 * const { visit } = await kit.g2g.visits.schedule(kit.tenant, { title: 'Consultation', participants: [{ displayName: 'Pat' }] });
 * const joined = await kit.join(visit.participants[0].joinUrl, 'Pat');
 * await kit.close();
 */
export { startG2GTestKit, type G2GTestKit, type G2GTestKitOptions, type GuestJoin } from './test-kit.js';
export { EmulatorControl, type DeliveryEntry, type FaultSpec, type JournalEntry, type LinkOpened } from './emulator-control.js';
export { startEmulator, type RunningEmulator, type StartEmulatorOptions, type Seed } from '../emulator/index.js';

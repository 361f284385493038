/** The parity check behind `g2g fidelity` (docs/emulator.md "Parity check"). */
export { runFidelity, type FidelityOptions, type FidelityReport } from './run-fidelity.js';
export { formatParityTable } from './parity-table.js';
export { compareAnswer, type ParityRow } from './compare-answer.js';
export { configureFidelityCommand, type FidelityCommandIo } from './fidelity-command.js';

import type { FidelityReport } from './run-fidelity.js';

/** The report as a plain-text table (one row per step) and a one-line verdict. */
export function formatParityTable(report: FidelityReport): string {
  const header = ['step', 'request', 'status', 'keys', 'enums', 'result'];
  const lines = report.rows.map((row) => [
    row.step,
    row.request,
    row.status === row.expectedStatus ? String(row.status) : `${row.status} (want ${row.expectedStatus})`,
    row.missingKeys.length === 0 ? 'ok' : `missing ${row.missingKeys.join(', ')}`,
    row.badEnums.length === 0 ? 'ok' : row.badEnums.join(', '),
    row.ok ? 'ok' : `MISMATCH${row.notes.length > 0 ? `: ${row.notes.join('; ')}` : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const verdict =
    report.mismatches === 0
      ? `parity: all ${report.rows.length} steps answered as Webex documents (${report.baseUrl})`
      : `parity: ${report.mismatches} of ${report.rows.length} steps differ from what Webex documents (${report.baseUrl})`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render), '', verdict].join('\n');
}

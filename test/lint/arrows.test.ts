/**
 * The import arrows of docs/architecture.md, proved against the repo's own eslint.config.js: each forbidden import is
 * planted in a virtual file deep inside the part it would break (two or more `../` levels) and must be reported,
 * while the arrows that point down stay allowed. If the zones rot (a part renamed, the resolver losing `.js` -> `.ts`),
 * these cases fail instead of the guard going quiet.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Only the import rules: the planted files are not on disk, so type-aware rules could not build a program for them.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } }],
  ruleFilter: ({ ruleId }) => ruleId.startsWith('import-x/'),
});

/** Every way one module can name another: a static import, a type-only re-export, a dynamic import. */
const plant = (specifier: string) => `import '${specifier}';\nexport type { Probe } from '${specifier}';\nexport const later = () => import('${specifier}');\n`;

async function findingsFor(file: string, specifier: string): Promise<{ ruleId: string | null; line: number }[]> {
  const [result] = await eslint.lintText(plant(specifier), { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, line: m.line }));
}

const FORBIDDEN: [importer: string, specifier: string][] = [
  // core/ never imports server/, cli/, emulator/, config.ts, g2g.ts, index.ts; webex/ only through its index
  ['src/core/visits/probe.ts', '../../config.js'],
  ['src/core/visits/probe.ts', '../../g2g.js'],
  ['src/core/visits/probe.ts', '../../index.js'],
  ['src/core/visits/probe.ts', '../../server/build-server.js'],
  ['src/core/visits/probe.ts', '../../cli/main.js'],
  ['src/core/visits/probe.ts', '../../emulator/index.js'],
  ['src/core/visits/probe.ts', '../../webex/transport.js'],
  ['src/core/visits/deeper/probe.ts', '../../../config.js'],
  ['src/core/visits/deeper/probe.ts', '../../../server/error-handler.js'],
  // every part of core/ reaches the database through the ports it owns
  ['src/core/visits/deeper/probe.ts', '../../../store/index.js'],
  ['src/core/governor/probe.ts', '../../store/open-database.js'],
  ['src/core/orgs/probe.ts', '../../store/org-store.js'],
  ['src/core/vault/probe.ts', '../../store/vault-token-store.js'],
  ['src/core/tenants/probe.ts', '../../store/schema.js'],
  ['src/core/webhooks/probe.ts', '../../store/webhook-event-store.js'],
  ['src/core/probe.ts', '../store/index.js'],
  // store/ imports nothing of core/, server/, cli/, webex/, emulator/, nor config.ts, g2g.ts, index.ts
  ['src/store/migrations/probe.ts', '../../webex/index.js'],
  ['src/store/migrations/probe.ts', '../../server/build-server.js'],
  ['src/store/migrations/probe.ts', '../../cli/main.js'],
  ['src/store/migrations/probe.ts', '../../emulator/index.js'],
  ['src/store/migrations/probe.ts', '../../config.js'],
  ['src/store/migrations/probe.ts', '../../g2g.js'],
  ['src/store/migrations/probe.ts', '../../index.js'],
  // webex/ imports nothing else of src/, not even the shared leaves
  ['src/webex/deeper/probe.ts', '../../config.js'],
  ['src/webex/deeper/probe.ts', '../../logger.js'],
  ['src/webex/deeper/probe.ts', '../../secret.js'],
  ['src/webex/deeper/probe.ts', '../../core/errors.js'],
  ['src/webex/deeper/probe.ts', '../../store/index.js'],
  ['src/webex/deeper/probe.ts', '../../emulator/index.js'],
  // emulator/ imports nothing else of src/ (it is reached over HTTP)
  ['src/emulator/v1/probe.ts', '../../webex/index.js'],
  ['src/emulator/v1/probe.ts', '../../webex/errors.js'],
  ['src/emulator/v1/probe.ts', '../../core/errors.js'],
  ['src/emulator/v1/probe.ts', '../../store/index.js'],
  ['src/emulator/v1/probe.ts', '../../logger.js'],
  ['src/emulator/v1/probe.ts', '../../config.js'],
  ['src/emulator/v1/probe.ts', '../../index.js'],
  // fidelity/ is an independent client of any Webex-compatible service
  ['src/fidelity/deeper/probe.ts', '../../webex/index.js'],
  ['src/fidelity/deeper/probe.ts', '../../emulator/index.js'],
  ['src/fidelity/deeper/probe.ts', '../../config.js'],
  // testing/ reaches g2g through its public surface and the emulator through its index
  ['src/testing/deeper/probe.ts', '../../core/visits/create-visits.js'],
  ['src/testing/deeper/probe.ts', '../../store/index.js'],
  ['src/testing/deeper/probe.ts', '../../config.js'],
  ['src/testing/deeper/probe.ts', '../../emulator/state.js'],
  // server/ never imports cli/, emulator/, config.ts, g2g.ts, index.ts
  ['src/server/deeper/probe.ts', '../../cli/main.js'],
  ['src/server/deeper/probe.ts', '../../emulator/index.js'],
  ['src/server/deeper/probe.ts', '../../config.js'],
  ['src/server/deeper/probe.ts', '../../g2g.js'],
  ['src/server/deeper/probe.ts', '../../index.js'],
  ['src/server/deeper/probe.ts', '../../webex/errors.js'],
  // the shared leaves import nothing of src/
  ['src/logger.ts', './config.js'],
  ['src/secret.ts', './core/errors.js'],
  // the wiring root and the library never import the CLI
  ['src/g2g.ts', './cli/main.js'],
  ['src/g2g.ts', './emulator/index.js'],
  ['src/index.ts', './cli/main.js'],
  ['src/config.ts', './server/build-server.js'],
];

const ALLOWED: [importer: string, specifier: string][] = [
  ['src/testing/deeper/probe.ts', '../../index.js'],
  ['src/testing/deeper/probe.ts', '../../emulator/index.js'],
  ['src/cli/probe.ts', '../fidelity/index.js'],
  ['src/core/visits/deeper/probe.ts', '../../../webex/index.js'],
  // a store adapter implements a port core owns
  ['src/store/deeper/probe.ts', '../../core/orgs/org-store.js'],
  ['src/core/visits/deeper/probe.ts', '../../../logger.js'],
  ['src/core/visits/deeper/probe.ts', '../../../secret.js'],
  ['src/core/visits/probe.ts', '../clock.js'],
  ['src/server/deeper/probe.ts', '../../core/errors.js'],
  ['src/server/deeper/probe.ts', '../../webex/index.js'],
  ['src/cli/deeper/probe.ts', '../../config.js'],
  ['src/cli/deeper/probe.ts', '../../emulator/index.js'],
  ['src/cli/deeper/probe.ts', '../../g2g.js'],
  ['src/g2g.ts', './config.js'],
  ['src/index.ts', './config.js'],
  ['src/webex/deeper/probe.ts', '../errors.js'],
  ['src/emulator/v1/deeper/probe.ts', '../../state.js'],
  ['src/store/migrations/probe.ts', '../schema.js'],
];

describe('import arrows (eslint.config.js)', () => {
  it.each(FORBIDDEN)('reports %s importing %s, in every import form', async (importer, specifier) => {
    const findings = await findingsFor(importer, specifier);
    expect(findings).toEqual([
      { ruleId: 'import-x/no-restricted-paths', line: 1 },
      { ruleId: 'import-x/no-restricted-paths', line: 2 },
      { ruleId: 'import-x/no-restricted-paths', line: 3 },
    ]);
  });

  it.each(ALLOWED)('allows %s importing %s', async (importer, specifier) => {
    expect(await findingsFor(importer, specifier)).toEqual([]);
  });

  // The zones skip what the resolver cannot follow, so an unresolvable static import must fail on its own
  // (no-unresolved passes over type-only re-exports; tsc rejects a missing module there anyway).
  it('reports a relative import it cannot resolve, which the zones could not judge', async () => {
    const findings = await findingsFor('src/core/visits/probe.ts', '../../no-such-module.js');
    expect(findings).toEqual([
      { ruleId: 'import-x/no-unresolved', line: 1 },
      { ruleId: 'import-x/no-unresolved', line: 3 },
    ]);
  });
});

// store/ implements core's ports: their types may come in, a core value may not (the arrow would point up).
describe('store/ imports only types from core/', () => {
  const typeAware = new ESLint({
    cwd: repoRoot,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } }],
    ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports',
  });
  const lint = async (code: string) => {
    const [result] = await typeAware.lintText(code, { filePath: path.join(repoRoot, 'src/store/migrations/probe.ts') });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  it('allows a port type from core/', async () => {
    expect(await lint(`import type { VisitStore } from '../../core/visits/visit-store.js';\nexport type { VisitStore };\n`)).toEqual([]);
  });

  it('reports a core value, at any depth', async () => {
    expect(await lint(`import { G2GError } from '../../core/errors.js';\nexport { G2GError };\n`)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });
});

// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import arrows point down only (ARCHITECTURE.md): cli -> server -> core -> (webex, store). */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/webex/**/*.ts'], rules: restrict([{ group: ['../*', '!../webex/*'], message: 'webex/ imports nothing else of src/' }]) },
  { files: ['src/emulator/**/*.ts'], rules: restrict([{ group: ['../webex/*', '../core/*', '../store/*', '../server/*', '../cli/*', '../config.js', '../index.js', '../../src/*'], message: 'emulator/ is a separate service: import nothing else of src/' }]) },
  // store/ implements core's ports (STYLE.md 6): it may import their types (and the domain model's), never a core value.
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../core/*', '../core/**'], allowTypeImports: true, message: 'store/ imports only types from core/ (the ports it implements)' },
        { group: ['../server/*', '../cli/*', '../emulator/*'], message: 'store/ sits below core/' },
      ] }],
    },
  },
  { files: ['src/core/**/*.ts'], rules: restrict([{ group: ['../server/*', '../cli/*', '../emulator/*', '../../server/*', '../../cli/*', '../../emulator/*'], message: 'core/ never imports server/, cli/ or emulator/' }]) },
  // core/ owns its ports; src/store implements them and createG2G hands them in. Only the orgs side (orgs, vault,
  // tenants, webhooks, org-services) still imports store/ directly: extend this block to all of core/ once it is switched.
  {
    files: ['src/core/visits/**/*.ts', 'src/core/governor/**/*.ts', 'src/core/events-out/**/*.ts', 'src/core/broker/**/*.ts', 'src/core/metrics/**/*.ts', 'src/core/meeting-events.ts', 'src/core/visit-media-events.ts', 'src/core/capacity.ts'],
    rules: restrict([
      { group: ['../server/*', '../cli/*', '../emulator/*', '../../server/*', '../../cli/*', '../../emulator/*'], message: 'core/ never imports server/, cli/ or emulator/' },
      { group: ['../store/*', '../../store/*'], message: 'core/ imports nothing of store/: define a port in core and implement it in store/' },
    ]),
  },
  { files: ['src/server/**/*.ts'], rules: restrict([{ group: ['../cli/*', '../../cli/*'], message: 'server/ never imports cli/' }]) },
);

// @ts-check
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Import arrows point down only (docs/architecture.md): cli -> server -> core -> (webex, store); the emulator stands
 * beside them. Each zone names the files it governs (`target`) and what they may not import (`from`), as resolved
 * paths, so `../../config.js` is caught at any depth. Only `g2g.ts` (the wiring root), `index.ts` and `cli/` may
 * import `config.ts`: every other part's zone lists it. `logger.ts` and `secret.ts` are shared leaves: they import
 * nothing of src/, and every part but webex/ and emulator/ (which import nothing else of src/) may use them.
 */
const zones = [
  { target: 'src/webex', from: 'src', except: ['./webex'], message: 'webex/ imports nothing else of src/' },
  { target: 'src/emulator', from: 'src', except: ['./emulator'], message: 'emulator/ is a separate service: it imports nothing else of src/' },
  {
    // store/ implements the ports core/ owns, so it may import their types: the block below allows types only.
    target: 'src/store',
    from: ['src/server', 'src/cli', 'src/webex', 'src/emulator', 'src/config.ts', 'src/g2g.ts', 'src/index.ts'],
    message: 'store/ imports nothing of server/, cli/, webex/, emulator/, config.ts, g2g.ts or index.ts',
  },
  {
    // Core reaches the database only through the ports it owns (`*-store.ts` beside the code that uses them).
    target: 'src/core',
    from: ['src/server', 'src/cli', 'src/emulator', 'src/store', 'src/config.ts', 'src/g2g.ts', 'src/index.ts'],
    message: 'core/ never imports server/, cli/, emulator/, store/, config.ts, g2g.ts or index.ts: it receives its slice of config and its store ports',
  },
  {
    target: 'src/server',
    from: ['src/cli', 'src/emulator', 'src/config.ts', 'src/g2g.ts', 'src/index.ts'],
    message: 'server/ never imports cli/, emulator/, config.ts, g2g.ts or index.ts',
  },
  {
    target: ['src/logger.ts', 'src/secret.ts'],
    from: 'src',
    except: ['./logger.ts', './secret.ts'],
    message: 'logger.ts and secret.ts are shared leaves: they import nothing else of src/',
  },
  { target: 'src/config.ts', from: ['src/server', 'src/cli', 'src/emulator', 'src/store', 'src/g2g.ts', 'src/index.ts'], message: 'config.ts is read by the wiring root, not the other way round' },
  { target: 'src/fidelity', from: 'src', except: ['./fidelity'], message: 'fidelity/ is an independent Webex client (it checks services; nothing of g2g may mask what it sees)' },
  {
    target: 'src/testing',
    from: ['src/core', 'src/server', 'src/store', 'src/webex', 'src/cli', 'src/fidelity', 'src/config.ts'],
    message: 'testing/ uses g2g as its users do: index.ts (and assembleG2G of g2g.ts), the emulator through its index',
  },
  { target: 'src/testing', from: 'src/emulator', except: ['./index.ts'], message: 'testing/ starts the emulator through emulator/index.ts only' },
  { target: 'src/g2g.ts', from: ['src/cli', 'src/emulator', 'src/index.ts'], message: 'g2g.ts wires server/, core/ and store/; it never imports cli/, emulator/ or index.ts' },
  { target: 'src/index.ts', from: ['src/cli'], message: 'the library never imports cli/' },
  {
    // `webex/index.ts` is the one door: deep imports would make every internal module public by accident.
    target: ['src/core', 'src/server', 'src/cli', 'src/config.ts', 'src/g2g.ts', 'src/index.ts'],
    from: 'src/webex',
    except: ['./index.ts'],
    message: 'import webex/ through webex/index.js only',
  },
];

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
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // ESM TypeScript: `./x.js` names `./x.ts`, as tsc resolves it.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
      // An import the resolver cannot follow would slip past the zones: fail it instead (packages are tsc's job).
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
    },
  },
  {
    // The ports and domain model are core's; a core value in store/ would point the arrow up.
    files: ['src/store/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['../core/**', '../../core/**', '../../../core/**'], allowTypeImports: true, message: 'store/ imports only types from core/ (the ports it implements)' },
      ] }],
    },
  },
);

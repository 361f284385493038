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
  { files: ['src/store/**/*.ts'], rules: restrict([{ group: ['../core/*', '../server/*', '../cli/*', '../emulator/*'], message: 'store/ sits below core/' }]) },
  { files: ['src/core/**/*.ts'], rules: restrict([{ group: ['../server/*', '../cli/*', '../emulator/*', '../../server/*', '../../cli/*', '../../emulator/*'], message: 'core/ never imports server/, cli/ or emulator/' }]) },
  { files: ['src/server/**/*.ts'], rules: restrict([{ group: ['../cli/*', '../../cli/*'], message: 'server/ never imports cli/' }]) },
);

// One lint config for the workspace; the import rules keep the dependency arrows pointing down.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './desktop/svelte.config.js';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'stream', 'http', 'net'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/.run/**',
      'test-artifacts/**',
      'ops/kafka/target/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    // Browser-safe code: shared/core and the renderer must never reach Node-only modules.
    files: ['shared/core/src/**/*.ts', 'desktop/src/renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'Browser-safe code cannot import Node built-ins.' },
            {
              group: ['@orak/engine', '@orak/engine/*', '@orak/cloud-*'],
              message: 'Arrows point down: browser-safe code cannot import Node-only packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ is the foundation: it never imports the wings above it.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@orak/desktop',
                '@orak/cloud-*',
                '@orak/api',
                '@orak/bridge',
                '@orak/analyzer',
                '@orak/reconciler',
              ],
              message: 'shared/ cannot import desktop/ or cloud/.',
            },
          ],
        },
      ],
    },
  },
);

// ESLint flat config: typescript-eslint's type-aware rules for every TypeScript file.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.nova/',
      'reports/',
      'playwright-report/',
      'test-results/',
      'blob-report/',
      'systems-under-test/*/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers: the framework imports no system under test, page object or spec,
    // and a system under test imports nothing from the framework that tests it.
    files: ['framework/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/pages/**', '**/specs/**', '**/systems-under-test/**'],
              message: 'framework/ must not import from pages/, specs/ or systems-under-test/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['systems-under-test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/framework/**'],
              message: 'A system under test must not import from framework/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Library code logs through the `debug`-based logger, never the console.
    files: ['framework/**/*.ts', 'systems-under-test/**/src/**/*.ts'],
    ignores: ['**/*-cli.ts', 'framework/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Browser scripts served by the systems under test run in the page, not in Node.js.
    // A block of its own: spreading disableTypeChecked here would replace these languageOptions.
    files: ['systems-under-test/**/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);

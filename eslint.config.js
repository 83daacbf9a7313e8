// Lint for the whole repository, with type information (typescript-eslint's project
// service reads the tsconfig that owns each file). Formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/fixtures/logs-blind-42 and -42b: locked sets, kept byte for byte as their writers left them (their sha256 are in the README and the closing notes).
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      'test-results/',
      '.electron-native/',
      'models/',
      'resources/',
      'test/fixtures/logs-blind-42/',
      'test/fixtures/logs-blind-42b/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'prefer-const': 'error',
    },
  },
  {
    // Processes share the store: a deferred transaction that reads, then writes, fails at once
    // when another process committed in between. main/store/writeTransaction.ts says why.
    files: ['main/**/*.ts'],
    ignores: ['main/store/writeTransaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Use writeTransaction(db, fn) (main/store/writeTransaction.ts): it takes the write lock at the start.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and their dependencies; the React Compiler's rules are for a compiler this app does not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);

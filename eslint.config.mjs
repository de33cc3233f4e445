// `npm run lint`: tsc --noEmit, then this — ESLint's recommended rules and typescript-eslint's
// recommended, type-checked rules over src/, test/, bench/ and scripts/, and the allowed directions
// of imports between the folders of src/ (eslint.imports.mjs).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importRules } from './eslint.imports.mjs';

export default defineConfig(
  { ignores: ['dist/', 'build/', 'coverage/', 'devTools/', 'node_modules/'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Names starting with "_" are unused on purpose: a parameter an interface requires, or a
      // property taken out of an object with a rest spread.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Implementations of Promise-returning interfaces (stores, fakes, transports) are `async`
      // without awaiting anything on purpose: a throw inside becomes a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
    },
  },
  importRules(import.meta.dirname),
  {
    // Plain JavaScript (jest.config.js, the Playground's preload): CommonJS, not type-checked.
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['agent/src/**/*.ts', 'shared/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'web/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // Spreading an array into call arguments throws RangeError past ~100,000 elements: use
      // pushAll / maxOf / minOf from @porthole/shared (snapshots hold arrays of any length).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
          message:
            'No spread into push/unshift/splice (RangeError on long arrays): use pushAll() from @porthole/shared.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message:
            'No spread into Math.max/min (RangeError on long arrays): use maxOf()/minOf() from @porthole/shared.',
        },
        {
          selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
          message: 'No spread into String.fromCharCode (RangeError on long arrays): convert in chunks.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
);
